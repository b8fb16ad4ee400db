import { describe, expect, it } from 'vitest';
import { changedFields, hasLocalChanges, mergeAfterPush } from './record-diff';
import { backoffDelay } from './backoff';

describe('changedFields', () => {
  it('lists fields that differ from the shadow, ignoring key order, and sends removed fields as null', () => {
    const shadow = { title: 'a', provenance: { url: 'u', extractor: 'x' }, error: 'boom' };
    const local = { title: 'b', provenance: { extractor: 'x', url: 'u' } };
    expect(changedFields(local, shadow)).toEqual({ title: 'b', error: null });
    expect(changedFields(shadow, shadow)).toEqual({});
  });
});

describe('hasLocalChanges', () => {
  const shadow = { kind: 'case' as const, id: 'c', revision: 3, deleted: false, data: { title: 'a' } };
  it('sees new, edited, deleted and held records, and nothing else', () => {
    expect(hasLocalChanges({ kind: 'case', id: 'c', data: { title: 'a' }, changedAt: 1 }, undefined)).toBe(true);
    expect(hasLocalChanges({ kind: 'case', id: 'c', data: { title: 'b' }, changedAt: 1 }, shadow)).toBe(true);
    expect(hasLocalChanges(undefined, shadow)).toBe(true);
    expect(hasLocalChanges({ kind: 'case', id: 'c', data: { title: 'a' }, changedAt: 1, held: true }, shadow)).toBe(true);
    expect(hasLocalChanges({ kind: 'case', id: 'c', data: { title: 'a' }, changedAt: 1 }, shadow)).toBe(false);
    expect(hasLocalChanges(undefined, { ...shadow, deleted: true })).toBe(false);
    expect(hasLocalChanges(undefined, undefined)).toBe(false);
  });
});

describe('mergeAfterPush', () => {
  it("takes the server's merge but keeps fields edited again while the push was in flight", () => {
    const sent = { title: 'mine', severity: 'sev2', status: 'open' };
    const current = { title: 'mine, edited again', severity: 'sev2', status: 'open' };
    const merged = { title: 'mine', severity: 'sev1', status: 'open', phase: 'triage' };
    expect(mergeAfterPush(current, sent, merged)).toEqual({ title: 'mine, edited again', severity: 'sev1', status: 'open', phase: 'triage' });
    expect(mergeAfterPush(sent, sent, merged)).toEqual(merged);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure from 2 s, with jitter in [0.5, 1), capped at 5 minutes', () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000]);
    expect(backoffDelay(1, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelay(30, () => 0.999)).toBeLessThanOrEqual(300_000);
  });
});
