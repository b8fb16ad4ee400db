import { HeaderParser } from './header';
import { ERROR_SEVERITY, LEVEL_SEVERITY, severityOf, type LogLevel } from './levels';
import { detach, LineSplitter } from './line-splitter';
import { maskMessage } from './mask';
import { TemplateMiner } from './template-miner';
import { formatTimestamp, type TimestampKind } from './timestamps';
import { Timeline, MINUTE_MS, type TimelineBucket } from './timeline';

/**
 * Streaming log analysis: feed text in chunks (or lines) of any size, then `finish()`.
 * Memory depends on the number of distinct templates and the time span, never on the file
 * size: lines are parsed, counted and dropped; only one example line per signature is kept.
 */
export interface LogAnalyzerOptions {
  /** Completes dates written without a year (syslog). Default: the current year. */
  referenceYear?: number;
  /** Keep each line's template (for `fm logs analyze --json`): 4 bytes per line. */
  recordAssignments?: boolean;
  maxLineChars?: number;
  maxSignatures?: number;
}

export interface LogTemplate {
  /** 1-based, in order of first appearance. */
  id: number;
  template: string;
  count: number;
  /** ISO 8601 of the first/last line with this template; null when lines carry no time. */
  first: string | null;
  last: string | null;
  firstMs: number | null;
  lastMs: number | null;
  /** Most severe level declared on its lines, or null when the log has no level field. */
  level: LogLevel | null;
  /** Most severe of the declared level or, without one, what the words say (see levels.ts). */
  severity: number;
  errorCount: number;
  /** 1-based line numbers. */
  firstLine: number;
  lastLine: number;
  /** The first and last raw lines with this template (shortened past 500 characters). */
  example: string;
  lastExample: string;
  /** Most lines of this template seen within one minute, and when. */
  peakPerMinute: number;
  peakMinuteMs: number | null;
}

export interface LogAnalysis {
  lines: number;
  blankLines: number;
  templates: LogTemplate[];
  /** Per input line, its template id; 0 for a blank line. Only with `recordAssignments`. */
  assignments?: Int32Array;
  timeline: TimelineBucket[];
  bucketMs: number;
  startMs: number | null;
  endMs: number | null;
  timeKind: TimestampKind | null;
  /** Lines per declared level; `NONE` counts lines without one. */
  levelCounts: Partial<Record<LogLevel | 'NONE', number>>;
  /** Lines longer than the cap, and the characters of them that were not analysed. */
  longLines: number;
  droppedChars: number;
}

const EXAMPLE_CHARS = 500;

interface SignatureStats {
  count: number;
  firstMs: number | null;
  lastMs: number | null;
  kind: TimestampKind | null;
  level: LogLevel | null;
  severity: number;
  keywordSeverity: number;
  errorCount: number;
  firstLine: number;
  lastLine: number;
  example: string;
  lastExample: string;
  /** The latest line, by reference, until flushExamples copies it. */
  lastRaw: string | null;
  minute: number;
  minuteCount: number;
  peakPerMinute: number;
  peakMinuteMs: number | null;
}

export class LogAnalyzer {
  private readonly header: HeaderParser;
  private readonly miner: TemplateMiner;
  private readonly timeline = new Timeline();
  private readonly stats: SignatureStats[] = [];
  private readonly dirty: SignatureStats[] = [];
  private readonly splitter: LineSplitter;
  private readonly assignments: GrowableInt32 | null;
  private lineCount = 0;
  private blankLines = 0;
  private longLines = 0;
  private droppedChars = 0;
  private lastMs: number | null = null;
  private lastKind: TimestampKind | null = null;
  private startMs: number | null = null;
  private endMs: number | null = null;
  private readonly levelCounts: Partial<Record<LogLevel | 'NONE', number>> = {};

  constructor(options: LogAnalyzerOptions = {}) {
    this.header = new HeaderParser(options.referenceYear);
    this.miner = new TemplateMiner({ maxSignatures: options.maxSignatures });
    this.assignments = options.recordAssignments ? new GrowableInt32() : null;
    this.splitter = new LineSplitter((text, dropped) => this.addLine(text, dropped), options.maxLineChars);
  }

  /** Feeds the next piece of text; lines may span pieces. */
  push(chunk: string): void {
    this.flushExamples();
    this.splitter.push(chunk);
  }

  /**
   * Copies the last-seen lines kept by reference: they are slices of the previous chunk and
   * would keep it alive. Costs one copy per signature seen in the chunk, not per line.
   */
  private flushExamples(): void {
    for (const s of this.dirty) {
      if (s.lastRaw !== null) s.lastExample = example(s.lastRaw);
      s.lastRaw = null;
    }
    this.dirty.length = 0;
  }

