import type { FaultMavenDB } from '@/lib/db/schema';
import { FaultMavenError } from '@/lib/messaging/errors';
import { prepareDocument } from './ingest';
import { KbIndex } from './kb-index';
import { deleteStoredDocument, findDocumentByHash, findOrphanCaseDocuments, loadStoredDocuments, reembedStoredDocument, saveDocument, toMeta } from './kb-store';
import { loadPack, type KbPack } from './pack-format';
import { StaticWordEmbedder } from './static-word-embedder';
import type { KbDocumentMeta, KbFilter, KbSearchResult } from './types';
import { decodeWordVectors } from './word-vectors';

/**
 * The knowledge base as the service worker runs it: the shipped global pack plus the user and
 * case documents from IndexedDB, in one in-memory index built on first use. Every change is
 * written to IndexedDB first and applied to the index after, so a crash in between leaves
 * storage right and the next start rebuilds a consistent index.
 */

/** Where the build artifacts come from: the extension package in the browser, files in tests. */
export interface KbArtifacts {
  wordVectors(): Promise<Uint8Array>;
  globalPack(): Promise<KbPack>;
}

/** Uploads larger than this are almost always logs or dumps; they belong in evidence, not the KB. */
export const MAX_KB_DOCUMENT_BYTES = 5 * 1024 * 1024;

export interface AddKbDocumentInput {
  tier: 'user' | 'case';
  /** File name or evidence title; used as the title when the text has none. */
  name: string;
  text: string;
  caseId?: string;
  tags?: string[];
}

export interface AddKbDocumentResult {
  document: KbDocumentMeta;
  chunks: number;
  /** True when identical text was already indexed: nothing was added. */
  duplicate: boolean;
}

export interface KbDocumentView extends KbDocumentMeta {
  chunkCount: number;
  sizeBytes: number;
  updatedAt: number;
}

export interface KbStatus {
  documents: number;
  chunks: number;
  embedderId: string;
  vectorBytes: number;
}

interface Loaded {
  index: KbIndex;
  embedder: StaticWordEmbedder;
}

export class KnowledgeBaseService {
  private loaded: Promise<Loaded> | undefined;

  constructor(
    private readonly db: FaultMavenDB,
    private readonly artifacts: KbArtifacts,
  ) {}

  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      const embedder = new StaticWordEmbedder(decodeWordVectors(await this.artifacts.wordVectors()));
      const index = new KbIndex({ dim: embedder.dim });
      loadPack(index, await this.artifacts.globalPack(), embedder.id);
      const { documents, stale } = await loadStoredDocuments(this.db, embedder.id);
      for (const d of documents) index.addDocument(d.meta, d.chunks, d.vectors);
      // Vectors from another embedder cannot be compared with today's queries: re-embed them.
      for (const record of stale) {
        const fresh = await reembedStoredDocument(this.db, record, embedder);
        if (fresh) index.addDocument(fresh.meta, fresh.chunks, fresh.vectors);
      }
      return { index, embedder };
    })();
    // A failed load (missing artifact) must not stick: the next call tries again.
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  async addDocument(input: AddKbDocumentInput): Promise<AddKbDocumentResult> {
    const sizeBytes = new TextEncoder().encode(input.text).byteLength;
    if (input.text.trim().length === 0) throw new FaultMavenError('invalid-input', `"${input.name}" is empty: nothing to index`);
    if (sizeBytes > MAX_KB_DOCUMENT_BYTES) {
      throw new FaultMavenError('invalid-input', `"${input.name}" is ${(sizeBytes / 1024 / 1024).toFixed(1)} MB; the knowledge base takes documents up to ${MAX_KB_DOCUMENT_BYTES / 1024 / 1024} MB`);
    }
    if (input.text.includes('\u0000')) throw new FaultMavenError('invalid-input', `"${input.name}" looks like a binary file, not Markdown or text`);
    if (input.tier === 'case' && !input.caseId) throw new FaultMavenError('invalid-input', 'A case document needs the case it belongs to');
    if (input.caseId !== undefined && !(await this.db.cases.get(input.caseId))) throw new FaultMavenError('not-found', `Case ${input.caseId} not found`);

    const contentHash = await sha256(input.text);
    const existing = await findDocumentByHash(this.db, contentHash, input.tier, input.caseId);
    if (existing) return { document: toMeta(existing), chunks: existing.chunkCount ?? 0, duplicate: true };

    const { index, embedder } = await this.load();
    const id = `${input.tier}:${crypto.randomUUID()}`;
    const prepared = await prepareDocument(
      { id, tier: input.tier, source: input.name, text: input.text, fallbackTitle: input.name, ...(input.tags ? { tags: input.tags } : {}), ...(input.caseId !== undefined ? { caseId: input.caseId } : {}) },
      embedder,
    );
    await saveDocument(this.db, prepared, { contentHash, sizeBytes, embedderId: embedder.id });
    index.addDocument(prepared.meta, prepared.chunks, prepared.vectors);
    return { document: prepared.meta, chunks: prepared.chunks.length, duplicate: false };
  }

  async deleteDocument(id: string): Promise<boolean> {
    if (id.startsWith('global:')) throw new FaultMavenError('invalid-input', 'Runbooks of the shipped pack cannot be deleted');
    const deleted = await deleteStoredDocument(this.db, id);
    if (this.loaded) (await this.load()).index.removeDocument(id);
    return deleted;
  }

  /** User and case documents from storage (the global pack is listed by `status`). */
  async listDocuments(filter: { tier?: 'user' | 'case'; caseId?: string } = {}): Promise<KbDocumentView[]> {
    const records = filter.tier ? await this.db.kbDocuments.where('tier').equals(filter.tier).toArray() : await this.db.kbDocuments.toArray();
    return records
      .filter((r) => filter.caseId === undefined || r.caseId === filter.caseId)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((r) => ({ ...toMeta(r), chunkCount: r.chunkCount ?? 0, sizeBytes: r.sizeBytes ?? 0, updatedAt: r.updatedAt }));
  }

  async search(query: string, options: { k?: number; filter?: KbFilter } = {}): Promise<KbSearchResult> {
    if (query.trim().length === 0) throw new FaultMavenError('invalid-input', 'Type something to search for');
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1 || k > 50) throw new FaultMavenError('invalid-input', `k must be a whole number from 1 to 50, got ${k}`);
    const { index, embedder } = await this.load();
    return index.search(query, embedder.embedOne(query), { k, ...(options.filter ? { filter: options.filter } : {}) });
  }

  async status(): Promise<KbStatus> {
    const { index, embedder } = await this.load();
    return { documents: index.documents().length, chunks: index.chunkCount, embedderId: embedder.id, vectorBytes: index.vectorBytes };
  }

  /** Removes case documents whose case is gone or closed; returns how many. */
  async sweepOrphans(): Promise<number> {
    const orphans = await findOrphanCaseDocuments(this.db);
    for (const id of orphans) await this.deleteDocument(id);
    return orphans.length;
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
