/**
 * The incident timeline: lines and errors per minute. Buckets live in a map keyed by
 * minute, so memory follows the time span, not the file size; a log spanning more than
 * `maxBuckets` minutes is re-binned into wider buckets (2, 4, 8… minutes) as it grows.
 */
export interface TimelineBucket {
  /** Start of the bucket, ms (as read from the log; see timestamps.ts). */
  start: number;
  lines: number;
  errors: number;
}

export const MINUTE_MS = 60_000;
export const DEFAULT_MAX_BUCKETS = 20_000;

export class Timeline {
  private buckets = new Map<number, { lines: number; errors: number }>();
  private widthMs = MINUTE_MS;

  constructor(private readonly maxBuckets = DEFAULT_MAX_BUCKETS) {}

  add(ms: number, isError: boolean): void {
    const key = Math.floor(ms / this.widthMs) * this.widthMs;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxBuckets) {
        this.widen();
        this.add(ms, isError);
        return;
      }
      bucket = { lines: 0, errors: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.lines++;
    if (isError) bucket.errors++;
  }

  /** Bucket width in ms: one minute unless the span forced wider buckets. */
  get bucketMs(): number {
    return this.widthMs;
  }

  /** Buckets in time order; minutes without lines are omitted. */
  toArray(): TimelineBucket[] {
    return [...this.buckets.entries()].sort((a, b) => a[0] - b[0]).map(([start, b]) => ({ start, lines: b.lines, errors: b.errors }));
  }

  private widen(): void {
    this.widthMs *= 2;
    const merged = new Map<number, { lines: number; errors: number }>();
    for (const [start, b] of this.buckets) {
      const key = Math.floor(start / this.widthMs) * this.widthMs;
      const into = merged.get(key);
      if (into) {
        into.lines += b.lines;
        into.errors += b.errors;
      } else merged.set(key, { ...b });
    }
    this.buckets = merged;
  }
}
