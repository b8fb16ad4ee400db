import type { Transaction } from 'dexie';
import { encodeTerms, termsSourceKey } from '@/lib/kb/stored-terms';
import type { KnowledgeChunkRecord, KnowledgeDocumentIndexRecord, KnowledgeDocumentRecord } from './records';

/**
 * Schema v5 upgrade: each document's chunk vectors and BM25 terms move from its chunk rows into
 * one `kbDocumentIndex` row; the chunk rows keep their text and headings. Nothing is dropped that
 * cannot be rebuilt: a document whose chunks lack vectors, or disagree on their width, gets no
 * index row and is re-embedded from its chunk text on the next load, as a document of another
 * embedder always was. Terms are copied with the tokenizer version that made them (the loader
 * decides whether that version is current), so this upgrade never depends on today's tokenizer.
 */
export async function moveChunkVectorsToDocumentIndex(tx: Transaction): Promise<void> {
  const chunks = tx.table<KnowledgeChunkRecord, string>('kbChunks');
  const index = tx.table<KnowledgeDocumentIndexRecord, string>('kbDocumentIndex');
  for (const doc of await tx.table<KnowledgeDocumentRecord, string>('kbDocuments').toArray()) {
    const rows = (await chunks.where('documentId').equals(doc.id).toArray()).sort((a, b) => a.ordinal - b.ordinal);
    const row = legacyIndexRow(doc, rows);
    if (row) await index.put(row);
  }
  await chunks.toCollection().modify((chunk) => {
    delete chunk.vector;
    delete chunk.keywordTerms;
    delete chunk.keywordTermsVersion;
  });
}

function legacyIndexRow(doc: KnowledgeDocumentRecord, rows: KnowledgeChunkRecord[]): KnowledgeDocumentIndexRecord | null {
  const dim = rows[0]?.vector?.length ?? 0;
  if (!doc.embedderId || dim === 0 || rows.some((c) => !(c.vector instanceof Float32Array) || c.vector.length !== dim)) return null;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((c, i) => vectors.set(c.vector!, i * dim));
  const version = rows[0]!.keywordTermsVersion;
  const termsKept = version !== undefined && rows.every((c) => c.keywordTermsVersion === version && typeof c.keywordTerms === 'string');
  return {
    documentId: doc.id,
    embedderId: doc.embedderId,
    dim,
    vectors,
    chunkIds: rows.map((c) => c.id),
    ordinals: rows.map((c) => c.ordinal),
    headingPaths: rows.map((c) => c.headingPath ?? (c.heading ? c.heading.split(' › ') : [])),
    ...(termsKept
      ? {
          keywordTermsVersion: version,
          keywordTermsOf: termsSourceKey(doc),
          ...encodeTerms(rows.map((c) => (c.keywordTerms === '' ? [] : c.keywordTerms!.split(' ')))),
        }
      : {}),
  };
}
