import { ProviderError } from './model';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes of one vendor SDK (OpenAI and Anthropic SDKs share this shape). */
export interface SdkErrorClasses {
  APIError: ErrorClass;
  APIUserAbortError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
}

/**
 * Turns whatever a vendor SDK threw into a classified `ProviderError`, so fallback can decide
 * (retry, fail over, give up) without knowing the vendor. `midStream` marks failures after the
 * response started, where an unexplained error means the stream was cut.
 */
export function classifyError(error: unknown, sdk: SdkErrorClasses, signal?: AbortSignal, midStream = false): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted || error instanceof sdk.APIUserAbortError) {
    return new ProviderError('aborted', 'The request was stopped');
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError('timeout', 'The provider did not answer in time');
  }
  if (error instanceof sdk.APIError) {
    const { status, headers } = error as Error & { status?: number; headers?: Headers };
    if (typeof status === 'number') return classifyStatus(status, error.message || `HTTP ${status}`, headers);
  }
  if (error instanceof sdk.APIConnectionError) {
    return new ProviderError('network', `Cannot reach the provider: ${error.message}`);
  }
  // The SDKs surface a garbled SSE line as a JSON SyntaxError.
  if (error instanceof SyntaxError) {
    return new ProviderError('bad-response', `The provider sent a response that could not be read: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(midStream ? 'stream-cut' : 'network', midStream ? `The stream broke off: ${message}` : message);
}

export function classifyStatus(status: number, detail: string, headers?: Headers): ProviderError {
  if (status === 401 || status === 403) return new ProviderError('auth', `Authentication failed: ${detail}`, status);
  if (status === 429) return new ProviderError('rate-limit', `Rate limited: ${detail}`, status, retryAfterMs(headers));
  if (status === 408) return new ProviderError('timeout', `The provider timed out: ${detail}`, status);
  if (status >= 500) return new ProviderError('server', `Provider error: ${detail}`, status, retryAfterMs(headers));
  return new ProviderError('bad-request', `Request rejected: ${detail}`, status);
}

/** Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const precise = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(precise) && precise >= 0) return precise;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
