import { describe, expect, it } from 'vitest';
import { decodeTerms, encodeTerms, termsSourceKey } from './stored-terms';

describe('stored terms', () => {
  it('round-trips chunks of terms, repeats and empty chunks included, sharing one string per distinct term', () => {
    const chunks = [['disk', 'full', 'disk'], [], ['full', 'inode', '137']];
    const stored = encodeTerms(chunks);
    expect(stored.termVocabulary).toBe('disk full inode 137');
    expect(stored.termIds).toBeInstanceOf(Uint16Array);
    const decoded = decodeTerms(stored, chunks.length)!;
    expect(decoded).toEqual(chunks);
    expect(decoded[0]![0]).toBe(decoded[0]![2]);
  });

  it('switches to 32-bit term numbers past 65,536 distinct terms', () => {
    const chunks = [Array.from({ length: 70_000 }, (_, i) => `t${i}`)];
    const stored = encodeTerms(chunks);
    expect(stored.termIds).toBeInstanceOf(Uint32Array);
    expect(decodeTerms(stored, 1)).toEqual(chunks);
  });

  it('returns null for damaged or mismatched rows instead of wrong terms', () => {
    const stored = encodeTerms([['a', 'b'], ['c']]);
    expect(decodeTerms(stored, 3)).toBeNull();
    expect(decodeTerms({ ...stored, termIds: Uint16Array.from([0, 1, 9]) }, 2)).toBeNull();
    expect(decodeTerms({ ...stored, termEnds: Uint32Array.from([2, 1]) }, 2)).toBeNull();
    expect(decodeTerms({ termVocabulary: 'a b c' }, 2)).toBeNull();
  });

  it('keys the terms by title and tags', () => {
    expect(termsSourceKey({ title: 'Disk full', tags: ['linux'] })).not.toBe(termsSourceKey({ title: 'Disk full', tags: [] }));
  });
});
