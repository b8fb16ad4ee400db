import 'fake-indexeddb/auto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultMavenDB } from '@/lib/db/schema';
import { KnowledgeBaseService, MAX_KB_DOCUMENT_BYTES, type KbArtifacts } from './knowledge-base-service';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from './node/artifacts';
import type { KbPack } from './pack-format';
import { countReads } from '@/tests/support/count-reads';

const artifacts: KbArtifacts = {
  wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
  globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
};

const POSTMORTEM = `# Post-mortem: checkout latency from a cold cache
## Timeline
The recommendation cache was flushed during a deploy, so every checkout recomputed
recommendations from the warehouse and p99 latency rose to nine seconds.
## Fixes
Warm the recommendation cache before shifting traffic to a new release.`;

let db: FaultMavenDB;
let dbCount = 0;

beforeEach(async () => {
  db = new FaultMavenDB(`kb-service-test-${dbCount++}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('KnowledgeBaseService', () => {
  it('searches the shipped pack offline on first use', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const result = await kb.search('nginx upstream timed out 504');
    expect(result.hits[0]!.document.id).toBe('global:nginx-504-gateway-timeout');
    expect(result.confident).toBe(true);
    const status = await kb.status();
    expect(status.documents).toBeGreaterThanOrEqual(60);
    expect(status.embedderId).toMatch(/^static-glove-100d/);
  });

  it('indexes an upload, persists it, and finds it again after a restart', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const added = await kb.addDocument({ tier: 'user', name: 'checkout-postmortem.md', text: POSTMORTEM });
    expect(added.duplicate).toBe(false);
    expect(added.document.title).toBe('Post-mortem: checkout latency from a cold cache');
    expect(added.chunks).toBeGreaterThan(0);

    const restarted = new KnowledgeBaseService(db, artifacts);
    const result = await restarted.search('checkout slow after deploy flushed the recommendation cache', { filter: { tiers: ['user'] } });
    expect(result.hits[0]!.document.id).toBe(added.document.id);
    expect(result.hits[0]!.citation).toContain('Post-mortem: checkout latency from a cold cache');
    // Loaded from storage without chunk texts: the hit's text is read back for display and the prompt.
    expect(result.hits[0]!.chunk.text).toContain('recommendation');
    expect(await restarted.listDocuments()).toMatchObject([{ id: added.document.id, tier: 'user', chunkCount: added.chunks }]);
  });

  it('re-embeds documents indexed by an older embedder instead of losing them', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const added = await kb.addDocument({ tier: 'user', name: 'p.md', text: POSTMORTEM });
    await db.kbDocuments.update(added.document.id, { embedderId: 'an-older-model' });
    await db.kbDocumentIndex.update(added.document.id, { embedderId: 'an-older-model', dim: 3, vectors: new Float32Array(3 * added.chunks) });

    const restarted = new KnowledgeBaseService(db, artifacts);
    const result = await restarted.search('recommendation cache flushed during deploy', { filter: { tiers: ['user'] } });
    expect(result.hits[0]!.document.id).toBe(added.document.id);
    expect(result.hits[0]!.vectorScore).toBeGreaterThan(0.5);
    expect((await db.kbDocuments.get(added.document.id))!.embedderId).toBe((await restarted.status()).embedderId);
    const row = (await db.kbDocumentIndex.get(added.document.id))!;
    expect([row.embedderId, row.dim, row.vectors.length]).toEqual([(await restarted.status()).embedderId, 100, 100 * added.chunks]);
  });

  it('re-indexes a document whose stored index row was damaged, and says what it cannot re-index', async () => {
    const first = new KnowledgeBaseService(db, artifacts);
    const { document, chunks } = await first.addDocument({ tier: 'user', name: 'pm.md', text: POSTMORTEM });
    // A damaged row (vectors and terms lost): a restarted worker cannot load it as is.
    await db.kbDocumentIndex.update(document.id, { vectors: new Float32Array(0), termVocabulary: undefined });
    const restarted = new KnowledgeBaseService(db, artifacts);
    const done = await restarted.reindex(document.id);
    expect(done).toEqual({ documents: 1, chunks, skipped: 0 });
    const row = (await db.kbDocumentIndex.get(document.id))!;
    expect(row.dim).toBe(100);
    expect(row.vectors.length).toBe(chunks * 100);
    expect(typeof row.termVocabulary).toBe('string');
    const hit = (await restarted.search('warm the recommendation cache before shifting traffic')).hits[0]!;
    expect(hit.document.id).toBe(document.id);
    expect(hit.chunk.text).toContain('Warm the recommendation cache');
    expect(await new KnowledgeBaseService(db, artifacts).reindex()).toEqual({ documents: 1, chunks, skipped: 0 });
    await expect(restarted.reindex('global:k8s-crashloopbackoff')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(restarted.reindex('user:gone')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('recognises a duplicate upload and adds nothing', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const first = await kb.addDocument({ tier: 'user', name: 'a.md', text: POSTMORTEM });
    const second = await kb.addDocument({ tier: 'user', name: 'copy-of-a.md', text: POSTMORTEM });
    expect(second).toMatchObject({ duplicate: true, document: { id: first.document.id } });
    expect(await db.kbDocuments.count()).toBe(1);
  });

  it('recognises a duplicate of a large upload from its hash alone: no tier scan, no chunk or index read', async () => {
    const counted = new FaultMavenDB(`kb-service-test-${dbCount++}`);
    const reads = countReads(counted);
    const kb = new KnowledgeBaseService(counted, artifacts);
    // Just under the size limit: ~5 MB of Markdown, already stored among 300 other documents.
    const section = `## Step\nRestart the consumer group and watch the lag drain on the orders topic.\n\n`;
    const large = `# Large runbook\n\n${section.repeat(Math.floor((MAX_KB_DOCUMENT_BYTES - 100) / section.length))}`;
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(large))).toString('hex');
    const doc = (id: string, contentHash: string) => ({ id, tier: 'user' as const, title: id, source: `${id}.md`, tags: [], createdAt: 1, updatedAt: 1, contentHash, chunkCount: 9 });
    await counted.kbDocuments.bulkAdd([...Array.from({ length: 300 }, (_, i) => doc(`user:${i}`, `other-${i}`)), doc('user:large', hash)]);
    reads.reset();

    const again = await kb.addDocument({ tier: 'user', name: 'large-again.md', text: large });
    expect(again).toMatchObject({ duplicate: true, chunks: 9, document: { id: 'user:large' } });
    expect(reads.rows('kbDocuments')).toBe(1);
    expect(reads.rows('kbChunks')).toBe(0);

    // A 100 MB file is refused by its size before anything is read.
    reads.reset();
    await expect(kb.addDocument({ tier: 'user', name: 'dump.md', text: large.repeat(20) })).rejects.toThrow('takes documents up to 5 MB');
    expect(reads.rows('kbDocuments')).toBe(0);
    counted.close();
    await counted.delete();
  });

  it('rejects empty, binary and oversized documents with a clear message and stores nothing', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    await expect(kb.addDocument({ tier: 'user', name: 'empty.md', text: ' \n ' })).rejects.toThrow('"empty.md" is empty');
    await expect(kb.addDocument({ tier: 'user', name: 'img.md', text: 'PNG\u0000\u0001' })).rejects.toThrow('looks like a binary file');
    const huge = 'x'.repeat(MAX_KB_DOCUMENT_BYTES + 1);
    await expect(kb.addDocument({ tier: 'user', name: 'huge.md', text: huge })).rejects.toThrow('takes documents up to 5 MB');
    await expect(kb.search('   ')).rejects.toThrow('Type something');
    expect(await db.kbDocuments.count()).toBe(0);
    expect(await db.kbChunks.count()).toBe(0);
  });

  it('deletes user documents from storage and index, and protects the shipped pack', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const added = await kb.addDocument({ tier: 'user', name: 'p.md', text: POSTMORTEM });
    expect(await kb.deleteDocument(added.document.id)).toBe(true);
    expect(await db.kbChunks.count()).toBe(0);
    const result = await kb.search('recommendation cache flushed checkout', { filter: { tiers: ['user'] } });
    expect(result.hits).toEqual([]);
    await expect(kb.deleteDocument('global:linux-disk-full')).rejects.toThrow('cannot be deleted');
  });

  it('keeps case documents only while their case is open (orphan sweep)', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const now = Date.now();
    await db.cases.bulkPut([
      { id: 'open-case', title: 'a', status: 'open', severity: 'sev2', createdAt: now, updatedAt: now },
      { id: 'closed-case', title: 'b', status: 'open', severity: 'sev2', createdAt: now, updatedAt: now },
    ] as never);
    const keep = await kb.addDocument({ tier: 'case', caseId: 'open-case', name: 'ev1', text: 'kafka consumer lag on orders topic' });
    const drop = await kb.addDocument({ tier: 'case', caseId: 'closed-case', name: 'ev2', text: 'redis evictions during sale' });
    await db.cases.update('closed-case', { status: 'closed' });
    expect(await kb.sweepOrphans()).toBe(1);
    expect((await kb.listDocuments({ tier: 'case' })).map((d) => d.id)).toEqual([keep.document.id]);
    expect((await kb.search('redis evictions during sale', { filter: { tiers: ['case'] } })).hits.map((h) => h.document.id)).not.toContain(drop.document.id);
    await expect(kb.addDocument({ tier: 'case', caseId: 'missing', name: 'x', text: 'y' })).rejects.toThrow('Case missing not found');
  });
});

describe('KnowledgeBaseService.getDocument', () => {
  it('returns a shipped runbook or a stored document with its chunks in order, and says when it is gone', async () => {
    const kb = new KnowledgeBaseService(db, artifacts);
    const global = await kb.getDocument('global:nginx-504-gateway-timeout');
    expect(global.document.tier).toBe('global');
    expect(global.chunks.length).toBeGreaterThan(0);
    const added = await kb.addDocument({ tier: 'user', name: 'p.md', text: POSTMORTEM });
    const mine = await kb.getDocument(added.document.id);
    expect(mine.document.title).toBe('Post-mortem: checkout latency from a cold cache');
    expect(mine.chunks.map((c) => c.ordinal)).toEqual([...mine.chunks.keys()]);
    expect(mine.chunks.map((c) => c.text).join('\n')).toContain('Warm the recommendation cache');
    await kb.deleteDocument(added.document.id);
    await expect(kb.getDocument(added.document.id)).rejects.toThrow('no longer exists');
    await expect(kb.getDocument('global:nope')).rejects.toThrow('no longer exists');
  });
});
