import { LogAnalyzer, type LogAnalysis } from '@/lib/evidence/logs/log-analyzer';
import { looksLikeLog } from '@/lib/evidence/logs/looks-like-log';
import { summarizeLog } from '@/lib/evidence/logs/summarize';

/** Text sniffed before deciding whether an upload is a log (about the first 200 lines). */
const SNIFF_CHARS = 64 * 1024;
/**
 * Token budget of the stored summary: about 5,600 characters at the estimator's rate, so the
 * whole summary fits the room a turn gives one evidence item (6,000 characters in
 * lib/turns/build-prompt.ts), which sends a condensed upload from its start.
 */
export const UPLOAD_SUMMARY_TOKENS = 1_400;

/** First words of a condensed upload's text; the prompt builder sends such text from its start. */
export const CONDENSED_UPLOAD_MARKER = '[Log file too big to keep whole (';

/** Whether stored evidence text is a condensed upload (possibly after the invalid-UTF-8 note). */
export function isCondensedUpload(text: string): boolean {
  return text.slice(0, 200).includes(CONDENSED_UPLOAD_MARKER);
}

export interface CondensedUpload {
  summary: string;
  lines: number;
  templates: number;
  errorLines: number;
}

/**
 * Feeds every chunk of an upload through the streaming log analyzer once the start of the file
 * looks like a log, so the summary covers the whole file however big it is. The analyzer's
 * memory depends on the number of templates, not on the file size (tests/bench/logs.bench.ts),
 * and nothing of the raw text is kept here after the sniff.
 */
export class UploadLogCondenser {
  private pending: string[] = [];
  private pendingChars = 0;
  private analyzer: LogAnalyzer | null = null;
  private decided = false;

  push(text: string): void {
    if (this.analyzer) return this.analyzer.push(text);
    if (this.decided) return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= SNIFF_CHARS) this.decide();
  }

  /** Whether the upload was recognised as a log (decided after the sniff or at the end). */
  get isLog(): boolean {
    return this.analyzer !== null;
  }

  /** The condensed whole-file summary, or null when the file is not a log. */
  finish(): CondensedUpload | null {
    if (!this.decided) this.decide();
    if (!this.analyzer) return null;
    const analysis: LogAnalysis = this.analyzer.finish();
    return {
      summary: summarizeLog(analysis, { tokenBudget: UPLOAD_SUMMARY_TOKENS }),
      lines: analysis.lines,
      templates: analysis.templates.length,
      errorLines: analysis.templates.reduce((sum, t) => sum + t.errorCount, 0),
    };
  }

  private decide(): void {
    this.decided = true;
    const start = this.pending.join('');
    this.pending = [];
    if (!looksLikeLog(start.slice(0, SNIFF_CHARS))) return;
    this.analyzer = new LogAnalyzer();
    this.analyzer.push(start);
  }
}
