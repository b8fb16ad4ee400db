import { describe, expect, it } from 'vitest';
import { TopK } from './top-k';

describe('TopK', () => {
  it('keeps the k highest scores, best first', () => {
    const top = new TopK(3);
    [5, 1, 9, 3, 7, 2, 8].forEach((score, slot) => top.push(slot, score));
    expect(top.sorted()).toEqual([
      { slot: 2, score: 9 },
      { slot: 6, score: 8 },
      { slot: 4, score: 7 },
    ]);
    expect(top.threshold).toBe(7);
  });

  it('returns fewer than k when fewer were pushed, and nothing for k = 0', () => {
    const top = new TopK(5);
    top.push(1, 0.5);
    expect(top.sorted()).toEqual([{ slot: 1, score: 0.5 }]);
    expect(top.threshold).toBe(-Infinity);
    const none = new TopK(0);
    none.push(1, 1);
    expect(none.sorted()).toEqual([]);
  });
});
