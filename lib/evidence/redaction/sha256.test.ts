import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex } from './sha256';

describe('sha256', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é→✓ unicode', 'x'.repeat(1000)])('matches node:crypto for %j', (text) => {
    expect(toHex(sha256(new TextEncoder().encode(text)))).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('HMAC matches node:crypto, with short and long keys', () => {
    for (const key of ['case-1', 'k'.repeat(100)]) {
      expect(toHex(hmacSha256(key, 'AKIAIOSFODNN7EXAMPLE'))).toBe(createHmac('sha256', key).update('AKIAIOSFODNN7EXAMPLE').digest('hex'));
    }
  });
});
