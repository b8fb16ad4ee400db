import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import type { Embedder } from './embedder';
import { EMBEDDER_SETTING_KEY, validateEmbedderChoice, type EmbedderChoice, type EmbedderJob, type KbEmbedderStatus, type TransformerModelSettings } from './embedder-settings';
import { evidenceDocumentId, evidenceIdOfDocument, evidenceToKbText } from './evidence-document';
import { addPackWithEmbedder } from './global-pack-vectors';
import { prepareDocument } from './ingest';
import { KbIndex } from './kb-index';
import { deleteStoredDocument, findDocumentByHash, reembedStoredDocument, saveDocument, streamStoredDocuments, toMeta, withChunkTexts } from './kb-store';
import type { KbPack } from './pack-format';
import { MAX_KB_DOCUMENT_BYTES } from './limits';
import { StaticWordEmbedder } from './static-word-embedder';
import type { LoadProgress } from './transformer-embedder';
import type { KbChunk, KbDocumentMeta, KbFilter, KbSearchResult } from './types';
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

export { MAX_KB_DOCUMENT_BYTES } from './limits';

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

export interface KbReindexResult {
  documents: number;
  chunks: number;
  /** Documents that vanished while being re-indexed (deleted meanwhile, or with no chunks). */
  skipped: number;
}

export interface KbStatus {
  documents: number;
  chunks: number;
  embedderId: string;
  vectorBytes: number;
}

interface Loaded {
  index: KbIndex;
  embedder: Embedder;
}

export interface KbServiceOptions {
  /**
   * Loads a transformer model (download or cache). Absent where no runtime is wired (the CLI,
   * most tests): then only the built-in embedder can be chosen.
   */
  loadTransformer?: (model: TransformerModelSettings, onProgress: (progress: LoadProgress) => void) => Promise<Embedder>;
}

export class KnowledgeBaseService {
  private loaded: Promise<Loaded> | undefined;
  private staticEmbedder: Promise<StaticWordEmbedder> | undefined;
  private job: EmbedderJob | null = null;
  private lastError: string | null = null;
  private switching: Promise<void> | null = null;
  private reconciling: Promise<{ added: number; removed: number }> | null = null;
  private reconcileAgain = false;

