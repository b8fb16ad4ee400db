import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultMavenDB, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { countReads } from '@/tests/support/count-reads';
import { prepareDocument, type PreparedDocument } from './ingest';
import { chunkKeywordTerms, KbIndex, KEYWORD_TERMS_VERSION } from './kb-index';
import { findDocumentByHash, loadStoredDocuments, reembedStoredDocument, saveDocument, streamStoredDocuments, withChunkTexts } from './kb-store';
import { encodeTerms } from './stored-terms';
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
  it('reads every document with its chunks in order (text left in storage), vectors and persisted terms', async () => {
    const reads = countReads(db);
    db.close();
    await db.open();
    const { documents } = await loadStoredDocuments(db, embedder.id);
    expect(documents.map((d) => d.meta.id).sort()).toEqual(prepared.map((d) => d.meta.id).sort());
    for (const doc of documents) {
      const original = prepared.find((p) => p.meta.id === doc.meta.id)!;
      expect(doc.meta).toEqual(original.meta);
      expect(doc.chunks).toEqual(original.chunks.map((c) => ({ ...c, text: '' })));
      expect(doc.vectors).toEqual(original.vectors);
      expect(doc.keywordTerms).toEqual(original.chunks.map((c) => chunkKeywordTerms(original.meta, c)));
    }
    expect(prepared.some((d) => d.chunks.length > 1)).toBe(true);
    // One index row per document; no chunk row (the texts) is read.
    expect(reads.rows('kbDocumentIndex')).toBe(prepared.length);
    expect(reads.rows('kbChunks')).toBe(0);
  });

  it('builds an index whose searches equal the tokenised path (same hits, scores, confidence)', async () => {
    await expectSameSearchesAsReference(await loadedIndex());
  });

  it("fills in the hits' text from storage, and drops a hit whose chunk is gone", async () => {
    const index = await loadedIndex();
    const [vector] = await embedder.embed([QUERIES[0]!]);
    const bare = index.search(QUERIES[0]!, vector!, { k: 5 });
    expect(bare.hits.length).toBeGreaterThan(1);
    expect(bare.hits.every((h) => h.chunk.text === '')).toBe(true);
    const full = await withChunkTexts(db, bare);
    const original = new Map(prepared.flatMap((d) => d.chunks).map((c) => [c.id, c.text]));
    expect(full.hits.map((h) => h.chunk.text)).toEqual(bare.hits.map((h) => original.get(h.chunk.id)));
    expect(full.hits.every((h) => h.chunk.text.length > 0)).toBe(true);

    await db.kbChunks.delete(bare.hits[0]!.chunk.id);
    expect((await withChunkTexts(db, bare)).hits.map((h) => h.chunk.id)).toEqual(bare.hits.slice(1).map((h) => h.chunk.id));
  });

  it('makes terms again when stored without them, and keeps them for the next load', async () => {
    await db.kbDocumentIndex.toCollection().modify((row) => {
      delete row.termVocabulary;
      delete row.termIds;
      delete row.termEnds;
      delete row.keywordTermsVersion;
    });
    await expectSameSearchesAsReference(await loadedIndex());
    expect((await db.kbDocumentIndex.toArray()).every((row) => row.keywordTermsVersion === KEYWORD_TERMS_VERSION && row.termIds instanceof Uint16Array)).toBe(true);
    const reads = countReads(db);
    db.close();
    await db.open();
    await expectSameSearchesAsReference(await loadedIndex());
    expect(reads.rows('kbChunks')).toBe(0);
  });

  it('ignores terms from another tokenizer version or made for another title', async () => {
    // Wrong terms: used, they would break every search below.
    const wrong = encodeTerms([['stale', 'term', 'list']]);
    const [first, ...rest] = prepared;
    await db.kbDocumentIndex.update(first!.meta.id, { ...wrong, termEnds: new Uint32Array(first!.chunks.length).fill(3), keywordTermsVersion: 0 });
    for (const doc of rest) await db.kbDocumentIndex.update(doc.meta.id, { ...wrong, termEnds: new Uint32Array(doc.chunks.length).fill(3), keywordTermsOf: '["an old title",[]]' });
    await expectSameSearchesAsReference(await loadedIndex());
  });

  it('reports documents of another embedder, or without a usable index row, as stale', async () => {
    const [first, second, third, fourth] = prepared;
    await db.kbDocuments.update(first!.meta.id, { embedderId: 'another-model' });
    await db.kbDocumentIndex.delete(second!.meta.id);
    await db.kbDocumentIndex.update(third!.meta.id, { vectors: new Float32Array(3) });
    await db.kbDocumentIndex.update(fourth!.meta.id, { embedderId: 'another-model' });
    const { documents, stale } = await loadStoredDocuments(db, embedder.id);
    expect(stale.map((r) => r.id).sort()).toEqual([first, second, third, fourth].map((d) => d!.meta.id).sort());
    expect(documents).toHaveLength(prepared.length - 4);
  });

  it('reads in pages that cover every row exactly once, orphans before and after included', async () => {
    const orphan = (documentId: string) => ({ documentId, embedderId: embedder.id, dim: 1, vectors: new Float32Array(1), chunkIds: ['x'], ordinals: [0], headingPaths: [[]] });
    await db.kbDocumentIndex.bulkPut([orphan('a-before-every-document'), orphan('zz-after-every-document')]);
    const added: string[] = [];
    const index = new KbIndex({ dim: embedder.dim });
    const { stale } = await streamStoredDocuments(
      db,
      embedder.id,
      (d) => {
        added.push(d.meta.id);
        index.addDocument(d.meta, d.chunks, d.vectors, d.keywordTerms);
      },
      { pageChunks: 2 },
    );
    expect(stale).toEqual([]);
    expect(added).toEqual(prepared.map((d) => d.meta.id).sort());
    expect(prepared.reduce((n, d) => n + d.chunks.length, 0)).toBeGreaterThan(2 * 5);
    await expectSameSearchesAsReference(index);
    expect(await db.kbDocumentIndex.count()).toBe(prepared.length);
  });

  it('deletes index rows whose document is gone, and only those', async () => {
    const [gone] = prepared;
    await db.kbDocuments.delete(gone!.meta.id);
    const { documents } = await loadStoredDocuments(db, embedder.id);
    expect(documents).toHaveLength(prepared.length - 1);
    expect(await db.kbDocumentIndex.get(gone!.meta.id)).toBeUndefined();
    expect(await db.kbDocumentIndex.count()).toBe(prepared.length - 1);
  });
});

