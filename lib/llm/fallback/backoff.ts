export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** ± this fraction of randomness, so parallel turns do not retry in lockstep. */
  jitter: number;
}

/** Short on purpose: during an incident a user waits for the answer; failing over beats sleeping. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 4_000, jitter: 0.2 };

/** Exponential backoff after `failures` consecutive failures (1 → base, 2 → 2×base, …). */
export function backoffDelay(failures: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
  const spread = exponential * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(exponential + spread));
}
