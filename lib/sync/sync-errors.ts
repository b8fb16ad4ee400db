/**
 * Why a sync attempt failed, and whether trying again later can help.
 * - `network`: no answer (offline, DNS, refused, timeout): retry with backoff.
 * - `server`: 5xx or 429: retry with backoff (honouring Retry-After).
 * - `auth`: the session is over (refresh failed): stop until the user signs in again.
 * - `rejected`: the server refused the request as invalid: retrying the same request cannot help.
 */
export type SyncErrorKind = 'network' | 'server' | 'auth' | 'rejected';

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds the server asked us to wait (429/503 Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}
