import { analyzeLogText } from './logs/log-analyzer';
import { looksLikeLog } from './logs/looks-like-log';
import { isCondensedUpload } from './upload/upload-log-condenser';
import { summarizeLog } from './logs/summarize';
import { Redactor, type RedactedFinding } from './redaction/redactor';
import { SECRET_LABELS, type SecretType } from './redaction/secret-types';

/**
 * Everything the model will read passes through here first: secrets are masked (always), and
 * log-shaped evidence is analysed — condensed to a summary when it is too big to send whole.
 *
 * Placeholders are consistent within a case across turns because the redactor's salt is the
 * case id: the same secret always becomes the same `[REDACTED:type:tag]`, and nothing needs to
 * be stored. The placeholder → original mapping stays in this object, on the device; what it
 * reports (`masked`) is for the preview the user sees before sending.
 */
export interface MaskedValue {
  type: SecretType;
  label: string;
  placeholder: string;
  /** Enough of the original to recognise it (`AKIA…MPLE`), shown only locally. */
  hint: string;
  /** Where it was found: "your message", `evidence E2 "nginx.log"`… */
  where: string[];
  count: number;
}

export interface CondensedNote {
  where: string;
  lines: number;
  templates: number;
  originalChars: number;
  sentChars: number;
}

export interface PreparedEvidence {
  body: string;
  /** Set when the text was a log too big to send whole and a summary was sent instead. */
  condensed: CondensedNote | null;
}

/** Logs are analysed up to this size; bigger evidence was already capped when it was stored. */
const MAX_ANALYSED_CHARS = 1_000_000;

interface CachedEvidence {
  body: string;
  condensed: Omit<CondensedNote, 'where'> | null;
  findings: { placeholder: string; type: SecretType; value: string }[];
}

/** Redaction and condensation of a 200 KB log take tens of ms; each turn re-reads the same evidence. */
const evidenceCache = new Map<string, CachedEvidence>();
/** The secrets detected in each evidence item, for the learning pass. */
const secretsCache = new Map<string, { type: SecretType; value: string }[]>();
const CACHE_ENTRIES = 32;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.set(key, value);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

export class ModelInputPreparer {
  private readonly redactor: Redactor;
  private readonly maskedByPlaceholder = new Map<string, MaskedValue>();
  private readonly condensedNotes: CondensedNote[] = [];

  constructor(private readonly caseSalt: string) {
    this.redactor = new Redactor({ salt: caseSalt });
  }

  /**
   * First pass over everything that will be sent: a secret detected anywhere (say, in a captured
   * config) is then masked everywhere, also where nothing around it looks secret (a chat message).
   */
  learn(texts: string[], evidence: { id: string; text: string }[] = []): void {
    for (const text of texts) if (text) this.redactor.learn(text);
    for (const item of evidence) {
      const key = `${this.caseSalt}\u0000${item.id}\u0000${item.text.length}`;
      const secrets =
        secretsCache.get(key) ??
        remember(secretsCache, key, this.redactor.find(item.text).map((f) => ({ type: f.type, value: item.text.slice(f.start, f.end) })));
      for (const secret of secrets) this.redactor.remember(secret.type, secret.value);
    }
  }

  /** Masks secrets in `text` and records what was masked, with `where` for the preview. */
  redact(text: string, where: string): string {
    if (!text) return text;
    const { text: redacted, findings } = this.redactor.redact(text);
    for (const f of findings) this.record(f.type, f.placeholder, text.slice(f.start, f.end), where);
    return redacted;
  }

  /**
   * Evidence text ready for the prompt within `roomChars`: redacted; a log that does not fit is
   * replaced by its condensed summary; other text that does not fit is shortened.
   */
  prepareEvidence(item: { id: string; text: string; capturedAt: number }, where: string, roomChars: number): PreparedEvidence {
    // What is masked depends on the secrets known from the other texts, hence the fingerprint.
    const key = `${this.caseSalt}\u0000${item.id}\u0000${item.text.length}\u0000${roomChars}\u0000${this.redactor.knownFingerprint()}`;
    const cached = evidenceCache.get(key) ?? remember(evidenceCache, key, this.prepareUncached(item, roomChars));
    for (const f of cached.findings) this.record(f.type, f.placeholder, f.value, where);
    const condensed = cached.condensed ? { ...cached.condensed, where } : null;
    if (condensed) this.condensedNotes.push(condensed);
    return { body: cached.body, condensed };
  }

  get masked(): MaskedValue[] {
    return [...this.maskedByPlaceholder.values()];
  }

  get condensed(): CondensedNote[] {
    return [...this.condensedNotes];
  }

  private prepareUncached(item: { text: string; capturedAt: number }, roomChars: number): CachedEvidence {
    const { text: redacted, findings: raw } = this.redactor.redact(item.text);
    const findings = raw.map((f: RedactedFinding) => ({ placeholder: f.placeholder, type: f.type, value: item.text.slice(f.start, f.end) }));
    // A condensed upload already starts with the summary of the WHOLE file: re-analysing its
    // excerpts would replace that with a summary of the start and end only.
    if (redacted.length > MAX_ANALYSED_CHARS || isCondensedUpload(redacted) || !looksLikeLog(redacted)) {
      const body = redacted.length <= roomChars ? redacted : `${redacted.slice(0, roomChars)}\n…[shortened]`;
      return { body, condensed: null, findings };
    }
    // A log: analysed on the redacted text, so its summary can only quote redacted lines.
    const analysis = analyzeLogText(redacted, { referenceYear: new Date(item.capturedAt).getUTCFullYear() });
    const errors = analysis.templates.reduce((sum, t) => sum + t.errorCount, 0);
    const stats = `${analysis.lines.toLocaleString('en-US')} lines, ${analysis.templates.length} templates, ${errors.toLocaleString('en-US')} error lines`;
    const whole = `[Log: ${stats}]\n${redacted}`;
    if (whole.length <= roomChars) return { body: whole, condensed: null, findings };
    const note = `[Log condensed on the user's device (${stats}); ask for specific lines if you need them.]\n`;
    // The budget is in tokens; the room is in characters (≈4 per token for prose, fewer for logs).
    let summary = summarizeLog(analysis, { tokenBudget: Math.max(60, Math.floor((roomChars - note.length) / 4)) });
    if (note.length + summary.length > roomChars) summary = `${summary.slice(0, Math.max(0, roomChars - note.length - 14))}\n…[shortened]`;
    const body = note + summary;
    return {
      body,
      condensed: { lines: analysis.lines, templates: analysis.templates.length, originalChars: item.text.length, sentChars: body.length },
      findings,
    };
  }

  private record(type: SecretType, placeholder: string, value: string, where: string): void {
    const existing = this.maskedByPlaceholder.get(placeholder);
    if (existing) {
      existing.count++;
      if (!existing.where.includes(where)) existing.where.push(where);
      return;
    }
    this.maskedByPlaceholder.set(placeholder, { type, label: SECRET_LABELS[type], placeholder, hint: hintOf(value), where: [where], count: 1 });
  }
}

/** `AKIA…MPLE`: recognisable to the owner, useless to anyone else. Short values show no characters. */
export function hintOf(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  if (flat.startsWith('-----BEGIN')) return flat.slice(0, flat.indexOf('-----', 5) + 5);
  if (flat.length < 12) return `${'•'.repeat(Math.min(flat.length, 8))} (${flat.length} characters)`;
  return `${flat.slice(0, 4)}…${flat.slice(-4)} (${flat.length} characters)`;
}
