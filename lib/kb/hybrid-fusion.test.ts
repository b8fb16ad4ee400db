import { describe, expect, it } from 'vitest';
import { fuseScores } from './hybrid-fusion';

describe('fuseScores', () => {
  it('ranks a chunk found by both signals above chunks found by one', () => {
    const keyword = new Map([
      [1, 10],
      [2, 9],
    ]);
    const vector = [
      { slot: 2, score: 0.9 },
      { slot: 3, score: 0.95 },
    ];
    const fused = fuseScores(keyword, vector, { keyword: 0.5, vector: 0.5 });
    expect(fused[0]!.slot).toBe(2);
    expect(fused.map((f) => f.slot).sort()).toEqual([1, 2, 3]);
    expect(fused[0]).toMatchObject({ keywordScore: 9, vectorScore: 0.9 });
  });

  it('follows the weights: keyword-only weight reproduces the BM25 order', () => {
    const keyword = new Map([
      [1, 3],
      [2, 5],
    ]);
    const fused = fuseScores(keyword, [{ slot: 1, score: 0.99 }], { keyword: 1, vector: 0 });
    expect(fused.map((f) => f.slot)).toEqual([2, 1]);
  });

  it('copes with empty inputs and negative cosines', () => {
    expect(fuseScores(new Map(), [])).toEqual([]);
    const fused = fuseScores(new Map(), [{ slot: 4, score: -0.2 }, { slot: 5, score: 0.4 }]);
    expect(fused.map((f) => f.slot)).toEqual([5, 4]);
    expect(fused[1]!.score).toBe(0);
  });
});
