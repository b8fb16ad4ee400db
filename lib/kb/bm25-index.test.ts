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

  it('removes a slot from the middle of long postings without disturbing the others', () => {
    const index = new Bm25Index();
    for (let slot = 0; slot < 50; slot++) index.add(slot, keywordTerms(slot % 2 ? 'disk full alert' : 'disk latency'));
    const before = index.score(['disk']);
    index.remove(10);
    index.remove(49);
    const after = index.score(['disk']);
    expect(after.size).toBe(48);
    expect(after.has(10) || after.has(49)).toBe(false);
    expect(index.matchedTerms(11, ['disk', 'full', 'gone'])).toEqual(['disk', 'full']);
    expect(index.matchedTerms(10, ['disk'])).toEqual([]);
    // Same document count and total length change both ways: remaining scores are unchanged in order.
    expect([...after.keys()].sort((a, b) => a - b)).toEqual([...before.keys()].filter((s) => s !== 10 && s !== 49).sort((a, b) => a - b));
  });

  it('counts a repeated query term once with k3 = 0, a little more by default, more with a larger k3', () => {
    const binary = new Bm25Index({ k1: 1.2, b: 0.75, k3: 0 });
    texts.forEach((t, slot) => binary.add(slot, keywordTerms(t)));
    expect(binary.score(keywordTerms('lag lag lag replica')).get(0)).toBeCloseTo(binary.score(keywordTerms('lag replica')).get(0)!, 10);
    const byDefault = build(texts);
    const gain = byDefault.score(keywordTerms('lag lag')).get(2)! / byDefault.score(keywordTerms('lag')).get(2)!;
    expect(gain).toBeGreaterThan(1);
    expect(gain).toBeLessThan(1.2);
    const repeated = new Bm25Index({ k1: 1.2, b: 0.75, k3: 1.2 });
    texts.forEach((t, slot) => repeated.add(slot, keywordTerms(t)));
    expect(repeated.score(keywordTerms('lag lag lag')).get(2)!).toBeGreaterThan(repeated.score(keywordTerms('lag')).get(2)!);
  });

  it('scores related terms at their weight, and never on top of the same word in the query', () => {
    const index = new Bm25Index();
    index.add(0, keywordTerms('the node is down'));
    index.add(1, keywordTerms('the node is unreachable'));
    index.add(2, keywordTerms('disk full'));
    const plain = index.score(keywordTerms('unreachable'));
    expect([...plain.keys()]).toEqual([1]);
    const expanded = index.score(keywordTerms('unreachable'), undefined, new Map([['down', 0.5]]));
    expect(expanded.get(1)).toBeCloseTo(plain.get(1)!, 10);
    expect(expanded.get(0)!).toBeGreaterThan(0);
    expect(expanded.get(0)!).toBeLessThan(expanded.get(1)!);
    // "down" already in the query: its related weight is ignored, the query occurrence counts.
    const both = index.score(keywordTerms('down'), undefined, new Map([['down', 0.1]]));
    expect(both.get(0)).toBeCloseTo(index.score(keywordTerms('down')).get(0)!, 10);
  });
});
