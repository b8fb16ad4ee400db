import { describe, expect, it } from 'vitest';
import { digestEvidence, planEvidence } from './evidence-budget';

const item = (n: number, text: string) => ({ id: `id${n}`, label: `E${n}`, title: `t${n}`, text, createdAt: n });

describe('planEvidence', () => {
  it('sends the three newest items in full, older ones as digests, oldest first', () => {
    const plan = planEvidence([1, 2, 3, 4, 5].map((n) => item(n, `line one of ${n}\nline two`)));
    expect(plan.items.map((i) => [i.label, i.mode])).toEqual([['E1', 'digest'], ['E2', 'digest'], ['E3', 'full'], ['E4', 'full'], ['E5', 'full']]);
    expect(plan.omitted).toBe(0);
  });

  it('caps each item and the total, and omits digests beyond the maximum', () => {
    const plan = planEvidence(
      Array.from({ length: 14 }, (_, i) => item(i + 1, 'x'.repeat(10_000))),
      { maxCharsPerItem: 4000, maxTotalChars: 6000 },
    );
    const full = plan.items.filter((i) => i.mode === 'full');
    expect(full.map((i) => i.text.length)).toEqual([2000, 4000]);
    expect(full.every((i) => i.shortened)).toBe(true);
    expect(plan.items.filter((i) => i.mode === 'digest')).toHaveLength(8);
    expect(plan.omitted).toBe(4);
  });

  it('digests to the first error-like line when there is one', () => {
    expect(digestEvidence('INFO start\nINFO ok\nERROR pool timeout after 30000ms\nINFO x')).toBe('ERROR pool timeout after 30000ms');
    expect(digestEvidence('a\nb\nc\nd')).toBe('a b c');
  });
});
