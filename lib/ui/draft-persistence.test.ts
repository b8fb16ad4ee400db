// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadDrafts, MAX_DRAFT_CHARS, saveDraft, watchDraftChanges } from './draft-persistence';

beforeEach(() => localStorage.clear());

describe('draft persistence', () => {
  it('keeps one draft per case across page loads and forgets emptied ones', () => {
    saveDraft('c1', 'is it the pool?');
    saveDraft('c2', 'rollback?');
    localStorage.setItem('unrelated', 'x');
    expect(loadDrafts()).toEqual({ c1: 'is it the pool?', c2: 'rollback?' });
    saveDraft('c1', '');
    expect(loadDrafts()).toEqual({ c2: 'rollback?' });
  });

  it('caps a pasted log instead of failing', () => {
    saveDraft('c', 'x'.repeat(MAX_DRAFT_CHARS + 10));
    expect(loadDrafts().c).toHaveLength(MAX_DRAFT_CHARS);
  });

  it('follows drafts typed in another window', () => {
    const seen: [string, string][] = [];
    const stop = watchDraftChanges((caseId, text) => seen.push([caseId, text]));
    window.dispatchEvent(new StorageEvent('storage', { key: 'faultmaven:draft:c9', newValue: 'from window 2' }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'other', newValue: 'ignored' }));
    stop();
    window.dispatchEvent(new StorageEvent('storage', { key: 'faultmaven:draft:c9', newValue: 'after stop' }));
    expect(seen).toEqual([['c9', 'from window 2']]);
  });
});