  constructor(
    private readonly db: FaultMavenDB,
    private readonly artifacts: KbArtifacts,
    private readonly options: KbServiceOptions = {},
  ) {}

  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      const choice = await readEmbedderChoice(this.db);
      let embedder: Embedder | undefined;
      if (choice.kind === 'transformer' && this.options.loadTransformer) {
        try {
          // Normally served from the model cache: no network after the first download.
          embedder = await this.options.loadTransformer(choice.model, () => undefined);
        } catch (error) {
          this.lastError = `${message(error)}. Searching with the built-in embedder meanwhile.`;
        }
      }
      return this.buildIndex(embedder ?? (await this.builtInEmbedder()));
    })();
    // A failed load (missing artifact) must not stick: the next call tries again.
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  private builtInEmbedder(): Promise<StaticWordEmbedder> {
    this.staticEmbedder ??= this.artifacts.wordVectors().then((bytes) => new StaticWordEmbedder(decodeWordVectors(bytes)));
    this.staticEmbedder.catch(() => (this.staticEmbedder = undefined));
    return this.staticEmbedder;
  }

  /**
   * A complete index for `embedder`: the global pack (its shipped vectors, or vectors re-embedded
   * once and kept in IndexedDB), then the stored documents, re-embedding those indexed by another
   * embedder. `report` gets (chunks done, chunks to do) while re-embedding.
   */
  private async buildIndex(embedder: Embedder, report?: (done: number, total: number) => void): Promise<Loaded> {
    const index = new KbIndex({ dim: embedder.dim });
    // Stored documents are indexed as their rows arrive (see streamStoredDocuments), before the
    // pack, so the re-embedding progress below knows its total.
    const { stale } = await streamStoredDocuments(this.db, embedder.id, (d) => index.addDocument(d.meta, d.chunks, d.vectors, d.keywordTerms));
    const pack = await this.artifacts.globalPack();
    const packChunks = pack.embedderId === embedder.id ? 0 : pack.documents.reduce((n, d) => n + d.chunks.length, 0);
    const total = packChunks + stale.reduce((n, r) => n + (r.chunkCount ?? 0), 0);
    let done = 0;
    await addPackWithEmbedder(this.db, index, pack, embedder, (chunks) => report?.((done += chunks), total));
    // Vectors from another embedder cannot be compared with today's queries: re-embed them.
    for (const record of stale) {
      const fresh = await reembedStoredDocument(this.db, record, embedder);
      if (fresh) index.addDocument(fresh.meta, fresh.chunks, fresh.vectors, fresh.keywordTerms);
      report?.((done += record.chunkCount ?? 0), total);
    }
    return { index, embedder };
  }

  /** The chosen embedder, the one in use, a download or re-index under way, and the last error. */
  async embedderStatus(): Promise<KbEmbedderStatus> {
    const choice = await readEmbedderChoice(this.db);
    const { embedder } = await this.load();
    return { choice, activeEmbedderId: embedder.id, job: this.job ? { ...this.job } : null, error: this.lastError };
  }

  /**
   * Validates the choice, then downloads the model (if any) and re-indexes every tier in the
   * background; `done` settles when it finished or failed (failure: `embedderStatus().error`,
   * and the previous embedder keeps serving). Searches go on with the old index meanwhile; the
   * choice is saved only once the new index is complete.
   */
  async beginEmbedderSwitch(choice: EmbedderChoice): Promise<{ done: Promise<void> }> {
    const invalid = validateEmbedderChoice(choice);
    if (invalid) throw new FaultMavenError('invalid-input', invalid);
    if (choice.kind === 'transformer' && !this.options.loadTransformer) throw new FaultMavenError('invalid-input', 'Transformer models are not available in this build');
    if (this.switching) throw new FaultMavenError('invalid-input', 'The knowledge base is already switching models; wait until it finishes');
    this.lastError = null;
    this.job = { phase: choice.kind === 'transformer' ? 'downloading' : 'reindexing', progress: 0, detail: 'Starting' };
    const done = (async () => {
      try {
        await this.load();
        let embedder: Embedder;
        if (choice.kind === 'transformer') {
          embedder = await this.options.loadTransformer!(choice.model, (p) => {
            this.job = { phase: 'downloading', progress: p.progress, detail: p.totalBytes > 0 ? `${mb(p.loadedBytes)} of ${mb(p.totalBytes)} MB` : 'Downloading' };
          });
        } else {
          embedder = await this.builtInEmbedder();
        }
        this.job = { phase: 'reindexing', progress: 0, detail: 'Re-indexing' };
        const next = await this.buildIndex(embedder, (chunksDone, total) => {
          this.job = { phase: 'reindexing', progress: total > 0 ? chunksDone / total : 1, detail: `${chunksDone} of ${total} chunks re-embedded` };
        });
        await this.db.settings.put({ key: EMBEDDER_SETTING_KEY, value: choice });
        this.loaded = Promise.resolve(next);
      } catch (error) {
        this.lastError = message(error);
      } finally {
        this.job = null;
        this.switching = null;
      }
    })();
    this.switching = done;
    return { done };
  }

  async addDocument(input: AddKbDocumentInput): Promise<AddKbDocumentResult> {
    // Documents added mid-switch would be embedded by the outgoing model and missed by the new index.
    if (this.switching) await this.switching;
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

  /**
   * Re-embeds and re-tokenises stored documents (one, or every user and case document) from
   * their stored chunk text with the active embedder, rewriting their index rows, and swaps them
   * into the live index. For a document whose index row was damaged or written by an older
   * tokenizer, or after the word vectors changed: the same repair a model switch runs, on demand.
   */
  async reindex(documentId?: string): Promise<KbReindexResult> {
    if (documentId?.startsWith('global:')) throw new FaultMavenError('invalid-input', 'Runbooks of the shipped pack are indexed when the extension is built');
    if (this.switching) await this.switching;
    const records = documentId ? [await this.db.kbDocuments.get(documentId)] : await this.db.kbDocuments.toArray();
    if (documentId && !records[0]) throw new FaultMavenError('not-found', 'This knowledge document no longer exists');
    const { index, embedder } = await this.load();
    const result: KbReindexResult = { documents: 0, chunks: 0, skipped: 0 };
    for (const record of records) {
      if (!record) continue;
      const fresh = await reembedStoredDocument(this.db, record, embedder);
      if (!fresh) {
        result.skipped++;
        continue;
      }
      index.addDocument(fresh.meta, fresh.chunks, fresh.vectors, fresh.keywordTerms);
      result.documents++;
      result.chunks += fresh.chunks.length;
    }
    return result;
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

  /** One document with its chunks in order, from any tier (an answer's `[K1]` opens it). */
  async getDocument(id: string): Promise<{ document: KbDocumentMeta; chunks: KbChunk[] }> {
    if (id.startsWith('global:')) {
      const found = (await this.artifacts.globalPack()).documents.find((d) => d.meta.id === id);
      if (found) return { document: found.meta, chunks: found.chunks };
    } else {
      const record = await this.db.kbDocuments.get(id);
      if (record) {
        const rows = (await this.db.kbChunks.where('documentId').equals(id).toArray()).sort((a, b) => a.ordinal - b.ordinal);
        const chunks = rows.map((c) => ({ id: c.id, documentId: c.documentId, ordinal: c.ordinal, headingPath: c.headingPath ?? (c.heading ? c.heading.split(' › ') : []), text: c.text }));
        return { document: toMeta(record), chunks };
      }
    }
    throw new FaultMavenError('not-found', 'This knowledge document no longer exists');
  }

  async search(query: string, options: { k?: number; filter?: KbFilter } = {}): Promise<KbSearchResult> {
    if (query.trim().length === 0) throw new FaultMavenError('invalid-input', 'Type something to search for');
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1 || k > 50) throw new FaultMavenError('invalid-input', `k must be a whole number from 1 to 50, got ${k}`);
    const { index, embedder } = await this.load();
    const [queryVector] = await embedder.embed([query]);
    // Stored chunks are indexed without their text (faster start): the hits' text is read now.
    return withChunkTexts(this.db, index.search(query, queryVector ?? null, { k, ...(options.filter ? { filter: options.filter } : {}) }));
  }

  async status(): Promise<KbStatus> {
    const { index, embedder } = await this.load();
    return { documents: index.documents().length, chunks: index.chunkCount, embedderId: embedder.id, vectorBytes: index.vectorBytes };
  }

  /** Removes case documents whose case or evidence is gone or whose case is closed; returns how many. */
  async sweepOrphans(): Promise<number> {
    return (await this.reconcileCaseTier()).removed;
  }

  /**
   * Makes the case tier match the evidence table: every text evidence item of a case that is not
   * closed is indexed (as `case:ev:<evidence id>`), everything else in the tier is dropped, from
   * storage and from the in-memory index. Idempotent, so it runs after every evidence or case
   * change, at worker start and on an alarm, and catches up on whatever a crash interrupted.
   * Concurrent calls collapse into one extra pass.
   */
  reconcileCaseTier(): Promise<{ added: number; removed: number }> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return this.reconciling;
    }
    const run = async () => {
      let total = { added: 0, removed: 0 };
      do {
        this.reconcileAgain = false;
        const pass = await this.reconcileOnce();
        total = { added: total.added + pass.added, removed: total.removed + pass.removed };
      } while (this.reconcileAgain);
      return total;
    };
    this.reconciling = run().finally(() => (this.reconciling = null));
    return this.reconciling;
  }

  /** `reconcileCaseTier` only when storage disagrees, so a worker start does not load the index for nothing. */
  async reconcileCaseTierIfNeeded(): Promise<{ added: number; removed: number }> {
    return (await caseTierNeedsReconcile(this.db)) ? this.reconcileCaseTier() : { added: 0, removed: 0 };
  }

  private async reconcileOnce(): Promise<{ added: number; removed: number }> {
    if (this.switching) await this.switching;
    const { index, embedder } = await this.load();
    const stored = await this.db.kbDocuments.where('tier').equals('case').toArray();
    const openCases = new Set((await this.db.cases.toArray()).filter((c) => c.status !== 'closed').map((c) => c.id));
    const evidenceIds = new Set(await this.db.evidence.toCollection().primaryKeys());
    let removed = 0;
    const kept = new Set<string>();
    for (const doc of stored) {
      const evidenceId = evidenceIdOfDocument(doc.id);
      const orphan = !doc.caseId || !openCases.has(doc.caseId) || (evidenceId !== null && !evidenceIds.has(evidenceId));
      if (orphan) {
        await deleteStoredDocument(this.db, doc.id);
        index.removeDocument(doc.id);
        removed++;
      } else {
        kept.add(doc.id);
      }
    }
    // Storage may have lost documents behind the index's back (deleteCase removes them directly).
    for (const meta of index.documents()) {
      if (meta.tier === 'case' && !kept.has(meta.id) && index.removeDocument(meta.id)) removed++;
    }
    const missing = [...evidenceIds].filter((id) => !kept.has(evidenceDocumentId(id)));
    let added = 0;
    for (const evidence of await this.db.evidence.bulkGet(missing)) {
      if (!evidence || !openCases.has(evidence.caseId)) continue;
      if (await this.indexEvidence(evidence, index, embedder)) added++;
    }
    return { added, removed };
  }

  private async indexEvidence(evidence: EvidenceRecord, index: KbIndex, embedder: Embedder): Promise<boolean> {
    const text = evidenceToKbText(evidence);
    if (text === null) return false;
    const prepared = await prepareDocument(
      { id: evidenceDocumentId(evidence.id), tier: 'case', source: evidence.provenance.url ?? evidence.title, text, fallbackTitle: evidence.title, caseId: evidence.caseId, tags: [evidence.kind] },
      embedder,
    );
    const sizeBytes = new TextEncoder().encode(text).byteLength;
    await saveDocument(this.db, prepared, { contentHash: await sha256(text), sizeBytes, embedderId: embedder.id });
    index.addDocument(prepared.meta, prepared.chunks, prepared.vectors);
    return true;
  }
}