describe('reembedStoredDocument', () => {
  it("rebuilds a document's index row from its chunk text for the new embedder", async () => {
    const [doc] = prepared;
    await db.kbDocumentIndex.delete(doc!.meta.id);
    await db.kbDocuments.update(doc!.meta.id, { embedderId: undefined });
    const { stale } = await loadStoredDocuments(db, embedder.id);
    expect(stale.map((r) => r.id)).toEqual([doc!.meta.id]);
    const fresh = await reembedStoredDocument(db, stale[0]!, embedder);
    expect(fresh!.chunks).toEqual(doc!.chunks);
    expect(fresh!.vectors).toEqual(doc!.vectors);
    expect((await db.kbDocuments.get(doc!.meta.id))!.embedderId).toBe(embedder.id);
    expect((await loadStoredDocuments(db, embedder.id)).stale).toEqual([]);
    await expectSameSearchesAsReference(await loadedIndex());
  });
});

describe('findDocumentByHash', () => {
  function record(id: string, tier: 'user' | 'case', contentHash: string | undefined, caseId?: string) {
    return { id, tier, title: id, source: `${id}.md`, tags: [], createdAt: 1, updatedAt: 1, ...(contentHash ? { contentHash } : {}), ...(caseId ? { caseId } : {}), chunkCount: 1 };
  }

  it('finds the duplicate through the (tier, hash) index, reading only the matching row', async () => {
    const counted = new FaultMavenDB(`kb-hash-test-${dbCount++}`);
    const reads = countReads(counted);
    await counted.kbDocuments.bulkAdd(Array.from({ length: 200 }, (_, i) => record(`user:${i}`, 'user', `hash-${i}`)));
    reads.reset();
    expect((await findDocumentByHash(counted, 'hash-137', 'user'))?.id).toBe('user:137');
    expect(await findDocumentByHash(counted, 'hash-unknown', 'user')).toBeUndefined();
    expect(reads.rows('kbDocuments')).toBe(1);
    expect(reads.rows('kbChunks')).toBe(0);
    counted.close();
    await counted.delete();
  });

  it('scopes case documents to their case and keeps the tiers apart', async () => {
    await db.kbDocuments.bulkAdd([record('case:a', 'case', 'same-text', 'case-a'), record('user:x', 'user', 'user-text')]);
    expect((await findDocumentByHash(db, 'same-text', 'case', 'case-a'))?.id).toBe('case:a');
    // The same evidence text in another case is that case's own document, not a duplicate.
    expect(await findDocumentByHash(db, 'same-text', 'case', 'case-b')).toBeUndefined();
    expect(await findDocumentByHash(db, 'same-text', 'user')).toBeUndefined();
    expect(await findDocumentByHash(db, 'user-text', 'case', 'case-a')).toBeUndefined();
    expect((await findDocumentByHash(db, 'user-text', 'user'))?.id).toBe('user:x');
  });
});

describe('v4 upgrade: the (tier, hash) index', () => {
  it('keeps every v3 document and chunk, hashed or not, and finds duplicates among them', async () => {
    const name = `kb-v3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_VERSIONS.find((v) => v.version === 3)!.stores);
    await v3.open();
    await v3.table('kbDocuments').bulkAdd([
      { id: 'user:hashed', tier: 'user', title: 'Hashed', source: 'h.md', tags: [], createdAt: 1, updatedAt: 1, contentHash: 'abc', chunkCount: 1 },
      { id: 'user:unhashed', tier: 'user', title: 'Unhashed', source: 'u.md', tags: [], createdAt: 1, updatedAt: 1, chunkCount: 1 },
      { id: 'case:ev', tier: 'case', caseId: 'c1', title: 'Evidence', source: 'e', tags: [], createdAt: 1, updatedAt: 1, contentHash: 'abc', chunkCount: 1 },
    ]);
    await v3.table('kbChunks').add({ id: 'user:hashed#0', documentId: 'user:hashed', tier: 'user', ordinal: 0, heading: '', text: 'hello' });
    v3.close();

    const upgraded = new FaultMavenDB(name);
    await upgraded.open();
    expect((await upgraded.kbDocuments.toCollection().primaryKeys()).sort()).toEqual(['case:ev', 'user:hashed', 'user:unhashed']);
    expect(await upgraded.kbChunks.count()).toBe(1);
    expect((await findDocumentByHash(upgraded, 'abc', 'user'))?.id).toBe('user:hashed');
    expect((await findDocumentByHash(upgraded, 'abc', 'case', 'c1'))?.id).toBe('case:ev');
    expect(await findDocumentByHash(upgraded, 'abc', 'case', 'c2')).toBeUndefined();
    upgraded.close();
    await upgraded.delete();
  });
});
