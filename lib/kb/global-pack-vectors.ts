import type { FaultMavenDB } from '@/lib/db/schema';
import type { Embedder } from './embedder';
import { indexedText, type KbIndex } from './kb-index';
import { decodePackDocuments, type KbPack } from './pack-format';

/**
 * The shipped pack carries vectors of the built-in embedder only. With another embedder (a
 * transformer model) its chunks are re-embedded at run time, once: the vectors are kept in
 * IndexedDB keyed by embedder and pack version, so a worker restart reuses them.
 */

export const GLOBAL_PACK_VECTORS_KEY = 'kb.globalPackVectors';

interface StoredPackVectors {
  embedderId: string;
  sourceHash: string;
  vectors: Record<string, Float32Array[]>;
}

/** Adds every pack document to `index` with vectors of `embedder`; `onChunks(n)` after each document. */
export async function addPackWithEmbedder(db: FaultMavenDB, index: KbIndex, pack: KbPack, embedder: Embedder, onChunks: (chunks: number) => void): Promise<void> {
  const documents = decodePackDocuments(pack);
  if (pack.embedderId === embedder.id) {
    for (const d of documents) index.addDocument(d.meta, d.chunks, d.vectors);
    return;
  }
  const row = await db.settings.get(GLOBAL_PACK_VECTORS_KEY);
  const stored = row?.value as StoredPackVectors | undefined;
  const reusable = stored && stored.embedderId === embedder.id && stored.sourceHash === pack.sourceHash ? stored.vectors : {};
  const vectors: Record<string, Float32Array[]> = {};
  let embedded = 0;
  for (const d of documents) {
    let docVectors = reusable[d.meta.id];
    if (!docVectors || docVectors.length !== d.chunks.length || docVectors.some((v) => v.length !== embedder.dim)) {
      docVectors = await embedder.embed(d.chunks.map((c) => indexedText(d.meta, c)));
      embedded++;
    }
    vectors[d.meta.id] = docVectors;
    index.addDocument(d.meta, d.chunks, docVectors);
    onChunks(d.chunks.length);
  }
  if (embedded > 0) {
    const value: StoredPackVectors = { embedderId: embedder.id, sourceHash: pack.sourceHash, vectors };
    await db.settings.put({ key: GLOBAL_PACK_VECTORS_KEY, value });
  }
}