/**
 * Whether any case-tier document lacks its evidence or an open case, or any evidence of an open
 * case lacks its document. Reads keys and small rows only.
 */
export async function caseTierNeedsReconcile(db: FaultMavenDB): Promise<boolean> {
  const docs = await db.kbDocuments.where('tier').equals('case').toArray();
  const openCases = new Set((await db.cases.toArray()).filter((c) => c.status !== 'closed').map((c) => c.id));
  const evidenceIds = new Set(await db.evidence.toCollection().primaryKeys());
  const docIds = new Set(docs.map((d) => d.id));
  for (const doc of docs) {
    const evidenceId = evidenceIdOfDocument(doc.id);
    if (!doc.caseId || !openCases.has(doc.caseId)) return true;
    if (evidenceId !== null && !evidenceIds.has(evidenceId)) return true;
  }
  // Only evidence without a document is read: usually none, or images, which never get one.
  const missing = [...evidenceIds].filter((id) => !docIds.has(evidenceDocumentId(id)));
  return (await db.evidence.bulkGet(missing)).some((e) => e !== undefined && openCases.has(e.caseId) && evidenceToKbText(e) !== null);
}

export async function readEmbedderChoice(db: FaultMavenDB): Promise<EmbedderChoice> {
  const row = await db.settings.get(EMBEDDER_SETTING_KEY);
  const value = row?.value as EmbedderChoice | undefined;
  return value && (value.kind === 'static' || (value.kind === 'transformer' && validateEmbedderChoice(value) === null)) ? value : { kind: 'static' };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
