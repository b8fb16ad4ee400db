import 'fake-indexeddb/auto';
import fs from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { prepareDocument } from '@/lib/kb/ingest';
import { chunkKeywordTerms, KbIndex, KEYWORD_TERMS_VERSION } from '@/lib/kb/kb-index';
import { loadStoredDocuments, reembedStoredDocument } from '@/lib/kb/kb-store';
import { KnowledgeBaseService, type KbArtifacts } from '@/lib/kb/knowledge-base-service';
import { GLOBAL_PACK_FILE, loadStaticEmbedder, readRunbookSources, WORD_VECTORS_FILE } from '@/lib/kb/node/artifacts';
import type { KbPack } from '@/lib/kb/pack-format';
import { FaultMavenDB, SCHEMA_VERSIONS } from './schema';

const embedder = loadStaticEmbedder();
const artifacts: KbArtifacts = {
  wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
  globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
};

async function sha256(text: string): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
}

/** A v4 database holding documents the way v4 stored them: vector and terms on every chunk row. */
async function v4Database(name: string) {
  const sources = readRunbookSources().slice(0, 8);
  const prepared = await Promise.all(
    sources
      .map(({ file, text }) => prepareDocument({ id: `user:${file}`, tier: 'user', source: file, text, fallbackTitle: file }, embedder)),
  );
  const v4 = new Dexie(name);
  v4.version(4).stores(SCHEMA_VERSIONS.find((v) => v.version === 4)!.stores);
  await v4.open();
  for (const [n, doc] of prepared.entries()) {
    await v4.table('kbDocuments').add({ ...doc.meta, createdAt: 1, updatedAt: 1, contentHash: await sha256(sources[n]!.text), sizeBytes: 1, chunkCount: doc.chunks.length, embedderId: embedder.id });
    await v4.table('kbChunks').bulkAdd(
      doc.chunks.map((c, i) => ({
        id: c.id,
        documentId: c.documentId,
        tier: 'user',
        ordinal: c.ordinal,
        heading: c.headingPath.join(' › '),
        headingPath: c.headingPath,
        text: c.text,
        // The last document has no vectors (a chunk synced in under v4): it must be re-embedded, not lost.
        ...(n === prepared.length - 1 ? {} : { vector: doc.vectors[i] }),
        keywordTerms: chunkKeywordTerms(doc.meta, c).join(' '),
        // The first document's terms come from an older tokenizer: they must be made again.
        keywordTermsVersion: n === 0 ? 0 : KEYWORD_TERMS_VERSION,
      })),
    );
  }
  v4.close();
  return { prepared, sources };
}

describe('v5 upgrade: chunk vectors and terms move to one index row per document', () => {
  it('keeps every document and chunk text, loads the same index, and re-embeds what had no vectors', async () => {
    const name = `kb-v4-${crypto.randomUUID()}`;
    const { prepared } = await v4Database(name);
    const db = new FaultMavenDB(name);
    await db.open();

    expect(await db.kbDocuments.count()).toBe(prepared.length);
    const chunks = await db.kbChunks.toArray();
    expect(chunks.map((c) => c.text).sort()).toEqual(prepared.flatMap((d) => d.chunks.map((c) => c.text)).sort());
    expect(chunks.some((c) => 'vector' in c || 'keywordTerms' in c || 'keywordTermsVersion' in c)).toBe(false);
    const rows = await db.kbDocumentIndex.toArray();
    expect(rows.map((r) => r.documentId).sort()).toEqual(prepared.slice(0, -1).map((d) => d.meta.id).sort());
    const firstRow = rows.find((r) => r.documentId === prepared[0]!.meta.id)!;
    expect(firstRow.keywordTermsVersion).toBe(0);
    expect(firstRow.vectors).toEqual(Float32Array.from(prepared[0]!.vectors.flatMap((v) => [...v])));

    const { documents, stale } = await loadStoredDocuments(db, embedder.id);
    expect(stale.map((r) => r.id)).toEqual([prepared.at(-1)!.meta.id]);
    const loaded = new KbIndex({ dim: embedder.dim });
    for (const d of documents) loaded.addDocument(d.meta, d.chunks, d.vectors, d.keywordTerms);
    const fresh = (await reembedStoredDocument(db, stale[0]!, embedder))!;
    loaded.addDocument(fresh.meta, fresh.chunks, fresh.vectors, fresh.keywordTerms);
    const reference = new KbIndex({ dim: embedder.dim });
    for (const d of prepared) reference.addDocument(d.meta, d.chunks, d.vectors);
    for (const query of ['nginx upstream timed out 504', 'disk full no space left on device', 'certificate expired TLS handshake']) {
      const [vector] = await embedder.embed([query]);
      const summary = (index: KbIndex) => index.search(query, vector!, { k: 5 }).hits.map((h) => [h.chunk.id, h.score]);
      expect(summary(loaded)).toEqual(summary(reference));
    }
    db.close();
    await db.delete();
  });

  it('serves searches with text and recognises duplicates through the service after the upgrade', async () => {
    const name = `kb-v4-${crypto.randomUUID()}`;
    const { prepared, sources } = await v4Database(name);
    const db = new FaultMavenDB(name);
    const kb = new KnowledgeBaseService(db, artifacts);
    const vectorless = prepared.at(-1)!;
    const result = await kb.search(vectorless.meta.title, { filter: { tiers: ['user'] } });
    expect(result.hits[0]!.document.id).toBe(vectorless.meta.id);
    expect(result.hits.every((h) => h.chunk.text.length > 0)).toBe(true);
    expect((await kb.getDocument(prepared[1]!.meta.id)).chunks.map((c) => c.text)).toEqual(prepared[1]!.chunks.map((c) => c.text));
    expect((await kb.status()).chunks).toBeGreaterThanOrEqual(prepared.reduce((n, d) => n + d.chunks.length, 0));
    const again = await kb.addDocument({ tier: 'user', name: 'again.md', text: sources[2]!.text });
    expect(again).toMatchObject({ duplicate: true, document: { id: prepared[2]!.meta.id } });
    expect(await db.kbDocuments.count()).toBe(prepared.length);
    db.close();
    await db.delete();
  });
});
