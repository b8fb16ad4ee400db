import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An expected failure with an HTTP status and a stable machine-readable code. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Sign in again: the token is missing, expired or revoked') =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
/** Also used for another team's resources: they are indistinguishable from missing ones. */
export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} not found`);
export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'invalid-input', message, details);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
