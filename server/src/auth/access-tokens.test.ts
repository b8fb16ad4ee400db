import { describe, expect, it } from 'vitest';
import { AccessTokens } from './access-tokens';

describe('AccessTokens', () => {
  const key = new TextEncoder().encode('k'.repeat(48));

  it('verifies its own tokens, also from the cache, until they expire', async () => {
    let now = 1_700_000_000_000;
    const tokens = new AccessTokens(key, 900, () => now);
    const token = await tokens.sign({ userId: 'u', teamId: 't', sessionId: 's' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u', teamId: 't', sessionId: 's' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u', teamId: 't', sessionId: 's' });
    now += 901_000;
    expect(await tokens.verify(token)).toBeNull();
  });

  it('rejects tokens signed with another key', async () => {
    const other = new AccessTokens(new TextEncoder().encode('x'.repeat(48)), 900, Date.now);
    const mine = new AccessTokens(key, 900, Date.now);
    expect(await mine.verify(await other.sign({ userId: 'u', teamId: 't', sessionId: 's' }))).toBeNull();
  });
});
