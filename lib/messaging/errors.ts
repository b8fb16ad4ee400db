/**
 * Errors that cross extension contexts. `runtime.sendMessage` can only carry JSON, so a
 * handler's exception is flattened to `SerializedError` and rebuilt as `RemoteError` on the
 * caller's side: callers `catch` it like any local error and can branch on `code`.
 */

export type ErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'no-provider'
  | 'provider-error'
  /** Provider keys are encrypted and need the passphrase (Settings → Unlock). */
  | 'locked'
  | 'permission-denied'
  | 'unsupported-page'
  | 'quota-exceeded'
  | 'busy'
  /** The team-sync server could not be reached or refused the request. */
  | 'sync-error'
  | 'unknown-command'
  | 'internal';

export interface SerializedError {
  name: string;
  message: string;
  code: ErrorCode;
}

/** An error with a machine-readable code, thrown by service-worker code for expected failures. */
export class FaultMavenError extends Error {
  override name = 'FaultMavenError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The caller-side copy of an error thrown in another context. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly remoteName: string,
  ) {
    super(message);
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof FaultMavenError || error instanceof RemoteError) {
    return { name: error.name, message: error.message, code: error.code };
  }
  if (error instanceof Error) {
    // IndexedDB reports a full disk as QuotaExceededError; say so plainly.
    if (error.name === 'QuotaExceededError' || /quota/i.test(error.message)) {
      return { name: error.name, message: `Browser storage is full: ${error.message}`, code: 'quota-exceeded' };
    }
    return { name: error.name, message: error.message, code: 'internal' };
  }
  return { name: 'Error', message: String(error), code: 'internal' };
}

export function deserializeError(error: SerializedError): RemoteError {
  return new RemoteError(error.code, error.message, error.name);
}
