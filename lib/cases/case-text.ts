import { Redactor } from '@/lib/evidence/redaction/redactor';
import type { CaseBundle } from './case-bundle';
import { codeSpan, inlineText, paragraphText } from './markdown-text';

/**
 * A case's text as written into documents that leave the extension (postmortems, runbooks):
 * secrets masked once, consistently across sections, with the same placeholders as model calls
 * (keyed by the case id), then made inert as Markdown.
 */
export class CaseText {
  private readonly redactor: Redactor;

  constructor(bundle: CaseBundle) {
    this.redactor = new Redactor({ salt: bundle.kase.id });
    // Learn every text first, so a password found in a config is masked in a chat message too.
    this.redactor.learn(bundle.kase.title);
    for (const m of bundle.messages) this.redactor.learn(m.content);
    for (const e of bundle.evidence) this.redactor.learn(`${e.title}\n${e.text}\n${e.provenance.url ?? ''}`);
  }

  clean(text: string): string {
    return this.redactor.redact(text).text;
  }

  inline(text: string, maxChars = Infinity): string {
    return inlineText(this.clean(text), maxChars);
  }

  paragraph(text: string, maxChars = Infinity): string {
    return paragraphText(this.clean(text), maxChars);
  }

  code(text: string): string {
    return codeSpan(this.clean(text));
  }
}
