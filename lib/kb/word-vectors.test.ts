import { describe, expect, it } from 'vitest';
import { StaticWordEmbedder } from './static-word-embedder';
import { decodeWordVectors, encodeWordVectors } from './word-vectors';

const words = ['the', 'disk', 'storage', 'memory', 'banana'];
// Hand-made 4-d vectors: disk and storage point the same way, memory nearby, banana elsewhere.
const vectors = [
  [0.5, 0.5, 0.5, 0.5],
  [1, 0.1, 0, 0],
  [0.9, 0.2, 0, 0],
  [0.5, 0.8, 0, 0],
  [0, 0, 0.1, 1],
].map((v) => Float32Array.from(v));

describe('word-vector file', () => {
  it('round-trips words and vectors within int8 precision', () => {
    const decoded = decodeWordVectors(encodeWordVectors(words, vectors));
    expect(decoded.words).toEqual(words);
    expect(decoded.dim).toBe(4);
    expect(decoded.index.get('memory')).toBe(3);
    for (let d = 0; d < 4; d++) expect(decoded.codes[4 + d]! * decoded.scales[1]!).toBeCloseTo(vectors[1]![d]!, 2);
  });

  it('rejects foreign and truncated files with a clear message', () => {
    expect(() => decodeWordVectors(new Uint8Array(10))).toThrow('truncated');
    expect(() => decodeWordVectors(new Uint8Array(40))).toThrow('bad magic');
    const good = encodeWordVectors(words, vectors);
    expect(() => decodeWordVectors(good.subarray(0, good.byteLength - 3))).toThrow('expected');
  });
});

describe('StaticWordEmbedder', () => {
  // A realistic vocabulary is Zipf-ordered: "the" first, topic words thousands of ranks later.
  const fillers = Array.from({ length: 5000 }, (_, i) => `filler${i}`);
  const embedder = new StaticWordEmbedder(
    decodeWordVectors(
      encodeWordVectors(
        [words[0]!, ...fillers, ...words.slice(1)],
        [vectors[0]!, ...fillers.map(() => new Float32Array(4)), ...vectors.slice(1)],
      ),
    ),
  );
  const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

  it('produces unit vectors where related words land close together', async () => {
    const [disk, storage, banana] = await embedder.embed(['Disk', 'storages', 'banana']);
    expect(cos(disk!, disk!)).toBeCloseTo(1, 5);
    expect(cos(disk!, storage!)).toBeGreaterThan(0.95); // "storages" found through the stemmer
    expect(cos(disk!, banana!)).toBeLessThan(0.2);
  });

  it('lets rare words dominate frequent ones', () => {
    const withThe = embedder.embedOne('the the the disk');
    expect(cos(withThe, embedder.embedOne('disk'))).toBeGreaterThan(0.9);
  });

  it('returns a zero vector when no word is known', () => {
    expect([...embedder.embedOne('zzz qqq')].every((x) => x === 0)).toBe(true);
  });
});
