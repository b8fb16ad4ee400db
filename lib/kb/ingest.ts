import { chunkMarkdown, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunk-markdown';
import type { Embedder } from './embedder';
import { indexedText, type KbIndex } from './kb-index';
import type { KbChunk, KbDocumentMeta, KbTier } from './types';

export interface IngestInput {
  id: string;
  tier: KbTier;
  source: string;
  /** Markdown or plain text (other formats are converted to text before this point). */
  text: string;
  /** Used when the text has no front-matter title and no H1, e.g. the file name. */
  fallbackTitle: string;
  tags?: string[];
  caseId?: string;
}

export interface PreparedDocument {
  meta: KbDocumentMeta;
  chunks: KbChunk[];
  vectors: Float32Array[];
  /** Per chunk, its BM25 terms when already known (read back from storage); else tokenised when indexed. */
  keywordTerms?: (string[] | undefined)[];
}

/** Chunks and embeds one document without touching any index (the build script uses this too). */
export async function prepareDocument(input: IngestInput, embedder: Embedder, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Promise<PreparedDocument> {
  if (input.text.trim().length === 0) throw new Error(`"${input.fallbackTitle}" is empty: nothing to index`);
  const parsed = chunkMarkdown(input.text, input.fallbackTitle, options);
  const meta: KbDocumentMeta = {
    id: input.id,
    tier: input.tier,
    title: parsed.title,
    source: input.source,
    tags: [...new Set([...(input.tags ?? []), ...parsed.tags])],
    ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
  };
  const chunks: KbChunk[] = parsed.chunks.map((c, ordinal) => ({
    id: `${input.id}#${ordinal}`,
    documentId: input.id,
    ordinal,
    headingPath: c.headingPath,
    text: c.text,
  }));
  const vectors = await embedder.embed(chunks.map((c) => indexedText(meta, c)));
  return { meta, chunks, vectors };
}

export async function ingestDocument(index: KbIndex, embedder: Embedder, input: IngestInput, options?: ChunkOptions): Promise<PreparedDocument> {
  const prepared = await prepareDocument(input, embedder, options);
  index.addDocument(prepared.meta, prepared.chunks, prepared.vectors);
  return prepared;
}
