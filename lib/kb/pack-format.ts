import type { KbIndex } from './kb-index';
import type { PreparedDocument } from './ingest';
import type { KbChunk, KbDocumentMeta } from './types';

/**
 * The shipped global pack (public/kb/global-pack.json): documents already chunked and
 * embedded at build time, so the extension can search the pack offline on first run without
 * embedding anything. Vectors travel as base64 of little-endian f32.
 */

export const PACK_FORMAT = 1;

export interface KbPack {
  format: typeof PACK_FORMAT;
  embedderId: string;
  dim: number;
  /** Hash of the runbook sources the pack was built from; a test compares it with the sources. */
  sourceHash: string;
  documents: { meta: KbDocumentMeta; chunks: KbChunk[]; vectors: string }[];
}

export function encodePack(documents: PreparedDocument[], embedderId: string, dim: number, sourceHash: string): KbPack {
  return {
    format: PACK_FORMAT,
    embedderId,
    dim,
    sourceHash,
    documents: documents.map((d) => ({ meta: d.meta, chunks: d.chunks, vectors: toBase64(concat(d.vectors, dim)) })),
  };
}

export function decodePackDocuments(pack: KbPack): PreparedDocument[] {
  if (pack.format !== PACK_FORMAT) throw new Error(`Unsupported knowledge pack format ${String(pack.format)}`);
  return pack.documents.map((d) => {
    const bytes = fromBase64(d.vectors);
    if (bytes.byteLength !== d.chunks.length * pack.dim * 4) throw new Error(`Pack document ${d.meta.id} has a damaged vector block`);
    const flat = new Float32Array(bytes.buffer);
    const vectors = d.chunks.map((_, i) => flat.slice(i * pack.dim, (i + 1) * pack.dim));
    return { meta: d.meta, chunks: d.chunks, vectors };
  });
}

/** Loads the pack into an index; refuses a pack embedded by another model than the query side. */
export function loadPack(index: KbIndex, pack: KbPack, queryEmbedderId: string): number {
  if (pack.embedderId !== queryEmbedderId) {
    throw new Error(`The knowledge pack was embedded with ${pack.embedderId}, but queries use ${queryEmbedderId}; rebuild the pack`);
  }
  const documents = decodePackDocuments(pack);
  for (const d of documents) index.addDocument(d.meta, d.chunks, d.vectors);
  return documents.length;
}

function concat(vectors: Float32Array[], dim: number): Uint8Array {
  const flat = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => flat.set(v, i * dim));
  return new Uint8Array(flat.buffer);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
