import type { FaultMavenDB } from '@/lib/db/schema';
import type { KnowledgeChunkRecord, KnowledgeDocumentRecord } from '@/lib/db/records';
import type { Embedder } from './embedder';
import type { PreparedDocument } from './ingest';
import { chunkKeywordTerms, indexedText, KEYWORD_TERMS_VERSION } from './kb-index';
import type { KbChunk, KbDocumentMeta } from './types';

/**
 * IndexedDB persistence of the user and case tiers (the global tier ships in the package).
 * A document and its chunks are written in one transaction, so the index rebuilt from storage
 * never sees a document without its chunks or the reverse.
 */

export interface StoredDocumentInfo {
  contentHash: string;
  sizeBytes: number;
  embedderId: string;
}

export async function saveDocument(db: FaultMavenDB, doc: PreparedDocument, info: StoredDocumentInfo): Promise<KnowledgeDocumentRecord> {
  const now = Date.now();
  return db.transaction('rw', db.kbDocuments, db.kbChunks, async () => {
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
        (chunk, i): KnowledgeChunkRecord => ({
          id: chunk.id,
          documentId: chunk.documentId,
          tier: doc.meta.tier,
          ordinal: chunk.ordinal,
          heading: chunk.headingPath.join(' › '),
          headingPath: chunk.headingPath,
          text: chunk.text,
          vector: doc.vectors[i]!,
          keywordTerms: (doc.keywordTerms?.[i] ?? chunkKeywordTerms(doc.meta, chunk)).join(' '),
          keywordTermsVersion: KEYWORD_TERMS_VERSION,
        }),
      ),
    );
    return record;
  });
}

export async function deleteStoredDocument(db: FaultMavenDB, id: string): Promise<boolean> {
  return db.transaction('rw', db.kbDocuments, db.kbChunks, async () => {
    const existed = (await db.kbDocuments.get(id)) !== undefined;
    await db.kbChunks.where('documentId').equals(id).delete();
    await db.kbDocuments.delete(id);
    return existed;
  });
}

export async function findDocumentByHash(db: FaultMavenDB, contentHash: string, tier: string, caseId?: string): Promise<KnowledgeDocumentRecord | undefined> {
  const candidates = await db.kbDocuments.where('tier').equals(tier).toArray();
  return candidates.find((d) => d.contentHash === contentHash && d.caseId === caseId);
}

/**
 * Every stored document embedded with `embedderId`, ready for `KbIndex.addDocument`.
 * Documents embedded by another model are returned separately: they need re-indexing.
 * All chunks are read in one bulk query: one query per document cost ~4 s at 100k chunks
 * (5,000 IndexedDB round trips), which an MV3 worker pays on its first search after a restart.
 */
export async function loadStoredDocuments(db: FaultMavenDB, embedderId: string): Promise<{ documents: PreparedDocument[]; stale: KnowledgeDocumentRecord[] }> {
  const [records, allChunks] = await db.transaction('r', db.kbDocuments, db.kbChunks, () => Promise.all([db.kbDocuments.toArray(), db.kbChunks.toArray()]));
  const chunksByDocument = new Map<string, KnowledgeChunkRecord[]>();
  for (const chunk of allChunks) {
    let list = chunksByDocument.get(chunk.documentId);
    if (!list) chunksByDocument.set(chunk.documentId, (list = []));
    list.push(chunk);
  }
  const documents: PreparedDocument[] = [];
  const stale: KnowledgeDocumentRecord[] = [];
  for (const record of records) {
    if (record.embedderId !== embedderId) {
      stale.push(record);
      continue;
    }
    const chunks = (chunksByDocument.get(record.id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
    if (chunks.length === 0 || chunks.some((c) => !(c.vector instanceof Float32Array))) {
      stale.push(record);
      continue;
    }
    documents.push({
      meta: toMeta(record),
      chunks: chunks.map(toKbChunk),
      vectors: chunks.map((c) => c.vector!),
      keywordTerms: chunks.map(storedKeywordTerms),
    });
  }
  return { documents, stale };
}

/**
 * Re-embeds a document's stored chunks with another embedder (after the word vectors or the
 * model changed) without needing the original upload: chunk text and metadata are enough.
 */
export async function reembedStoredDocument(db: FaultMavenDB, record: KnowledgeDocumentRecord, embedder: Embedder): Promise<PreparedDocument | null> {
  const chunks = (await db.kbChunks.where('documentId').equals(record.id).toArray()).sort((a, b) => a.ordinal - b.ordinal);
  if (chunks.length === 0) return null;
  const meta = toMeta(record);
  const kbChunks = chunks.map(toKbChunk);
  const vectors = await embedder.embed(kbChunks.map((c) => indexedText(meta, c)));
  await db.transaction('rw', db.kbDocuments, db.kbChunks, async () => {
    await Promise.all(chunks.map((c, i) => db.kbChunks.update(c.id, { vector: vectors[i]! })));
    await db.kbDocuments.update(record.id, { embedderId: embedder.id, updatedAt: Date.now() });
  });
  return { meta, chunks: kbChunks, vectors };
}

/** The persisted BM25 terms, or undefined when absent or made by another tokenizer version. */
function storedKeywordTerms(c: KnowledgeChunkRecord): string[] | undefined {
  if (c.keywordTermsVersion !== KEYWORD_TERMS_VERSION || typeof c.keywordTerms !== 'string') return undefined;
  return c.keywordTerms === '' ? [] : c.keywordTerms.split(' ');
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
