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

describe.each([
  { kernel: 'WebAssembly SIMD', simd: true },
  { kernel: 'JS scan', simd: false },
])('FlatVectorStore ($kernel)', ({ simd }) => {
  const dim = 37; // not a multiple of 4 or 32: exercises the unrolled loop's tail and the SIMD row padding
  const vectors = randomVectors(500, dim);
  const queries = randomVectors(20, dim, 99);

  it('uses the kernel it was asked for (Node has WebAssembly SIMD)', () => {
    expect(new FlatVectorStore(dim, 'f32', 8, { simd }).usesSimd).toBe(simd);
  });

  it('f32 search returns exactly the brute-force top k, growing past its initial capacity', () => {
    const store = new FlatVectorStore(dim, 'f32', 8, { simd });
    vectors.forEach((v, slot) => store.set(slot, v));
    expect(store.size).toBe(500);
    for (const q of queries) {
      const hits = store.search(q, 10);
      expect(hits.map((h) => h.slot)).toEqual(bruteForce(vectors, q, 10));
      expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[9]!.score);
    }
  });

  it('int8 search keeps almost all of the exact top 10', () => {
    const store = new FlatVectorStore(dim, 'int8', 8, { simd });
    vectors.forEach((v, slot) => store.set(slot, v));
    let overlap = 0;
    for (const q of queries) {
      const exact = new Set(bruteForce(vectors, q, 10));
      overlap += store.search(q, 10).filter((h) => exact.has(h.slot)).length;
    }
    expect(overlap / (queries.length * 10)).toBeGreaterThan(0.9);
  });

  it('int8 holds under a third of the bytes of f32 (384 dims, 2,000 vectors)', () => {
    const wide = randomVectors(2000, 384, 5);
    const int8 = new FlatVectorStore(384, 'int8', 16, { simd });
    const f32 = new FlatVectorStore(384, 'f32', 16, { simd: false });
    wide.forEach((v, slot) => {
      int8.set(slot, v);
      f32.set(slot, v);
    });
    expect(int8.byteLength).toBeLessThan(f32.byteLength / 3);
  });

  it('skips removed slots and filtered slots', () => {
    const store = new FlatVectorStore(dim, 'f32', 1024, { simd });
    vectors.slice(0, 50).forEach((v, slot) => store.set(slot, v));
    const best = store.search(vectors[3]!, 1)[0]!;
    expect(best.slot).toBe(3);
    expect(best.score).toBeCloseTo(1, 5);
    store.remove(3);
    expect(store.search(vectors[3]!, 1)[0]!.slot).not.toBe(3);
    expect(store.search(vectors[4]!, 5, (slot) => slot % 2 === 1).every((h) => h.slot % 2 === 1)).toBe(true);
  });

  it('rejects vectors of the wrong dimension with a clear message', () => {
    const store = new FlatVectorStore(4, 'f32', 1024, { simd });
    expect(() => store.set(0, new Float32Array(3))).toThrow('3 dimensions, the index expects 4');
    expect(() => store.search(new Float32Array(5), 1)).toThrow('expects 4');
  });

  it('round-trips an int8 vector within quantisation error', () => {
    const store = new FlatVectorStore(dim, 'int8', 1024, { simd });
    store.set(0, vectors[0]!);
    const back = store.get(0);
    for (let i = 0; i < dim; i++) expect(Math.abs(back[i]! - vectors[0]![i]!)).toBeLessThan(0.01);
  });
});

describe('FlatVectorStore: the SIMD kernel equals the JS scan', () => {
  /** Vectors around a few centres, so many scores are close and int8 error could reorder them. */
  function clustered(count: number, dim: number, seed: number): Float32Array[] {
    const centres = randomVectors(4, dim, seed);
    const noise = randomVectors(count, dim, seed + 1);
    return noise.map((n, i) => {
      const v = Float32Array.from(centres[i % 4]!, (c, d) => c + 0.05 * n[d]!);
      normalise(v);
      return v;
    });
  }

  for (const dim of [37, 100, 384]) {
    it(`f32 (int8 scan + exact rescoring) gives the JS f32 hits and scores, ${dim} dims`, () => {
      const vectors = [...randomVectors(1500, dim, 3), ...clustered(1500, dim, 11)];
      const queries = [...randomVectors(10, dim, 21), ...clustered(10, dim, 11)];
      const simd = new FlatVectorStore(dim, 'f32', 64);
      const js = new FlatVectorStore(dim, 'f32', 64, { simd: false });
      expect(simd.usesSimd).toBe(true);
      vectors.forEach((v, slot) => {
        simd.set(slot, v);
        js.set(slot, v);
      });
      for (const slot of [5, 1600, 2999]) {
        simd.remove(slot);
        js.remove(slot);
      }
      const accept = (slot: number) => slot % 3 !== 0;
      for (const q of queries) {
        expect(simd.search(q, 10)).toEqual(js.search(q, 10));
        expect(simd.search(q, 25, accept)).toEqual(js.search(q, 25, accept));
      }
      // k larger than what the filter leaves: everything that passes, in the same order.
      const few = (slot: number) => slot < 4;
      expect(simd.search(queries[0]!, 10, few)).toEqual(js.search(queries[0]!, 10, few));
    });

    it(`int8 gives exactly the JS int8 hits and scores, ${dim} dims`, () => {
      const vectors = clustered(2000, dim, 31);
      const simd = new FlatVectorStore(dim, 'int8', 64);
      const js = new FlatVectorStore(dim, 'int8', 64, { simd: false });
      vectors.forEach((v, slot) => {
        simd.set(slot, v);
        js.set(slot, v);
      });
      for (const q of randomVectors(10, dim, 41)) expect(simd.search(q, 10)).toEqual(js.search(q, 10));
      expect(simd.get(7)).toEqual(js.get(7));
    });
  }
});
