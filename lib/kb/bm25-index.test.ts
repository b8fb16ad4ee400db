import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25-index';
import { keywordTerms } from './tokenize';

function build(texts: string[]): Bm25Index {
  const index = new Bm25Index();
  texts.forEach((t, slot) => index.add(slot, keywordTerms(t)));
  return index;
}

describe('Bm25Index', () => {
  const texts = [
    'postgres replication lag on the replica',
    'redis memory eviction and maxmemory policy',
    'kafka consumer lag grows on one partition',
    'nginx returns 502 bad gateway from upstream',
  ];

  it('ranks the chunk with the rare matching terms first', () => {
    const scores = build(texts).score(keywordTerms('replica lag'));
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([slot]) => slot);
    expect(ranked).toEqual([0, 2]);
  });

  it('weights rare terms above common ones', () => {
    const index = build(texts);
    expect(index.idf('replica')).toBeGreaterThan(index.idf('lag'));
    expect(index.idf('absent')).toBe(0);
  });

  it('forgets removed slots and re-adds in place', () => {
    const index = build(texts);
    index.remove(0);
    expect(index.size).toBe(3);
    expect(index.score(['replica']).size).toBe(0);
    index.add(3, keywordTerms('replica promoted'));
    expect([...index.score(['replica']).keys()]).toEqual([3]);
    expect(index.score(['502']).size).toBe(0);
  });

  it('applies a slot filter while scoring', () => {
    const scores = build(texts).score(['lag'], (slot) => slot !== 0);
    expect([...scores.keys()]).toEqual([2]);
  });

  it('penalises long chunks for the same term frequency', () => {
    const index = build(['disk full', `disk full ${'filler words here '.repeat(30)}`]);
    const scores = index.score(['disk']);
    expect(scores.get(0)!).toBeGreaterThan(scores.get(1)!);
  });
});
