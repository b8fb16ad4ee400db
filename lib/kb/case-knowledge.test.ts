import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, deleteCase, updateCase } from '@/lib/cases/case-service';
import { addEvidence, deleteEvidence } from '@/lib/evidence/evidence-service';
import { watchCaseKnowledge, type CaseKnowledgeWatcher } from './case-knowledge';
import { evidenceDocumentId } from './evidence-document';
import { caseTierNeedsReconcile, KnowledgeBaseService } from './knowledge-base-service';
import { fileKbArtifacts } from './node/file-artifacts';

let db: FaultMavenDB;
let kb: KnowledgeBaseService;
let watcher: CaseKnowledgeWatcher;

beforeEach(() => {
  db = createTestDb();
  kb = new KnowledgeBaseService(db, fileKbArtifacts());
  watcher = watchCaseKnowledge(db, kb);
});
afterEach(async () => {
  watcher.stop();
  await db.delete();
});

const LOG = `2026-11-24T10:00:01Z ERROR orders-consumer: kafka consumer group lag 48000 on topic orders, partition 3 rebalancing
2026-11-24T10:00:05Z WARN orders-consumer: commit failed, rebalance in progress`;

async function caseHits(query: string, caseId: string) {
  return (await kb.search(query, { filter: { tiers: ['case'], caseId } })).hits.map((h) => h.document.id);
}