  /** Feeds one complete line (no newline). */
  addLine(text: string, droppedChars = 0): void {
    this.lineCount++;
    if (droppedChars > 0) {
      this.longLines++;
      this.droppedChars += droppedChars;
    }
    if (isBlank(text)) {
      this.blankLines++;
      this.assignments?.push(-1);
      return;
    }
    const parsed = this.header.parse(text);
    if (parsed.timestamp) {
      this.lastMs = parsed.timestamp.ms;
      this.lastKind = parsed.timestamp.kind;
    }
    // A line without its own time (a stack frame, a continuation) happened when the last one did.
    const ms = this.lastMs;
    const level = parsed.level ?? null;
    this.levelCounts[level ?? 'NONE'] = (this.levelCounts[level ?? 'NONE'] ?? 0) + 1;

    const id = this.miner.add(maskMessage(parsed.message));
    let s = this.stats[id];
    if (!s) {
      s = this.newStats(text, parsed.message, ms);
      this.stats[id] = s;
    }
    const severity = level ? LEVEL_SEVERITY[level] : s.keywordSeverity;
    s.count++;
    s.lastLine = this.lineCount;
    if (s.count > 1) {
      // Keep a reference now and copy it once per chunk (see flushExamples): copying every line is slow.
      if (s.lastRaw === null) this.dirty.push(s);
      s.lastRaw = text;
    }
    if (level && (s.level === null || LEVEL_SEVERITY[level] > LEVEL_SEVERITY[s.level])) s.level = level;
    if (severity > s.severity) s.severity = severity;
    const isError = severity >= ERROR_SEVERITY;
    if (isError) s.errorCount++;
    if (ms !== null) {
      if (s.firstMs === null || ms < s.firstMs) {
        s.firstMs = ms;
        s.kind = this.lastKind;
      }
      if (s.lastMs === null || ms > s.lastMs) s.lastMs = ms;
      if (this.startMs === null || ms < this.startMs) this.startMs = ms;
      if (this.endMs === null || ms > this.endMs) this.endMs = ms;
      this.timeline.add(ms, isError);
      const minute = Math.floor(ms / MINUTE_MS);
      if (minute === s.minute) s.minuteCount++;
      else {
        s.minute = minute;
        s.minuteCount = 1;
      }
      if (s.minuteCount > s.peakPerMinute) {
        s.peakPerMinute = s.minuteCount;
        s.peakMinuteMs = minute * MINUTE_MS;
      }
    }
    this.assignments?.push(id);
  }

  finish(): LogAnalysis {
    this.splitter.end();
    this.flushExamples();
    const { templateOf, templates } = this.miner.consolidate();
    const merged = templates.map((t) => mergeStats(t.members.map((m) => this.stats[m]!), t.tokens.join(' ')));
    // Ids in order of first appearance, so T1 is the first thing the log said.
    const order = merged.map((_, i) => i).sort((a, b) => merged[a]!.firstLine - merged[b]!.firstLine);
    const idOf = new Int32Array(merged.length);
    order.forEach((index, rank) => (idOf[index] = rank + 1));
    const result: LogTemplate[] = order.map((index) => ({ ...merged[index]!, id: idOf[index]! }));

    let assignments: Int32Array | undefined;
    if (this.assignments) {
      assignments = this.assignments.toArray();
      for (let i = 0; i < assignments.length; i++) {
        const sig = assignments[i]!;
        assignments[i] = sig < 0 ? 0 : idOf[templateOf[sig]!]!;
      }
    }
    return {
      lines: this.lineCount,
      blankLines: this.blankLines,
      templates: result,
      ...(assignments ? { assignments } : {}),
      timeline: this.timeline.toArray(),
      bucketMs: this.timeline.bucketMs,
      startMs: this.startMs,
      endMs: this.endMs,
      timeKind: this.lastKind,
      levelCounts: { ...this.levelCounts },
      longLines: this.longLines,
      droppedChars: this.droppedChars,
    };
  }

  private newStats(text: string, message: string, ms: number | null): SignatureStats {
    const first = example(text);
    return {
      count: 0,
      firstMs: ms,
      lastMs: ms,
      kind: ms === null ? null : this.lastKind,
      level: null,
      severity: 0,
      keywordSeverity: severityOf(undefined, message),
      errorCount: 0,
      firstLine: this.lineCount,
      lastLine: this.lineCount,
      example: first,
      lastExample: first,
      lastRaw: null,
      minute: -1,
      minuteCount: 0,
      peakPerMinute: 0,
      peakMinuteMs: null,
    };
  }
}

function mergeStats(members: SignatureStats[], template: string): Omit<LogTemplate, 'id'> {
  let firstOf = members[0]!;
  let lastOf = members[0]!;
  let count = 0;
  let errorCount = 0;
  let severity = 0;
  let level: LogLevel | null = null;
  let firstMs: number | null = null;
  let lastMs: number | null = null;
  let kind: TimestampKind | null = null;
  let peak = members[0]!;
  for (const s of members) {
    count += s.count;
    errorCount += s.errorCount;
    if (s.severity > severity) severity = s.severity;
    if (s.level && (!level || LEVEL_SEVERITY[s.level] > LEVEL_SEVERITY[level])) level = s.level;
    if (s.firstLine < firstOf.firstLine) firstOf = s;
    if (s.lastLine > lastOf.lastLine) lastOf = s;
    if (s.firstMs !== null && (firstMs === null || s.firstMs < firstMs)) {
      firstMs = s.firstMs;
      kind = s.kind;
    }
    if (s.lastMs !== null && (lastMs === null || s.lastMs > lastMs)) lastMs = s.lastMs;
    if (s.peakPerMinute > peak.peakPerMinute) peak = s;
  }
  return {
    template,
    count,
    first: firstMs === null || kind === null ? null : formatTimestamp(firstMs, kind),
    last: lastMs === null || kind === null ? null : formatTimestamp(lastMs, kind),
    firstMs,
    lastMs,
    level,
    severity,
    errorCount,
    firstLine: firstOf.firstLine,
    lastLine: lastOf.lastLine,
    example: firstOf.example,
    lastExample: lastOf.lastExample,
    peakPerMinute: peak.peakPerMinute,
    peakMinuteMs: peak.peakMinuteMs,
  };
}

function example(text: string): string {
  return detach(text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS)}…` : text);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return false;
  }
  return true;
}

/** An append-only Int32 list that grows by doubling (no per-element boxing). */
class GrowableInt32 {
  private data = new Int32Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Analyses a whole string at once (evidence already in memory). */
export function analyzeLogText(text: string, options: LogAnalyzerOptions = {}): LogAnalysis {
  const analyzer = new LogAnalyzer(options);
  analyzer.push(text);
  return analyzer.finish();
}
