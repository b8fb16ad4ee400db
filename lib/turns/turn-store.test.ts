import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, updateCase } from '@/lib/cases/case-service';
import { beginTurn, markOrphanedTurnsInterrupted, MAX_USER_MESSAGE_CHARS, prepareRetry } from './turn-store';

let db: FaultMavenDB;
let caseId: string;
beforeEach(async () => {
  db = createTestDb();
  caseId = (await createCase(db, { title: 'api 5xx', severity: 'sev2' })).id;
});
afterEach(async () => {
  await db.delete();
});

describe('turn persistence', () => {
  it('stores the question and a pending answer before any model call', async () => {
    const { user, assistant } = await beginTurn(db, caseId, '  why 5xx?  ');
    expect(await db.messages.get(user.id)).toMatchObject({ role: 'user', content: 'why 5xx?', status: 'complete' });
    expect(await db.messages.get(assistant.id)).toMatchObject({ role: 'assistant', status: 'pending', replyTo: user.id, attempt: 1 });
    expect(assistant.createdAt).toBeGreaterThan(user.createdAt);
  });

  it('refuses a second turn while one is running, an empty or oversized message, and closed cases', async () => {
    await beginTurn(db, caseId, 'first');
    await expect(beginTurn(db, caseId, 'second')).rejects.toMatchObject({ code: 'busy' });
    expect(await db.messages.where('caseId').equals(caseId).count()).toBe(2);
    const other = (await createCase(db, { title: 'other', severity: 'sev3' })).id;
    await expect(beginTurn(db, other, '   ')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(beginTurn(db, other, 'x'.repeat(MAX_USER_MESSAGE_CHARS + 1))).rejects.toThrow(/limit/);
    await updateCase(db, other, { status: 'closed' });
    await expect(beginTurn(db, other, 'hi')).rejects.toThrow(/closed/);
  });

  it('marks answers orphaned by a dead worker as interrupted, keeping partial text', async () => {
    const { assistant } = await beginTurn(db, caseId, 'q');
    await db.messages.update(assistant.id, { status: 'streaming', content: 'partial answ' });
    expect(await markOrphanedTurnsInterrupted(db)).toBe(1);
    const after = await db.messages.get(assistant.id);
    expect(after).toMatchObject({ status: 'interrupted', content: 'partial answ' });
    expect(after?.error).toMatch(/retry/i);
  });

  it('leaves turns that are still live alone', async () => {
    const { assistant } = await beginTurn(db, caseId, 'q');
    expect(await markOrphanedTurnsInterrupted(db, new Set([assistant.id]))).toBe(0);
    expect((await db.messages.get(assistant.id))?.status).toBe('pending');
  });

  it('retries in place: same message, next attempt, no duplicate', async () => {
    const { assistant } = await beginTurn(db, caseId, 'q');
    await expect(prepareRetry(db, assistant.id)).rejects.toMatchObject({ code: 'busy' });
    await db.messages.update(assistant.id, { status: 'interrupted', content: 'half', error: 'cut' });
    const retried = await prepareRetry(db, assistant.id);
    expect(retried).toMatchObject({ id: assistant.id, status: 'pending', content: '', attempt: 2 });
    expect((await db.messages.get(assistant.id))?.error).toBeUndefined();
    expect(await db.messages.where('caseId').equals(caseId).count()).toBe(2);
  });
});