describe('case tier', () => {
  it('indexes evidence as it arrives, whichever way it was added', async () => {
    const kase = await createCase(db, { title: 'Orders lagging', severity: 'sev2' });
    const log = await addEvidence(db, { caseId: kase.id, kind: 'file', title: 'consumer.log', text: LOG, provenance: { extractor: 'upload', source: 'upload' } });
    const note = await addEvidence(db, { caseId: kase.id, kind: 'selection', title: 'Grafana panel', text: 'p99 checkout latency 4.2s since 09:55', provenance: { extractor: 'context-menu', source: 'context-menu', url: 'http://grafana.local/d/1' } });
    await watcher.settled();

    expect((await caseHits('kafka consumer lag rebalancing orders topic', kase.id))[0]).toBe(evidenceDocumentId(log.id));
    expect((await caseHits('p99 checkout latency', kase.id))[0]).toBe(evidenceDocumentId(note.id));
    const docs = await kb.listDocuments({ tier: 'case', caseId: kase.id });
    expect(docs.map((d) => d.id).sort()).toEqual([evidenceDocumentId(log.id), evidenceDocumentId(note.id)].sort());
    expect(docs.find((d) => d.id === evidenceDocumentId(note.id))).toMatchObject({ title: 'Grafana panel', source: 'http://grafana.local/d/1', caseId: kase.id });
  });

  it('drops a case’s documents when it closes, brings them back when it reopens, and follows evidence deletion', async () => {
    const kase = await createCase(db, { title: 'Orders lagging', severity: 'sev2' });
    const log = await addEvidence(db, { caseId: kase.id, kind: 'file', title: 'consumer.log', text: LOG, provenance: { extractor: 'upload', source: 'upload' } });
    await watcher.settled();
    expect(await caseHits('kafka consumer lag', kase.id)).toEqual([evidenceDocumentId(log.id)]);

    await updateCase(db, kase.id, { status: 'closed' });
    await watcher.settled();
    expect(await caseHits('kafka consumer lag', kase.id)).toEqual([]);
    expect(await db.kbDocuments.count()).toBe(0);

    await updateCase(db, kase.id, { status: 'open' });
    await watcher.settled();
    expect(await caseHits('kafka consumer lag', kase.id)).toEqual([evidenceDocumentId(log.id)]);

    await deleteEvidence(db, log.id);
    await watcher.settled();
    expect(await caseHits('kafka consumer lag', kase.id)).toEqual([]);
    expect(await db.kbChunks.count()).toBe(0);
  });

  it('forgets a deleted case in storage and in the live index', async () => {
    const kase = await createCase(db, { title: 'Orders lagging', severity: 'sev2' });
    await addEvidence(db, { caseId: kase.id, kind: 'file', title: 'consumer.log', text: LOG, provenance: { extractor: 'upload', source: 'upload' } });
    await watcher.settled();
    await deleteCase(db, kase.id);
    await watcher.settled();
    expect(await caseHits('kafka consumer lag', kase.id)).toEqual([]);
    expect((await kb.status()).documents).toBe((await new KnowledgeBaseService(db, fileKbArtifacts()).status()).documents);
  });

  it('sweeps orphans and catches up on missed evidence at start (a worker stopped before it indexed)', async () => {
    watcher.stop();
    const open = await createCase(db, { title: 'open', severity: 'sev3' });
    const closed = await createCase(db, { title: 'closed', severity: 'sev3' });
    const missed = await addEvidence(db, { caseId: open.id, kind: 'note', title: 'note', text: 'redis evictions spiked during the sale', provenance: { extractor: 'manual', source: 'sidepanel' } });
    await addEvidence(db, { caseId: closed.id, kind: 'note', title: 'note', text: 'certificate expired on the gateway', provenance: { extractor: 'manual', source: 'sidepanel' } });
    const stale = new KnowledgeBaseService(db, fileKbArtifacts());
    await stale.reconcileCaseTier();
    await db.cases.update(closed.id, { status: 'closed' }); // closed behind the index's back
    await db.kbDocuments.put({ id: 'case:ev:gone', tier: 'case', caseId: 'no-such-case', title: 't', source: 's', tags: [], createdAt: 1, updatedAt: 1 } as never);

    const fresh = new KnowledgeBaseService(db, fileKbArtifacts());
    expect(await fresh.reconcileCaseTier()).toEqual({ added: 0, removed: 2 });
    expect((await fresh.listDocuments({ tier: 'case' })).map((d) => d.id)).toEqual([evidenceDocumentId(missed.id)]);
    expect(await fresh.reconcileCaseTier()).toEqual({ added: 0, removed: 0 });
  });

  it('skips evidence without text (images) and never indexes the same evidence twice', async () => {
    const kase = await createCase(db, { title: 'x', severity: 'sev3' });
    await addEvidence(db, { caseId: kase.id, kind: 'image', title: 'screenshot', text: '', imageDataUrl: 'data:image/png;base64,iVBORw0KGgo=', provenance: { extractor: 'screenshot', source: 'sidepanel' } });
    await addEvidence(db, { caseId: kase.id, kind: 'note', title: 'n', text: 'dns resolution failing for api.internal', provenance: { extractor: 'manual', source: 'sidepanel' } });
    await watcher.settled();
    await Promise.all([kb.reconcileCaseTier(), kb.reconcileCaseTier()]);
    expect(await db.kbDocuments.count()).toBe(1);
  });
});

describe('caseTierNeedsReconcile', () => {
  it('is false when storage agrees (images included) and true after a change the index missed', async () => {
    watcher.stop();
    const kase = await createCase(db, { title: 'x', severity: 'sev3' });
    await addEvidence(db, { caseId: kase.id, kind: 'image', title: 'shot', text: '', imageDataUrl: 'data:image/png;base64,iVBORw0KGgo=', provenance: { extractor: 'screenshot', source: 'sidepanel' } });
    expect(await caseTierNeedsReconcile(db)).toBe(false);
    await addEvidence(db, { caseId: kase.id, kind: 'note', title: 'n', text: 'dns failing', provenance: { extractor: 'manual', source: 'sidepanel' } });
    expect(await caseTierNeedsReconcile(db)).toBe(true);
    expect(await kb.reconcileCaseTierIfNeeded()).toEqual({ added: 1, removed: 0 });
    expect(await caseTierNeedsReconcile(db)).toBe(false);
    await db.cases.update(kase.id, { status: 'closed' });
    expect(await caseTierNeedsReconcile(db)).toBe(true);
    expect(await kb.reconcileCaseTierIfNeeded()).toEqual({ added: 0, removed: 1 });
  });
});
