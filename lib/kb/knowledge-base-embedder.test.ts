import * as transformers from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import { startModelFileServer, type ModelFileServer } from '@/tests/support/model-file-server';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EmbedderChoice, EmbedderJob, TransformerModelSettings } from './embedder-settings';
import { GLOBAL_PACK_VECTORS_KEY } from './global-pack-vectors';
import { KnowledgeBaseService, type KbServiceOptions } from './knowledge-base-service';
import { fileKbArtifacts } from './node/file-artifacts';
import { memoryModelCache } from './node/memory-model-cache';
import { TransformerEmbedder, type TransformersRuntime } from './transformer-embedder';

// Switching embedders for real: the tiny generated BERT is downloaded from a local model host,
// and every tier is re-embedded with it (its vectors are meaningless; dimensions and wiring are not).
let server: ModelFileServer;
let db: FaultMavenDB;
let cache: ReturnType<typeof memoryModelCache>;

beforeAll(async () => {
  server = await startModelFileServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  db = createTestDb();
  cache = memoryModelCache();
});
afterEach(async () => {
  await db.delete();
});

const options = (): KbServiceOptions => ({
  loadTransformer: (model, onProgress) => TransformerEmbedder.load(model, { runtime: transformers as unknown as TransformersRuntime, cache, device: 'cpu', onProgress }),
});
const tiny = (modelId = 'test/tiny-bert'): EmbedderChoice => ({ kind: 'transformer', model: { hostUrl: server.url, modelId, dtype: 'fp32' } satisfies TransformerModelSettings });

const RUNBOOK = `# Orders consumer lag\n## Fix\nScale the orders consumer group and check partition rebalancing.`;

/** Polls the status the way the dashboard does, collecting every job state seen. */
async function runWithProgress(kb: KnowledgeBaseService, choice: EmbedderChoice): Promise<EmbedderJob[]> {
  const seen: EmbedderJob[] = [];
  const { done } = await kb.beginEmbedderSwitch(choice);
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    const { job } = await kb.embedderStatus();
    if (job) seen.push(job);
    await new Promise((r) => setTimeout(r, 1));
  }
  return seen;
}

