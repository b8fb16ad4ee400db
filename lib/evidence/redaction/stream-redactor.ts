import type { RedactedFinding, Redactor } from './redactor';

/**
 * Redacts a text that arrives in chunks, with findings at offsets into the whole original.
 * Text is processed up to the last complete line, so single-line secrets are never cut; a
 * private key block waits until its END line arrives. A line longer than `maxPendingChars`
 * (a 50 MB one-line file) is processed in pieces cut at a separator, keeping memory bounded.
 */
export interface StreamRedactorOptions {
  maxPendingChars?: number;
}

/** Long enough for any single-line secret (JWTs, connection strings) to lie inside one piece. */
const OVERLAP_CHARS = 8 * 1024;
const OPEN_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;

export class StreamRedactor {
  private pending = '';
  /** Offset in the original text where `pending` starts. */
  private base = 0;
  private readonly maxPending: number;

  constructor(
    private readonly redactor: Redactor,
    private readonly onOutput: (text: string, findings: RedactedFinding[]) => void,
    options: StreamRedactorOptions = {},
  ) {
    this.maxPending = Math.max(options.maxPendingChars ?? 4 * 1024 * 1024, OVERLAP_CHARS * 4);
  }

  push(chunk: string): void {
    this.pending += chunk;
    let cut = this.pending.lastIndexOf('\n') + 1;
    const openBlock = this.openKeyBlockStart(cut);
    if (openBlock >= 0) cut = openBlock;
    if (this.pending.length > this.maxPending && cut < this.pending.length - this.maxPending / 2) {
      cut = this.avoidSplittingASecret(this.safeCut(this.pending.length - OVERLAP_CHARS));
    }
    if (cut > 0) this.emit(cut);
  }

  end(): void {
    if (this.pending.length > 0) this.emit(this.pending.length);
  }

  /** Redacts `pending[0, cut)`; a secret that starts there but runs past `cut` is taken whole. */
  private emit(cut: number): void {
    const { text, findings } = this.redactor.redact(this.pending.slice(0, cut));
    const absolute = findings.map((f) => ({ ...f, start: f.start + this.base, end: f.end + this.base }));
    this.onOutput(text, absolute);
    this.base += cut;
    this.pending = this.pending.slice(cut);
  }

  /** Where an unterminated private key block starts before `cut`, or -1. */
  private openKeyBlockStart(cut: number): number {
    if (!this.pending.includes('PRIVATE KEY')) return -1;
    OPEN_KEY_BLOCK.lastIndex = 0;
    let open = -1;
    for (let m = OPEN_KEY_BLOCK.exec(this.pending); m && m.index < cut; m = OPEN_KEY_BLOCK.exec(this.pending)) {
      const closed = this.pending.indexOf('-----END', m.index + m[0].length);
      if (closed < 0 || closed >= cut) {
        open = m.index;
        break;
      }
    }
    // A block that never ends must not hold the stream forever.
    return open >= 0 && this.pending.length - open < this.maxPending ? open : -1;
  }

  /** Moves `cut` back to the start of a secret that would straddle it. */
  private avoidSplittingASecret(cut: number): number {
    const from = Math.max(0, cut - OVERLAP_CHARS);
    const window = this.pending.slice(from, Math.min(this.pending.length, cut + OVERLAP_CHARS));
    for (const f of this.redactor.find(window)) {
      if (from + f.start < cut && from + f.end > cut) return from + f.start;
    }
    return cut;
  }

  /** A cut point at or before `limit` that falls between values: after `,;}] ` or whitespace. */
  private safeCut(limit: number): number {
    for (let i = limit; i > limit - OVERLAP_CHARS && i > 0; i--) {
      const c = this.pending.charCodeAt(i - 1);
      if (c === 44 || c === 59 || c === 125 || c === 93) return i;
    }
    for (let i = limit; i > limit - OVERLAP_CHARS && i > 0; i--) {
      const c = this.pending.charCodeAt(i - 1);
      if (c === 32 || c === 9) return i;
    }
    return limit;
  }
}
