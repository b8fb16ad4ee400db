import type { FaultMavenDB } from '@/lib/db/schema';
import type { KnowledgeChunkRecord, KnowledgeDocumentIndexRecord, KnowledgeDocumentRecord } from '@/lib/db/records';
import type { Embedder } from './embedder';
import type { PreparedDocument } from './ingest';
import { chunkKeywordTerms, indexedText, KEYWORD_TERMS_VERSION } from './kb-index';
import { decodeTerms, encodeTerms, termsSourceKey } from './stored-terms';
import type { KbChunk, KbDocumentMeta, KbSearchResult } from './types';

/**
 * IndexedDB persistence of the user and case tiers (the global tier ships in the package).
 * A document is three kinds of rows: its `kbDocuments` record, one `kbChunks` row per chunk (the
 * text), and one `kbDocumentIndex` row (every chunk's vector, BM25 terms and headings, what the
 * in-memory index is built from). They are written in one transaction, so the index rebuilt
 * from storage never sees a document without its chunks or the reverse.
 */

export interface StoredDocumentInfo {
  contentHash: string;
  sizeBytes: number;
  embedderId: string;
}

export async function saveDocument(db: FaultMavenDB, doc: PreparedDocument, info: StoredDocumentInfo): Promise<KnowledgeDocumentRecord> {
  const now = Date.now();
  const indexRow = documentIndexRow(doc.meta, doc.chunks, doc.vectors, info.embedderId, doc.keywordTerms);
  return db.transaction('rw', db.kbDocuments, db.kbChunks, db.kbDocumentIndex, async () => {
    const previous = await db.kbDocuments.get(doc.meta.id);
    await db.kbChunks.where('documentId').equals(doc.meta.id).delete();
    const record: KnowledgeDocumentRecord = {
      id: doc.meta.id,
      tier: doc.meta.tier,
      title: doc.meta.title,
      source: doc.meta.source,
      tags: doc.meta.tags,
      ...(doc.meta.caseId !== undefined ? { caseId: doc.meta.caseId } : {}),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      contentHash: info.contentHash,
      sizeBytes: info.sizeBytes,
      chunkCount: doc.chunks.length,
      embedderId: info.embedderId,
    };
    await db.kbDocuments.put(record);
    await db.kbChunks.bulkPut(
      doc.chunks.map(
        (chunk): KnowledgeChunkRecord => ({
          id: chunk.id,
          documentId: chunk.documentId,
          tier: doc.meta.tier,
          ordinal: chunk.ordinal,
          heading: chunk.headingPath.join(' › '),
          headingPath: chunk.headingPath,
          text: chunk.text,
        }),
      ),
    );
    await db.kbDocumentIndex.put(indexRow);
    return record;
  });
}

export async function deleteStoredDocument(db: FaultMavenDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.kbDocuments, db.kbChunks, db.kbDocumentIndex, async () => {
    const existed = (await db.kbDocuments.get(id)) !== undefined;
    await db.kbChunks.where('documentId').equals(id).delete();
    await db.kbDocumentIndex.delete(id);
    await db.kbDocuments.delete(id);
    return existed;
  });
}

/**
 * The document of `tier` holding exactly this text, if any: an indexed lookup on (tier, hash), so
 * only the documents with that hash are read (usually none or one), never the whole tier. A case
 * document is a duplicate only within its own case (`caseId` undefined for the user tier).
 */
export async function findDocumentByHash(db: FaultMavenDB, contentHash: string, tier: string, caseId?: string): Promise<KnowledgeDocumentRecord | undefined> {
  const sameText = await db.kbDocuments.where('[tier+contentHash]').equals([tier, contentHash]).toArray();
  return sameText.find((d) => d.caseId === caseId);
}

/** Index rows read per IndexedDB request while loading: about this many chunks' vectors. */
const LOAD_PAGE_CHUNKS = 2000;