describe('KnowledgeBaseService embedder switch', () => {
  it('downloads the model, re-embeds the global, user and case tiers with progress, and keeps it after a restart without the network', async () => {
    const kb = new KnowledgeBaseService(db, fileKbArtifacts(), options());
    const now = Date.now();
    await db.cases.put({ id: 'c1', title: 'x', status: 'open', severity: 'sev2', createdAt: now, updatedAt: now } as never);
    const user = await kb.addDocument({ tier: 'user', name: 'orders.md', text: RUNBOOK });
    await kb.addDocument({ tier: 'case', caseId: 'c1', name: 'ev', text: 'kafka consumer lag on orders' });
    const before = await kb.status();
    expect(before.embedderId).toMatch(/^static-glove/);

    const jobs = await runWithProgress(kb, tiny());
    const status = await kb.embedderStatus();
    expect(status).toMatchObject({ activeEmbedderId: 'transformer:test/tiny-bert@fp32', job: null, error: null, choice: tiny() });
    expect(jobs.some((j) => j.phase === 'downloading')).toBe(true);
    const reindexing = jobs.filter((j) => j.phase === 'reindexing');
    expect(reindexing.length).toBeGreaterThan(0);
    // 98 chunks of the shipped pack, one user and one case chunk.
    expect(reindexing.filter((j) => j.progress > 0).every((j) => / of 100 chunks re-embedded$/.test(j.detail))).toBe(true);
    expect(reindexing.every((j, i) => i === 0 || j.progress >= reindexing[i - 1]!.progress)).toBe(true);

    const after = await kb.status();
    expect(after).toMatchObject({ documents: before.documents, chunks: before.chunks, embedderId: 'transformer:test/tiny-bert@fp32' });
    expect((await db.kbDocuments.toArray()).map((d) => d.embedderId)).toEqual(['transformer:test/tiny-bert@fp32', 'transformer:test/tiny-bert@fp32']);
    expect((await db.kbDocumentIndex.toArray()).map((r) => [r.dim, r.vectors.length / r.chunkIds.length])).toEqual([[32, 32], [32, 32]]);
    // Keyword search still finds the document; the vectors side now comes from the model.
    expect((await kb.search('orders consumer lag rebalancing', { filter: { tiers: ['user'] } })).hits[0]!.document.id).toBe(user.document.id);

    // A new worker: the model comes from the cache and the pack's vectors from IndexedDB.
    server.requests.length = 0;
    const restarted = new KnowledgeBaseService(db, fileKbArtifacts(), options());
    expect((await restarted.status()).embedderId).toBe('transformer:test/tiny-bert@fp32');
    expect(server.requests).toEqual([]);
    expect((await db.settings.get(GLOBAL_PACK_VECTORS_KEY))?.value).toMatchObject({ embedderId: 'transformer:test/tiny-bert@fp32' });

    // And back to the built-in embedder, which needs no download.
    await (await restarted.beginEmbedderSwitch({ kind: 'static' })).done;
    expect((await restarted.status()).embedderId).toMatch(/^static-glove/);
    expect((await db.kbDocumentIndex.toArray()).map((r) => [r.dim, r.vectors.length / r.chunkIds.length])).toEqual([[100, 100], [100, 100]]);
  });

  it('keeps the built-in embedder working when the model cannot be loaded, with a clear error', async () => {
    const kb = new KnowledgeBaseService(db, fileKbArtifacts(), options());
    const added = await kb.addDocument({ tier: 'user', name: 'orders.md', text: RUNBOOK });
    await (await kb.beginEmbedderSwitch(tiny('test/corrupt-bert'))).done;
    const status = await kb.embedderStatus();
    expect(status.activeEmbedderId).toMatch(/^static-glove/);
    expect(status.choice).toEqual({ kind: 'static' });
    expect(status.error).toMatch(/Could not load the embedding model test\/corrupt-bert .*damaged/);
    expect((await kb.search('orders consumer lag', { filter: { tiers: ['user'] } })).hits[0]!.document.id).toBe(added.document.id);
    expect((await db.kbDocuments.get(added.document.id))!.embedderId).toMatch(/^static-glove/);
  });

  it('falls back to the built-in embedder at start when the chosen model is gone, and says why', async () => {
    await db.settings.put({ key: 'kb.embedder', value: tiny('test/vanished') });
    const kb = new KnowledgeBaseService(db, fileKbArtifacts(), options());
    const status = await kb.embedderStatus();
    expect(status.activeEmbedderId).toMatch(/^static-glove/);
    expect(status.choice).toEqual(tiny('test/vanished'));
    expect(status.error).toMatch(/a model file is missing there.*Searching with the built-in embedder meanwhile/);
    expect((await kb.search('nginx upstream timed out 504')).hits[0]!.document.id).toBe('global:nginx-504-gateway-timeout');
  });

  it('rejects bad choices before starting anything', async () => {
    const kb = new KnowledgeBaseService(db, fileKbArtifacts(), options());
    await expect(kb.beginEmbedderSwitch({ kind: 'transformer', model: { hostUrl: 'not a url', modelId: 'a/b', dtype: 'q8' } })).rejects.toThrow('is not a URL');
    await expect(kb.beginEmbedderSwitch({ kind: 'transformer', model: { hostUrl: 'ftp://x/', modelId: 'a/b', dtype: 'q8' } })).rejects.toThrow('must be an http(s) URL');
    await expect(kb.beginEmbedderSwitch({ kind: 'transformer', model: { hostUrl: server.url, modelId: '../../etc', dtype: 'q8' } })).rejects.toThrow('is not a model id');
    const noRuntime = new KnowledgeBaseService(db, fileKbArtifacts());
    await expect(noRuntime.beginEmbedderSwitch(tiny())).rejects.toThrow('not available in this build');
    const { done } = await kb.beginEmbedderSwitch(tiny());
    await expect(kb.beginEmbedderSwitch({ kind: 'static' })).rejects.toThrow('already switching');
    await done;
  });
});
