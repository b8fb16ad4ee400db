import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, deleteCase, ensureActiveCase, getActiveCaseId, setActiveCase, updateCase } from './case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { beginTurn } from '@/lib/turns/turn-store';
import { filterCases } from './case-filter';

let db: FaultMavenDB;
beforeEach(() => {
  db = createTestDb();
});
afterEach(async () => {
  await db.delete();
});

describe('cases', () => {
  it('creates an open INTAKE case, makes it active, and cleans the title', async () => {
    const kase = await createCase(db, { title: '  checkout   p99 4x  ', severity: 'sev2' });
    expect(kase).toMatchObject({ title: 'checkout p99 4x', severity: 'sev2', status: 'open', phase: 'INTAKE' });
    expect(await getActiveCaseId(db)).toBe(kase.id);
  });

  it('refuses an empty title or unknown severity with a clear message', async () => {
    await expect(createCase(db, { title: '   ', severity: 'sev2' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(createCase(db, { title: 'x', severity: 'sev9' as never })).rejects.toThrow(/Unknown severity/);
  });

  it('updates status and severity and rejects missing cases', async () => {
    const kase = await createCase(db, { title: 'db down', severity: 'sev1' });
    const closed = await updateCase(db, kase.id, { status: 'closed', severity: 'sev2' });
    expect(closed).toMatchObject({ status: 'closed', severity: 'sev2' });
    await expect(updateCase(db, 'nope', { status: 'open' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes a case with its messages and evidence, and clears the active case', async () => {
    const kase = await createCase(db, { title: 'to delete', severity: 'sev3' });
    const other = await createCase(db, { title: 'keep', severity: 'sev3' });
    await setActiveCase(db, kase.id);
    await beginTurn(db, kase.id, 'hello');
    await addEvidence(db, { caseId: kase.id, kind: 'note', title: 'n', text: 'note', provenance: { extractor: 'manual', source: 'sidepanel' } });
    // Its case-tier knowledge: the document, its chunk text and its search-index row.
    const docId = `case:${kase.id}:evidence`;
    await db.kbDocuments.put({ id: docId, tier: 'case', caseId: kase.id, title: 'n', source: 'evidence', tags: [], createdAt: 1, updatedAt: 1 });
    await db.kbChunks.put({ id: `${docId}#0`, documentId: docId, tier: 'case', ordinal: 0, heading: '', text: 'note' });
    await db.kbDocumentIndex.put({ documentId: docId, embedderId: 'e', dim: 2, vectors: new Float32Array([1, 0]), chunkIds: [`${docId}#0`], ordinals: [0], headingPaths: [[]] });
    expect(await deleteCase(db, kase.id)).toBe(true);
    expect(await db.kbDocuments.count()).toBe(0);
    expect(await db.kbChunks.count()).toBe(0);
    expect(await db.kbDocumentIndex.count()).toBe(0);
    expect(await db.messages.where('caseId').equals(kase.id).count()).toBe(0);
    expect(await db.evidence.where('caseId').equals(kase.id).count()).toBe(0);
    expect(await getActiveCaseId(db)).toBeNull();
    expect(await db.cases.get(other.id)).toBeDefined();
  });

  it('ensureActiveCase reuses an open active case and creates one otherwise', async () => {
    const created = await ensureActiveCase(db, 'Investigation: Grafana');
    expect(created.title).toBe('Investigation: Grafana');
    expect((await ensureActiveCase(db, 'ignored')).id).toBe(created.id);
    await updateCase(db, created.id, { status: 'closed' });
    const fresh = await ensureActiveCase(db, 'second');
    expect(fresh.id).not.toBe(created.id);
  });

  it('filters case history by words and status, newest first', async () => {
    const a = await createCase(db, { title: 'Checkout latency spike', severity: 'sev2' });
    await createCase(db, { title: 'Kafka lag', severity: 'sev3' });
    await updateCase(db, a.id, { status: 'resolved' });
    await db.cases.update(a.id, { updatedAt: Date.now() + 60_000 }); // same-millisecond writes would tie
    const all = await db.cases.toArray();
    expect(filterCases(all, { text: 'latency CHECKOUT', status: 'all' }).map((c) => c.title)).toEqual(['Checkout latency spike']);
    expect(filterCases(all, { text: '', status: 'open' }).map((c) => c.title)).toEqual(['Kafka lag']);
    expect(filterCases(all, { text: '', status: 'all' })[0]!.title).toBe('Checkout latency spike');
  });
});
