import type { EvidenceRecord } from '@/lib/db/records';
import { analyzeLogText, type LogAnalysis } from '@/lib/evidence/logs/log-analyzer';
import { looksLikeLog } from '@/lib/evidence/logs/looks-like-log';

/*
 * The incident on one time axis: when each piece of evidence was captured, the time ranges the
 * captured consoles were showing, and, for logs, errors per minute. Pure data: the chart only
 * draws what this returns. Times are epoch ms, shown in UTC like the rest of the case.
 */

export interface TimelineCapture {
  evidenceId: string;
  label: string;
  title: string;
  at: number;
}

export interface TimelineRange extends Omit<TimelineCapture, 'at'> {
  from: number;
  to: number;
}

export interface TimelineLogSeries extends Omit<TimelineCapture, 'at'> {
  bucketMs: number;
  buckets: { start: number; lines: number; errors: number }[];
  maxErrors: number;
  totalErrors: number;
  /** The busiest bucket for errors (null when the log has none). */
  peak: { start: number; errors: number } | null;
}

export interface IncidentTimeline {
  start: number;
  end: number;
  captures: TimelineCapture[];
  ranges: TimelineRange[];
  logs: TimelineLogSeries[];
  /** What could not be placed, and why (shown under the chart). */
  notes: string[];
}

/** Logs bigger than this are summarised when sent, and not re-read here on every render. */
export const MAX_TIMELINE_LOG_CHARS = 1_000_000;
const DAY_MS = 86_400_000;

type Analyze = (text: string, referenceYear: number) => Pick<LogAnalysis, 'timeline' | 'bucketMs' | 'timeKind'>;

const defaultAnalyze: Analyze = (text, referenceYear) => analyzeLogText(text, { referenceYear });

/** Analyses are kept per item (text never changes once stored), so re-renders do not re-read logs. */
const analysisCache = new Map<string, ReturnType<Analyze> | null>();
const CACHE_LIMIT = 64;

function logAnalysisOf(item: EvidenceRecord, analyze: Analyze): ReturnType<Analyze> | null {
  const cacheKey = `${item.id}:${item.text.length}`;
  if (analysisCache.has(cacheKey)) return analysisCache.get(cacheKey)!;
  const result =
    item.text.length <= MAX_TIMELINE_LOG_CHARS && !item.imageDataUrl && looksLikeLog(item.text)
      ? analyze(item.text, new Date(item.provenance.capturedAt).getUTCFullYear())
      : null;
  if (analysisCache.size >= CACHE_LIMIT) analysisCache.delete(analysisCache.keys().next().value!);
  analysisCache.set(cacheKey, result);
  return result;
}

export function buildIncidentTimeline(
  evidence: readonly EvidenceRecord[],
  labels: ReadonlyMap<string, string> = new Map(),
  analyze: Analyze = defaultAnalyze,
): IncidentTimeline | null {
  const captures: TimelineCapture[] = [];
  const ranges: TimelineRange[] = [];
  const logs: TimelineLogSeries[] = [];
  const notes: string[] = [];
  const ordered = [...evidence].sort((a, b) => a.provenance.capturedAt - b.provenance.capturedAt);

  for (const item of ordered) {
    const label = labels.get(item.id) ?? '';
    const base = { evidenceId: item.id, label, title: item.title };
    captures.push({ ...base, at: item.provenance.capturedAt });

    const range = item.structured?.timeRange;
    if (range) {
      const from = Date.parse(range.from);
      const to = Date.parse(range.to);
      if (Number.isFinite(from) && Number.isFinite(to) && to >= from) ranges.push({ ...base, from, to });
    }

    const analysis = logAnalysisOf(item, analyze);
    if (!analysis) continue;
    if (analysis.timeline.length === 0) {
      notes.push(`${label || item.title}: no timestamps found in the log`);
      continue;
    }
    // Times of day without a date (e.g. logback's default) are placed on the day of capture.
    const shift = analysis.timeKind === 'time-only' ? Math.floor(item.provenance.capturedAt / DAY_MS) * DAY_MS : 0;
    if (shift) notes.push(`${label || item.title}: the log has times without a date; placed on the capture date`);
    const buckets = analysis.timeline.map((b) => ({ start: b.start + shift, lines: b.lines, errors: b.errors }));
    let peak: TimelineLogSeries['peak'] = null;
    let totalErrors = 0;
    for (const b of buckets) {
      totalErrors += b.errors;
      if (b.errors > 0 && (!peak || b.errors > peak.errors)) peak = { start: b.start, errors: b.errors };
    }
    logs.push({ ...base, bucketMs: analysis.bucketMs, buckets, maxErrors: peak?.errors ?? 0, totalErrors, peak });
  }

  if (captures.length === 0) return null;
  const times = [
    ...captures.map((c) => c.at),
    ...ranges.flatMap((r) => [r.from, r.to]),
    ...logs.flatMap((l) => [l.buckets[0]!.start, l.buckets[l.buckets.length - 1]!.start + l.bucketMs]),
  ];
  let start = Math.min(...times);
  let end = Math.max(...times);
  // A single instant still needs some width to be drawn: five minutes around it.
  if (end - start < 60_000) {
    start -= 150_000;
    end += 150_000;
  }
  return { start, end, captures, ranges, logs, notes };
}

/** Round, readable tick times (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, days) for an axis. */
export function timeTicks(start: number, end: number, maxTicks = 5): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
  const span = Math.max(1, end - start);
  const step = steps.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY_MS) * DAY_MS;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** `14:05` within a day, `11-24 14:05` across days (UTC). */
export function formatTick(ms: number, spansDays: boolean): string {
  const iso = new Date(ms).toISOString();
  return spansDays ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