/**
 * Hands every stored document embedded with `embedderId` to `add` (for `KbIndex.addDocument`),
 * and returns the documents without a usable index row for that embedder (another model, synced
 * from another device): they need re-embedding.
 *
 * Loading 100k chunks is bound by deserialising their vectors and by building the index, so:
 * - one `kbDocumentIndex` row per document is read (vectors packed, BM25 terms encoded), not
 *   100k chunk rows; chunk texts are NOT read: chunks come with `text: ''` and a hit's text is
 *   read by `withChunkTexts` (deserialising 100k texts cost more than the whole index build);
 * - the rows are requested in pages, all at once in one transaction, so IndexedDB reads the
 *   next pages while `add` indexes the one that arrived (the read used to leave the page idle
 *   for ~1.5 s, waiting, before the build could start).
 * Terms made by another tokenizer version or for another title are made again from the chunks'
 * text and stored for the next load; those documents are added last.
 */
export async function streamStoredDocuments(
  db: FaultMavenDB,
  embedderId: string,
  add: (doc: PreparedDocument) => void,
  { pageChunks = LOAD_PAGE_CHUNKS }: { pageChunks?: number } = {},
): Promise<{ stale: KnowledgeDocumentRecord[] }> {
  const stale: KnowledgeDocumentRecord[] = [];
  const withoutTerms: PreparedDocument[] = [];
  const unclaimed: string[] = [];
  const records = new Map<string, KnowledgeDocumentRecord>();
  await db.transaction('r', db.kbDocuments, db.kbDocumentIndex, async () => {
    for (const record of await db.kbDocuments.toArray()) records.set(record.id, record);
    const claimed = new Set<string>();
    const onPage = (rows: KnowledgeDocumentIndexRecord[]) => {
      for (const row of rows) {
        const record = records.get(row.documentId);
        if (!record) {
          unclaimed.push(row.documentId);
          continue;
        }
        claimed.add(record.id);
        const doc = record.embedderId === embedderId && usableRow(row, embedderId, record) ? documentFromRow(record, row) : null;
        if (!doc) stale.push(record);
        else if (doc.keywordTerms) add(doc);
        else withoutTerms.push(doc);
      }
    };
    await Promise.all(pageRanges(db, [...records.values()], pageChunks).map((page) => page.toArray().then(onPage)));
    for (const record of records.values()) if (!claimed.has(record.id)) stale.push(record);
  });
  // Rows whose document is gone (a case deleted with its documents, a document removed by sync).
  if (unclaimed.length > 0) await deleteOrphanIndexRows(db, unclaimed);
  if (withoutTerms.length > 0) {
    const remade = await remakeTerms(db, withoutTerms);
    for (const doc of withoutTerms) {
      const complete = remade.complete.get(doc.meta.id);
      if (complete) add(complete);
    }
    for (const id of remade.incomplete) stale.push(records.get(id)!);
  }
  return { stale };
}

/** `streamStoredDocuments` collected into an array, in the order documents were loaded. */
export async function loadStoredDocuments(db: FaultMavenDB, embedderId: string): Promise<{ documents: PreparedDocument[]; stale: KnowledgeDocumentRecord[] }> {
  const documents: PreparedDocument[] = [];
  const { stale } = await streamStoredDocuments(db, embedderId, (doc) => documents.push(doc));
  return { documents, stale };
}

/**
 * Key ranges that together cover the whole `kbDocumentIndex` table, each holding about
 * `pageChunks` chunks of the given documents (rows of vanished documents fall in one too).
 */
function pageRanges(db: FaultMavenDB, records: KnowledgeDocumentRecord[], pageChunks: number) {
  // IndexedDB orders string keys by UTF-16 code unit, as JavaScript's default sort does.
  const ids = records.map((r) => r.id).sort();
  const chunks = new Map(records.map((r) => [r.id, r.chunkCount ?? 1]));
  const starts: string[] = [];
  let inPage = pageChunks;
  for (const id of ids) {
    if (inPage >= pageChunks) {
      starts.push(id);
      inPage = 0;
    }
    inPage += chunks.get(id)!;
  }
  if (starts.length <= 1) return [db.kbDocumentIndex.toCollection()];
  const key = db.kbDocumentIndex.where('documentId');
  return starts.map((start, i) => (i === 0 ? key.below(starts[1]!) : i === starts.length - 1 ? key.aboveOrEqual(start) : key.between(start, starts[i + 1]!, true, false)));
}

