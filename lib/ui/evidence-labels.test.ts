import { describe, expect, it } from 'vitest';
import { evidenceIdByLabel, evidenceLabels } from './evidence-labels';
import { splitCitations } from './remark-citations';

describe('evidence labels', () => {
  it('numbers evidence oldest first when the case has no investigation state', () => {
    const labels = evidenceLabels([
      { id: 'new', createdAt: 3 },
      { id: 'old', createdAt: 1 },
    ]);
    expect(Object.fromEntries(labels)).toEqual({ old: 'E1', new: 'E2' });
  });

  it('keeps the engines’ labels, and continues after the highest for items added since', () => {
    const refs = [
      { id: 'a', label: 'E1', title: 'a', kind: 'page', addedTurn: 1, removed: false },
      { id: 'gone', label: 'E2', title: 'gone', kind: 'page', addedTurn: 1, removed: true },
    ];
    const labels = evidenceLabels([{ id: 'a', createdAt: 1 }, { id: 'fresh', createdAt: 9 }], refs);
    expect(labels.get('fresh')).toBe('E3');
    // A removed item keeps its label reserved but resolves to nothing.
    expect(Object.fromEntries(evidenceIdByLabel(labels, new Set(['a', 'fresh'])))).toEqual({ E1: 'a', E3: 'fresh' });
  });
});

describe('citation splitting', () => {
  it('splits single and grouped citations into links, and leaves other brackets', () => {
    const nodes = splitCitations('pool full [E1, K2] and [note] [E10]');
    expect(nodes.filter((n) => n.type === 'link').map((n) => n.url)).toEqual(['#cite-E1', '#cite-K2', '#cite-E10']);
    expect(nodes.map((n) => n.value ?? n.children?.[0]?.value).join('')).toBe('pool full [E1, K2] and [note] [E10]');
    expect(splitCitations('no sources')).toEqual([{ type: 'text', value: 'no sources' }]);
  });
});
