import { describe, expect, it } from 'vitest';
import { FlatVectorStore } from './flat-vector-store';
import { normalise } from './vector-math';

/** Deterministic pseudo-random unit vectors (xorshift), so failures reproduce. */
function randomVectors(count: number, dim: number, seed = 7): Float32Array[] {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, next);
    normalise(v);
    return v;
  });
}

function bruteForce(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  return vectors
    .map((v, slot) => ({ slot, score: v.reduce((s, x, i) => s + x * query[i]!, 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((r) => r.slot);
}

describe('FlatVectorStore', () => {
  const dim = 37; // not a multiple of 4: exercises the unrolled loop's tail
  const vectors = randomVectors(500, dim);
  const queries = randomVectors(20, dim, 99);

  it('f32 search returns exactly the brute-force top k, growing past its initial capacity', () => {
    const store = new FlatVectorStore(dim, 'f32', 8);
    vectors.forEach((v, slot) => store.set(slot, v));
    expect(store.size).toBe(500);
    for (const q of queries) {
      const hits = store.search(q, 10);
      expect(hits.map((h) => h.slot)).toEqual(bruteForce(vectors, q, 10));
      expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[9]!.score);
    }
  });

  it('int8 search keeps almost all of the exact top 10', () => {
    const store = new FlatVectorStore(dim, 'int8', 8);
    vectors.forEach((v, slot) => store.set(slot, v));
    let overlap = 0;
    for (const q of queries) {
      const exact = new Set(bruteForce(vectors, q, 10));
      overlap += store.search(q, 10).filter((h) => exact.has(h.slot)).length;
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThan(0.9);
    expect(store.byteLength).toBeLessThan(new FlatVectorStore(dim, 'f32', 512).byteLength / 3);
  });

  it('skips removed slots and filtered slots', () => {
    const store = new FlatVectorStore(dim);
    vectors.slice(0, 50).forEach((v, slot) => store.set(slot, v));
    const best = store.search(vectors[3]!, 1)[0]!;
    expect(best.slot).toBe(3);
    expect(best.score).toBeCloseTo(1, 5);
    store.remove(3);
    expect(store.search(vectors[3]!, 1)[0]!.slot).not.toBe(3);
    expect(store.search(vectors[4]!, 5, (slot) => slot % 2 === 1).every((h) => h.slot % 2 === 1)).toBe(true);
  });

  it('rejects vectors of the wrong dimension with a clear message', () => {
    const store = new FlatVectorStore(4);
    expect(() => store.set(0, new Float32Array(3))).toThrow('3 dimensions, the index expects 4');
    expect(() => store.search(new Float32Array(5), 1)).toThrow('expects 4');
  });

  it('round-trips an int8 vector within quantisation error', () => {
    const store = new FlatVectorStore(dim, 'int8');
    store.set(0, vectors[0]!);
    const back = store.get(0);
    for (let i = 0; i < dim; i++) expect(Math.abs(back[i]! - vectors[0]![i]!)).toBeLessThan(0.01);
  });
});