function documentFromRow(record: KnowledgeDocumentRecord, row: KnowledgeDocumentIndexRecord): PreparedDocument {
  const meta = toMeta(record);
  const chunks = row.chunkIds.map((id, i): KbChunk => ({ id, documentId: record.id, ordinal: row.ordinals[i]!, headingPath: row.headingPaths[i]!, text: '' }));
  const vectors = chunks.map((_, i) => row.vectors.subarray(i * row.dim, (i + 1) * row.dim));
  const current = row.keywordTermsVersion === KEYWORD_TERMS_VERSION && row.keywordTermsOf === termsSourceKey(meta);
  const keywordTerms = current ? decodeTerms(row, chunks.length) : null;
  return keywordTerms ? { meta, chunks, vectors, keywordTerms } : { meta, chunks, vectors };
}

/**
 * The result with each hit's chunk text filled in from storage where the index holds none (chunks
 * loaded by `streamStoredDocuments`). At most k rows are read. A hit whose chunk was deleted since
 * the index was built is dropped rather than shown empty.
 */
export async function withChunkTexts(db: FaultMavenDB, result: KbSearchResult): Promise<KbSearchResult> {
  const needsText = (hit: KbSearchResult['hits'][number]) => hit.chunk.text === '' && hit.document.tier !== 'global';
  const missing = result.hits.filter(needsText);
  if (missing.length === 0) return result;
  const texts = new Map<string, string>();
  for (const row of await db.kbChunks.bulkGet(missing.map((h) => h.chunk.id))) if (row) texts.set(row.id, row.text);
  const hits = result.hits.flatMap((hit) => {
    if (!needsText(hit)) return [hit];
    const text = texts.get(hit.chunk.id);
    return text === undefined ? [] : [{ ...hit, chunk: { ...hit.chunk, text } }];
  });
  return { ...result, hits };
}

/**
 * Re-embeds a document's stored chunks with another embedder (after the word vectors or the
 * model changed, or a document arrived by sync) without needing the original upload: chunk text
 * and metadata are enough. Writes the document's index row for the new embedder.
 */
export async function reembedStoredDocument(db: FaultMavenDB, record: KnowledgeDocumentRecord, embedder: Embedder): Promise<PreparedDocument | null> {
  const chunks = (await db.kbChunks.where('documentId').equals(record.id).toArray()).sort((a, b) => a.ordinal - b.ordinal);
  if (chunks.length === 0) return null;
  const meta = toMeta(record);
  const kbChunks = chunks.map(toKbChunk);
  const vectors = await embedder.embed(kbChunks.map((c) => indexedText(meta, c)));
  const keywordTerms = kbChunks.map((c) => chunkKeywordTerms(meta, c));
  const row = documentIndexRow(meta, kbChunks, vectors, embedder.id, keywordTerms);
  const saved = await db.transaction('rw', db.kbDocuments, db.kbDocumentIndex, async () => {
    // Deleted while it was being embedded: writing its index row would only leave an orphan.
    if (!(await db.kbDocuments.get(record.id))) return false;
    await db.kbDocumentIndex.put(row);
    await db.kbDocuments.update(record.id, { embedderId: embedder.id, chunkCount: kbChunks.length, updatedAt: Date.now() });
    return true;
  });
  return saved ? { meta, chunks: kbChunks, vectors, keywordTerms } : null;
}

