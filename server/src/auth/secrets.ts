import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret (invite codes, refresh tokens, API token secrets). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function randomId(): string {
  return crypto.randomUUID();
}

/**
 * SHA-256 is enough for high-entropy random secrets (unlike passwords): the database keeps
 * only this digest, so a leaked backup holds no usable token.
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
