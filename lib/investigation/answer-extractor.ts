/**
 * Streams the human answer out of a structured reply while it is still arriving.
 *
 * The agent answers with one JSON object whose first field is `answer` (Markdown). Waiting
 * for the whole object would hide the answer for seconds, so this reads the stream
 * incrementally and yields the decoded text of the `answer` string as soon as it appears.
 * A reply that is not JSON at all (a model ignoring the format) is passed through as text.
 */
export interface AnswerExtractor {
  /** Feeds raw model text; returns newly decoded answer text (possibly ''). */
  push(chunk: string): string;
  /** The raw text received so far. */
  raw(): string;
  /** 'json' once the reply looks like an object, 'text' if it is plain prose. */
  mode(): 'unknown' | 'json' | 'text';
  /** Starts over for the next model call of the same turn (after tool results). */
  reset(): void;
}

export function createAnswerExtractor(field = 'answer'): AnswerExtractor {
  let raw = '';
  let mode: 'unknown' | 'json' | 'text' = 'unknown';
  // Position in `raw` up to which the answer string has been decoded; -1 until found.
  let cursor = -1;
  let done = false;

  function locateField(): void {
    // Tolerates whitespace and a leading code fence; the key must be a top-level-looking "answer".
    const match = new RegExp(`"${field}"\\s*:\\s*"`).exec(raw);
    if (match) cursor = match.index + match[0].length;
  }

  /** Decodes as much of the JSON string at `cursor` as is complete; stops before a partial escape. */
  function decode(): string {
    let out = '';
    while (cursor < raw.length) {
      const ch = raw[cursor]!;
      if (ch === '"') {
        done = true;
        cursor++;
        break;
      }
      if (ch !== '\\') {
        out += ch;
        cursor++;
        continue;
      }
      const next = raw[cursor + 1];
      if (next === undefined) break; // wait for the rest of the escape
      if (next === 'u') {
        const hex = raw.slice(cursor + 2, cursor + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        cursor += 6;
        continue;
      }
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
      out += simple[next] ?? next;
      cursor += 2;
    }
    return out;
  }

  return {
    push(chunk: string): string {
      raw += chunk;
      if (mode === 'unknown') {
        const start = raw.replace(/^\s*(```(?:json)?\s*)?/, '');
        if (start.length === 0) return '';
        mode = start.startsWith('{') ? 'json' : 'text';
        if (mode === 'text') return raw;
      } else if (mode === 'text') {
        return chunk;
      }
      if (done) return '';
      if (cursor < 0) locateField();
      return cursor < 0 ? '' : decode();
    },
    raw: () => raw,
    mode: () => mode,
    reset() {
      raw = '';
      mode = 'unknown';
      cursor = -1;
      done = false;
    },
  };
}
