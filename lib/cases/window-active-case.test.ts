import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, deleteCase, ensureActiveCase, getActiveCaseId, setActiveCase } from './case-service';
import { forgetWindow, pickActiveCaseId } from './window-active-case';

let db: FaultMavenDB;
beforeEach(() => {
  db = createTestDb();
});
afterEach(async () => {
  await db.delete();
});

describe('active case per window', () => {
  it('prefers the window’s own choice and falls back to the global one', () => {
    expect(pickActiveCaseId('global', { value: 'mine' })).toBe('mine');
    expect(pickActiveCaseId('global', undefined)).toBe('global');
    // "No case" chosen in this window stays no case, whatever other windows picked.
    expect(pickActiveCaseId('global', { value: null })).toBeNull();
  });

  it('keeps a different case in each window, the latest choice being the global one', async () => {
    const checkout = await createCase(db, { title: 'checkout 5xx', severity: 'sev1', windowId: 1 });
    const kafka = await createCase(db, { title: 'kafka lag', severity: 'sev3', windowId: 2 });
    expect(await getActiveCaseId(db, 1)).toBe(checkout.id);
    expect(await getActiveCaseId(db, 2)).toBe(kafka.id);
    // A third window that never chose shows the most recent choice, as does a caller without a window.
    expect(await getActiveCaseId(db, 3)).toBe(kafka.id);
    expect(await getActiveCaseId(db)).toBe(kafka.id);

    await setActiveCase(db, kafka.id, 1);
    await setActiveCase(db, checkout.id, 2);
    expect([await getActiveCaseId(db, 1), await getActiveCaseId(db, 2)]).toEqual([kafka.id, checkout.id]);
  });

  it('a choice without a window switches every window, as before windows existed', async () => {
    const a = await createCase(db, { title: 'a', severity: 'sev2', windowId: 1 });
    const b = await createCase(db, { title: 'b', severity: 'sev2', windowId: 2 });
    await setActiveCase(db, a.id);
    expect(await getActiveCaseId(db, 1)).toBe(a.id);
    expect(await getActiveCaseId(db, 2)).toBe(a.id);
    const c = await createCase(db, { title: 'c', severity: 'sev2' });
    expect(await getActiveCaseId(db, 1)).toBe(c.id);
    expect(await getActiveCaseId(db, 2)).toBe(c.id);
    expect(b.id).not.toBe(c.id);
  });

  it('forgets closed windows and windows showing a deleted case', async () => {
    const a = await createCase(db, { title: 'a', severity: 'sev2', windowId: 1 });
    const b = await createCase(db, { title: 'b', severity: 'sev2', windowId: 2 });
    await forgetWindow(db, 2);
    expect(await getActiveCaseId(db, 2)).toBe(b.id); // the global choice, which was b
    await setActiveCase(db, a.id, 2);
    await deleteCase(db, a.id);
    expect(await getActiveCaseId(db, 1)).toBeNull();
    expect(await getActiveCaseId(db, 2)).toBeNull();
  });

  it('context-menu evidence goes to the case of the window it was picked in', async () => {
    const a = await createCase(db, { title: 'a', severity: 'sev2', windowId: 1 });
    const b = await createCase(db, { title: 'b', severity: 'sev2', windowId: 2 });
    expect((await ensureActiveCase(db, 'new', 1)).id).toBe(a.id);
    expect((await ensureActiveCase(db, 'new', 2)).id).toBe(b.id);
  });
});
