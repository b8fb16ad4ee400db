/**
 * Turning untrusted text (scraped pages, model output, what the engineer typed) into Markdown
 * that renders as exactly that text: no links, images, HTML, headings or emphasis it did not
 * ask for. Postmortems are pasted into wikis, where a stray `<script>` or `[click](javascript:…)`
 * from a captured page must stay inert.
 */

/** Redaction placeholders stay readable (`[REDACTED:aws-access-key:abcdefgh]`), never a link. */
const PLACEHOLDER = /\[REDACTED:[a-z-]+:[a-z]{8,12}\]/g;

function escapeSegment(text: string): string {
  return (
    text
      // Every ASCII punctuation that starts an inline construct (CommonMark lets `\` escape any of them).
      .replace(/[\\`*_[\]<>|~!{}]/g, (c) => `\\${c}`)
      // Entity references (`&lt;`, `&#x3c;`) would decode into markup; a literal `&` elsewhere is harmless.
      .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
  );
}

/** One line of plain text for use inside a Markdown line (after a bullet or a label). */
export function inlineText(text: string, maxChars = Infinity): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (line.length > maxChars) line = `${line.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  let out = '';
  let last = 0;
  for (const match of line.matchAll(PLACEHOLDER)) {
    out += escapeSegment(line.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
    // `[REDACTED:…](` would still form a link: break the pair.
    if (line[last] === '(') {
      out += '\\(';
      last++;
    }
  }
  return out + escapeSegment(line.slice(last));
}

/** A paragraph that starts a line: also neutralises headings, quotes, lists and rules at its start. */
export function paragraphText(text: string, maxChars = Infinity): string {
  const line = inlineText(text, maxChars);
  return line.replace(/^(#|>|[-+=]|\d+[.)])/, (m) => `\\${m}`);
}

/** A code span holding `text` literally (one line), with a fence longer than any backtick run inside. */
export function codeSpan(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return '';
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A fenced block holding `text` literally, whatever it contains. */
export function fencedBlock(text: string, info = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text.replace(/\s+$/, '')}\n${fence}`;
}
