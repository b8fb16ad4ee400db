import { describe, expect, it } from 'vitest';
import { describeFallback } from './describe-fallback';

describe('describeFallback', () => {
  it('says who failed, why, and who answered instead', () => {
    const note = { from: 'OpenAI', fromModel: 'gpt-4o', to: 'Groq', toModel: 'llama', reason: 'rate-limit', detail: 'Rate limited (HTTP 429)' };
    expect(describeFallback(note)).toBe('OpenAI was rate limited → Groq answered');
    expect(describeFallback({ ...note, reason: 'circuit-open' })).toBe('OpenAI is paused after repeated failures → Groq answered');
    expect(describeFallback({ ...note, reason: 'weird' })).toBe('OpenAI failed (weird) → Groq answered');
  });
});
