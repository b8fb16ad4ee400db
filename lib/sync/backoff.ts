/**
 * Exponential backoff with jitter: 2 s, 4 s, 8 s… capped at 5 minutes, each scaled by a random
 * factor in [0.5, 1) so that many devices failing together do not retry together.
 */
export function backoffDelay(failures: number, random: () => number = Math.random, baseMs = 2000, maxMs = 5 * 60_000): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
