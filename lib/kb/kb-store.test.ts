import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultMavenDB } from '@/lib/db/schema';
import { prepareDocument, type PreparedDocument } from './ingest';
import { KbIndex } from './kb-index';
import { loadStoredDocuments, saveDocument } from './kb-store';
import { loadStaticEmbedder, readRunbookSources } from './node/artifacts';
import type { KbSearchResult } from './types';

const embedder = loadStaticEmbedder();
const QUERIES = [
  'nginx upstream timed out 504',
  'postgres replication lag on the replica',
  'disk full no space left on device',
  'pod CrashLoopBackOff exit code 137 OOMKilled',
  'certificate expired TLS handshake',
];

let db: FaultMavenDB;
let dbCount = 0;
let prepared: PreparedDocument[];

beforeEach(async () => {
  db = new FaultMavenDB(`kb-store-test-${dbCount++}`);
  await db.open();
  // A dozen real runbooks: several chunks per document, so ordering and grouping matter.
  prepared = await Promise.all(
    readRunbookSources()
      .slice(0, 12)
      .map(({ file, text }) => prepareDocument({ id: `user:${file}`, tier: 'user', source: file, text, fallbackTitle: file }, embedder)),
  );
  for (const doc of prepared) await saveDocument(db, doc, { contentHash: doc.meta.id, sizeBytes: 1, embedderId: embedder.id });
});

afterEach(async () => {
  db.close();
  await db.delete();
});

/** The index as built before terms were persisted: every chunk tokenised from its text. */
function referenceIndex(): KbIndex {
  const index = new KbIndex({ dim: embedder.dim });
  for (const d of prepared) index.addDocument(d.meta, d.chunks, d.vectors);
  return index;
}

async function loadedIndex(): Promise<KbIndex> {
  const { documents, stale } = await loadStoredDocuments(db, embedder.id);
  expect(stale).toEqual([]);
  const index = new KbIndex({ dim: embedder.dim });
  for (const d of documents) index.addDocument(d.meta, d.chunks, d.vectors, d.keywordTerms);
  return index;
}

async function results(index: KbIndex): Promise<KbSearchResult[]> {
  const vectors = await embedder.embed(QUERIES);
  return QUERIES.flatMap((q, i) => [index.search(q, vectors[i]!, { k: 5 }), index.search(q, null, { k: 8, perDocument: false })]);
}

function summary(result: KbSearchResult) {
  return { confidence: result.confidence, hits: result.hits.map((h) => ({ chunk: h.chunk.id, score: h.score, citation: h.citation })) };
}

async function expectSameSearchesAsReference(index: KbIndex): Promise<void> {
  const expected = (await results(referenceIndex())).map(summary);
  const actual = (await results(index)).map(summary);
  // Every hybrid search and most keyword-only ones find something: the comparison is not vacuous.
  expect(expected.filter((r) => r.hits.length > 0).length).toBeGreaterThan(QUERIES.length);
  expect(actual).toEqual(expected);
}

describe('loadStoredDocuments', () => {
  it('reads every document with its chunks in order, vectors and persisted terms', async () => {
    const { documents } = await loadStoredDocuments(db, embedder.id);
    expect(documents.map((d) => d.meta.id).sort()).toEqual(prepared.map((d) => d.meta.id).sort());
    for (const doc of documents) {
      const original = prepared.find((p) => p.meta.id === doc.meta.id)!;
      expect(doc.meta).toEqual(original.meta);
      expect(doc.chunks).toEqual(original.chunks);
      expect(doc.vectors).toEqual(original.vectors);
      expect(doc.keywordTerms!.every((t) => Array.isArray(t))).toBe(true);
    }
    expect(prepared.some((d) => d.chunks.length > 1)).toBe(true);
  });

  it('builds an index whose searches equal the tokenised path (same hits, scores, confidence)', async () => {
    await expectSameSearchesAsReference(await loadedIndex());
  });

  it('tokenises rows stored before terms were persisted', async () => {
    await db.kbChunks.toCollection().modify((c) => {
      delete c.keywordTerms;
      delete c.keywordTermsVersion;
    });
    const { documents } = await loadStoredDocuments(db, embedder.id);
    expect(documents.flatMap((d) => d.keywordTerms!).every((t) => t === undefined)).toBe(true);
    await expectSameSearchesAsReference(await loadedIndex());
  });

  it('ignores terms from another tokenizer version', async () => {
    // Wrong terms under an old version: used, they would break every search below.
    await db.kbChunks.toCollection().modify((c) => {
      c.keywordTerms = 'stale term list';
      c.keywordTermsVersion = 0;
    });
    await expectSameSearchesAsReference(await loadedIndex());
  });

  it('reports documents of another embedder, or without chunks or vectors, as stale', async () => {
    const [first, second, third] = prepared;
    await db.kbDocuments.update(first!.meta.id, { embedderId: 'another-model' });
    await db.kbChunks.where('documentId').equals(second!.meta.id).delete();
    await db.kbChunks.where('documentId').equals(third!.meta.id).modify((c) => void delete c.vector);
    const { documents, stale } = await loadStoredDocuments(db, embedder.id);
    expect(stale.map((r) => r.id).sort()).toEqual([first!.meta.id, second!.meta.id, third!.meta.id].sort());
    expect(documents).toHaveLength(prepared.length - 3);
  });
});
