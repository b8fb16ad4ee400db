/**
 * Token buckets per key (route group + client address). Kept in memory per instance: behind a
 * load balancer each instance enforces the limit on its share, which still bounds password
 * guessing to (instances × limit) per minute.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly clock: () => number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.clock();
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    // A clock that steps back (NTP) must not drain the bucket.
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * refillPerMs);
    bucket.at = now;
    if (this.buckets.size > 50_000) this.prune(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
  }

  /** Drops buckets that have refilled completely: they hold no information. */
  private prune(now: number): void {
    const full = this.capacity / (this.perMinute / 60_000);
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}