function documentIndexRow(meta: KbDocumentMeta, chunks: KbChunk[], vectors: Float32Array[], embedderId: string, knownTerms?: (string[] | undefined)[]): KnowledgeDocumentIndexRecord {
  if (vectors.length !== chunks.length) throw new Error(`${chunks.length} chunks but ${vectors.length} vectors for ${meta.id}`);
  const dim = vectors[0]?.length ?? 0;
  const packed = new Float32Array(chunks.length * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new Error(`Chunk vectors of ${meta.id} differ in width (${v.length} and ${dim})`);
    packed.set(v, i * dim);
  });
  return {
    documentId: meta.id,
    embedderId,
    dim,
    vectors: packed,
    chunkIds: chunks.map((c) => c.id),
    ordinals: chunks.map((c) => c.ordinal),
    headingPaths: chunks.map((c) => c.headingPath),
    keywordTermsVersion: KEYWORD_TERMS_VERSION,
    keywordTermsOf: termsSourceKey(meta),
    ...encodeTerms(chunks.map((c, i) => knownTerms?.[i] ?? chunkKeywordTerms(meta, c))),
  };
}

function usableRow(row: KnowledgeDocumentIndexRecord, embedderId: string, record: KnowledgeDocumentRecord): boolean {
  const n = row.chunkIds?.length ?? 0;
  return (
    row.embedderId === embedderId &&
    n > 0 &&
    row.dim > 0 &&
    row.vectors instanceof Float32Array &&
    row.vectors.length === n * row.dim &&
    row.ordinals?.length === n &&
    row.headingPaths?.length === n &&
    (record.chunkCount === undefined || record.chunkCount === n)
  );
}

/**
 * Gives documents whose stored terms are outdated their chunks' text, terms made from it, and an
 * index row carrying those terms. A document missing a chunk row is incomplete: re-embedded.
 */
async function remakeTerms(db: FaultMavenDB, docs: PreparedDocument[]): Promise<{ complete: Map<string, PreparedDocument>; incomplete: Set<string> }> {
  const texts = new Map<string, string>();
  for (const row of await db.kbChunks.where('documentId').anyOf(docs.map((d) => d.meta.id)).toArray()) texts.set(row.id, row.text);
  const complete = new Map<string, PreparedDocument>();
  const incomplete = new Set<string>();
  for (const doc of docs) {
    if (doc.chunks.some((c) => !texts.has(c.id))) {
      incomplete.add(doc.meta.id);
      continue;
    }
    const chunks = doc.chunks.map((c) => ({ ...c, text: texts.get(c.id)! }));
    complete.set(doc.meta.id, { ...doc, chunks, keywordTerms: chunks.map((c) => chunkKeywordTerms(doc.meta, c)) });
  }
  await db.transaction('rw', db.kbDocumentIndex, async () => {
    for (const doc of complete.values()) {
      await db.kbDocumentIndex.update(doc.meta.id, { keywordTermsVersion: KEYWORD_TERMS_VERSION, keywordTermsOf: termsSourceKey(doc.meta), ...encodeTerms(doc.keywordTerms as string[][]) });
    }
  });
  return { complete, incomplete };
}

/** Deletes index rows whose document is still missing (checked again inside the write). */
async function deleteOrphanIndexRows(db: FaultMavenDB, ids: string[]): Promise<void> {
  await db.transaction('rw', db.kbDocuments, db.kbDocumentIndex, async () => {
    const documents = await db.kbDocuments.bulkGet(ids);
    await db.kbDocumentIndex.bulkDelete(ids.filter((_, i) => documents[i] === undefined));
  });
}

function toKbChunk(c: KnowledgeChunkRecord): KbChunk {
  return { id: c.id, documentId: c.documentId, ordinal: c.ordinal, headingPath: c.headingPath ?? (c.heading ? c.heading.split(' › ') : []), text: c.text };
}

export function toMeta(record: KnowledgeDocumentRecord): KbDocumentMeta {
  return {
    id: record.id,
    tier: record.tier,
    title: record.title,
    source: record.source,
    tags: record.tags,
    ...(record.caseId !== undefined ? { caseId: record.caseId } : {}),
  };
}
