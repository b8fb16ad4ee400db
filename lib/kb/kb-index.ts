import { Bm25Index, DEFAULT_BM25, type Bm25Params } from './bm25-index';
import { FlatVectorStore, type VectorPrecision } from './flat-vector-store';
import { DEFAULT_FUSION, fuseScores, type FusedCandidate, type FusionWeights } from './hybrid-fusion';
import { RELATED_TERM_WEIGHT, relatedTerms } from './ops-synonyms';
import { keywordTerms } from './tokenize';
import { TopK } from './top-k';
import type { KbChunk, KbDocumentMeta, KbFilter, KbHit, KbSearchResult } from './types';

/**
 * The searchable knowledge base in memory: documents, their chunks, a BM25 index and a flat
 * vector store sharing slot numbers. Pure TypeScript, so the service worker, the CLI and the
 * benchmarks run the very same search.
 */

export interface KbSearchOptions {
  k?: number;
  filter?: KbFilter;
  /** One hit per document (its best chunk) — the default, what citations want. */
  perDocument?: boolean;
}

export interface KbIndexOptions {
  dim: number;
  precision?: VectorPrecision;
  fusion?: FusionWeights;
  /** Confidence below this is reported as "no confident match". */
  confidenceThreshold?: number;
  /**
   * Weight of the title field in keyword search. A runbook's title usually names the alert
   * or failure, so a title match says more than the same words in the body.
   */
  titleBoost?: number;
  /** BM25 parameters of the body and title fields. */
  bm25?: Partial<Bm25Params>;
  /** Weight of synonyms added to the query (ops-synonyms.ts); 0 turns expansion off. */
  relatedTermWeight?: number;
  /** Weight, in fused-score units, of how much of a document's title the query mentions. */
  titleAgreement?: number;
}

/**
 * A runbook title is short and names its failure, so a title match counts on top of the same
 * words in the body. Chosen by leave-one-out cross-validation on the runbook-retrieval dev set
 * (tests/bench/kb-retrieval.bench.ts; 59 of 60 folds), among values that keep the shipped pack's
 * regression queries right: boosts of 1 and more won on the dev set, whose titles are alert
 * names, but sent "ALB returning 504 gateway timeout" to the nginx 504 runbook.
 */
export const DEFAULT_TITLE_BOOST = 0.75;

/**
 * Confidence combines two shares, both in [0, 1]: how much of the query's informative (idf)
 * weight the best document contains, and how much of that document's title the query
 * mentions. A real match usually scores well on both; a query about something the knowledge
 * base lacks still finds *some* words, but rarely the best document's subject. The threshold
 * was calibrated once on the runbook-retrieval dev set (tests/bench/kb-retrieval.bench.ts).
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.6;

/**
 * Fused-score weight of title agreement (`addTitleAgreement`): the idf-weighted share of a
 * document's title that the query mentions. Chosen by leave-one-out cross-validation on the
 * runbook-retrieval dev set (tests/bench/kb-retrieval.bench.ts) among values that keep the
 * shipped pack's regression queries right; 0.5 and more send "ALB returning 504 gateway timeout"
 * to the runbook titled "nginx 504 Gateway Timeout".
 */
export const DEFAULT_TITLE_AGREEMENT = 0.3;

/** How many candidates each signal contributes before fusion. */
const CANDIDATES_PER_SIGNAL = 100;

export class KbIndex {
  private readonly bm25: Bm25Index;
  private readonly vectors: FlatVectorStore;
  private readonly docs = new Map<string, { meta: KbDocumentMeta; slots: number[] }>();
  private readonly slotChunk: (KbChunk | undefined)[] = [];
  private readonly slotDoc: (KbDocumentMeta | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly fusion: FusionWeights;
  private readonly confidenceThreshold: number;
  private readonly titleBoost: number;
  private readonly relatedTermWeight: number;
  private readonly titleAgreement: number;
  /** Titles as their own BM25 field, one entry per document (keyed by document number). */
  private readonly titles: Bm25Index;
  private readonly docNumber = new Map<string, number>();
  private readonly numberDoc = new Map<number, string>();
  private nextDocNumber = 0;
  /** Per-query BM25 accumulator, reused (and left zeroed) so a query allocates no 100k array. */
  private scratch = new Float64Array(0);

  constructor(options: KbIndexOptions) {
    const bm25 = { ...DEFAULT_BM25, ...options.bm25 };
    this.bm25 = new Bm25Index(bm25);
    this.titles = new Bm25Index(bm25);
    this.vectors = new FlatVectorStore(options.dim, options.precision ?? 'f32');
    this.fusion = options.fusion ?? DEFAULT_FUSION;
    this.confidenceThreshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
    this.titleBoost = options.titleBoost ?? DEFAULT_TITLE_BOOST;
    this.relatedTermWeight = options.relatedTermWeight ?? RELATED_TERM_WEIGHT;
    this.titleAgreement = options.titleAgreement ?? DEFAULT_TITLE_AGREEMENT;
  }

  get dim(): number {
    return this.vectors.dim;
  }

  get chunkCount(): number {
    return this.vectors.size;
  }

  get vectorBytes(): number {
    return this.vectors.byteLength;
  }

  documents(): KbDocumentMeta[] {
    return [...this.docs.values()].map((d) => d.meta);
  }

  hasDocument(id: string): boolean {
    return this.docs.has(id);
  }

  /**
   * Adds or replaces a document. `vectors[i]` is the unit vector of `chunks[i]`. `terms[i]`, when
   * given, must be `chunkKeywordTerms(meta, chunks[i])` (persisted at write time, so a reload
   * skips tokenising); a missing entry is tokenised here.
   */
  addDocument(meta: KbDocumentMeta, chunks: KbChunk[], vectors: Float32Array[], terms?: readonly (string[] | undefined)[]): void {
    if (chunks.length !== vectors.length) throw new Error(`${chunks.length} chunks but ${vectors.length} vectors for ${meta.id}`);
    for (const v of vectors) {
      if (v.length !== this.dim) throw new Error(`Vector has ${v.length} dimensions, the index expects ${this.dim}`);
    }
    this.removeDocument(meta.id);
    const slots: number[] = [];
    chunks.forEach((chunk, i) => {
      const slot = this.freeSlots.pop() ?? this.slotChunk.length;
      this.slotChunk[slot] = chunk;
      this.slotDoc[slot] = meta;
      this.bm25.add(slot, terms?.[i] ?? chunkKeywordTerms(meta, chunk));
      this.vectors.set(slot, vectors[i]!);
      slots.push(slot);
    });
    const number = this.nextDocNumber++;
    this.docNumber.set(meta.id, number);
    this.numberDoc.set(number, meta.id);
    this.titles.add(number, keywordTerms(meta.title));
    this.docs.set(meta.id, { meta, slots });
  }

  removeDocument(id: string): boolean {
    const entry = this.docs.get(id);
    if (!entry) return false;
    for (const slot of entry.slots) {
      this.bm25.remove(slot);
      this.vectors.remove(slot);
      this.slotChunk[slot] = undefined;
      this.slotDoc[slot] = undefined;
      this.freeSlots.push(slot);
    }
    const number = this.docNumber.get(id)!;
    this.titles.remove(number);
    this.numberDoc.delete(number);
    this.docNumber.delete(id);
    this.docs.delete(id);
    return true;
  }

  /** `queryVector` may be null (no embedder yet): the search is then keyword-only. */
  search(queryText: string, queryVector: Float32Array | null, options: KbSearchOptions = {}): KbSearchResult {
    const k = options.k ?? 5;
    const perDocument = options.perDocument ?? true;
    const accept = options.filter ? this.filterFor(options.filter) : undefined;
    const terms = keywordTerms(queryText);

    const keyword = this.keywordScores(terms, CANDIDATES_PER_SIGNAL, accept);
    const vector = queryVector && hasSignal(queryVector) ? this.vectors.search(queryVector, CANDIDATES_PER_SIGNAL, accept) : [];
    const fused = fuseScores(keyword, vector, this.fusion);
    if (this.titleAgreement > 0) this.addTitleAgreement(fused, terms);

    const hits: KbHit[] = [];
    const seenDocs = new Set<string>();
    for (const candidate of fused) {
      const chunk = this.slotChunk[candidate.slot];
      const document = this.slotDoc[candidate.slot];
      if (!chunk || !document) continue;
      if (perDocument) {
        if (seenDocs.has(document.id)) continue;
        seenDocs.add(document.id);
      }
      hits.push({ chunk, document, ...candidate, citation: citationOf(document, chunk) });
      if (hits.length >= k) break;
    }
    const confidence = hits.length > 0 ? this.confidenceOf(terms, hits[0]!.document, accept) : 0;
    return { hits, confidence, confident: hits.length > 0 && confidence >= this.confidenceThreshold };
  }

  /**
   * Rewards documents whose title the query spells out, and so demotes those whose title names
   * something the query never mentions: for "Kubelet has disappeared from target discovery",
   * the runbook titled "Kube Scheduler Down" shares the whole generic sentence but names another
   * component. Synonyms count at their weight ("disappeared" → "down"). Re-sorts in place.
   */
  private addTitleAgreement(fused: FusedCandidate[], terms: string[]): void {
    const weights = new Map<string, number>(this.relatedTermWeight > 0 ? relatedTerms(terms, this.relatedTermWeight) : []);
    for (const t of terms) weights.set(t, 1);
    const agreement = new Map<string, number>();
    for (const candidate of fused) {
      const document = this.slotDoc[candidate.slot];
      if (!document) continue;
      let share = agreement.get(document.id);
      if (share === undefined) {
        let total = 0;
        let covered = 0;
        for (const t of this.titles.distinctTerms(this.docNumber.get(document.id)!)) {
          const idf = this.titles.idf(t);
          total += idf;
          covered += idf * (weights.get(t) ?? 0);
        }
        share = total > 0 ? covered / total : 0;
        agreement.set(document.id, share);
      }
      candidate.score += this.titleAgreement * share;
    }
    fused.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /**
   * Body BM25 per chunk plus the boosted title BM25 of its document (a two-field BM25F),
   * reduced to the best `limit` chunks.
   */
  private keywordScores(terms: string[], limit: number, accept?: (slot: number) => boolean): Map<number, number> {
    const related = this.relatedTermWeight > 0 ? relatedTerms(terms, this.relatedTermWeight) : undefined;
    const size = this.bm25.slotUpperBound();
    if (this.scratch.length < size) this.scratch = new Float64Array(Math.max(size, this.scratch.length * 2));
    const dense = this.scratch;
    const touched: number[] = [];
    // Every field accumulates unfiltered; the filter runs only for slots that beat the current
    // top-`limit` threshold, so a filtered query costs no more than an unfiltered one.
    this.bm25.accumulate(terms, dense, touched, undefined, related);
    this.addDocumentField(this.titles, this.titleBoost, terms, dense, touched, related);
    const top = new TopK(limit);
    for (const slot of touched) {
      const score = dense[slot]!;
      dense[slot] = 0; // leave the scratch array zeroed for the next query
      if (score <= top.threshold || (accept && !accept(slot))) continue;
      top.push(slot, score);
    }
    return new Map(top.sorted().map((e) => [e.slot, e.score]));
  }

  /** Adds `boost` × a per-document field's BM25 (the title) to every chunk of each matching document. */
  private addDocumentField(field: Bm25Index, boost: number, terms: string[], dense: Float64Array, touched: number[], related?: ReadonlyMap<string, number>): void {
    if (boost <= 0) return;
    for (const [number, fieldScore] of field.score(terms, undefined, related)) {
      for (const slot of this.docs.get(this.numberDoc.get(number)!)!.slots) {
        if (dense[slot] === 0) touched.push(slot);
        dense[slot]! += boost * fieldScore;
      }
    }
  }

  /**
   * Mean of query coverage and title coverage; but a document holding nearly all of the
   * query's informative words counts as a match even when its title is long and descriptive
   * (post-mortems), hence the second term, which only wins above 90% coverage.
   */
  private confidenceOf(terms: string[], document: KbDocumentMeta, accept?: (slot: number) => boolean): number {
    const coverage = this.coverage(terms, document.id, accept);
    return Math.max((coverage + titleCoverage(terms, document.title)) / 2, coverage - 0.3);
  }

  /**
   * Share of the query's idf weight found anywhere in the document. Terms the index has never
   * seen count with the weight of the rarest known term: an alert about something no document
   * mentions should not look covered just because its one generic word matched. With a filter,
   * the weights come from the documents the filter accepts: a case's own evidence (case tier)
   * says "checkout" a thousand times, which must not make "checkout" a common, ignorable word
   * when the runbooks are searched.
   */
  private coverage(terms: string[], documentId: string, accept?: (slot: number) => boolean): number {
    const entry = this.docs.get(documentId);
    if (!entry) return 0;
    const distinct = [...new Set(terms)];
    if (distinct.length === 0) return 0;
    const matched = new Set<string>();
    for (const slot of entry.slots) for (const t of this.bm25.matchedTerms(slot, distinct)) matched.add(t);
    // With a filter, term weights come from the accepted documents alone: one pass marks them.
    let acceptedCount = 0;
    let accepted: Uint8Array | null = null;
    if (accept) {
      accepted = new Uint8Array(this.bm25.slotUpperBound());
      for (let slot = 0; slot < accepted.length; slot++) {
        if (this.slotDoc[slot] && accept(slot)) {
          accepted[slot] = 1;
          acceptedCount++;
        }
      }
    }
    const unseenWeight = accepted ? this.bm25.maxIdf(acceptedCount) : this.bm25.maxIdf();
    let total = 0;
    let covered = 0;
    for (const term of distinct) {
      const idf = accepted ? this.bm25.idfWithin(term, accepted, acceptedCount) : this.bm25.idf(term);
      const weight = idf > 0 ? idf : unseenWeight;
      total += weight;
      if (matched.has(term)) covered += weight;
    }
    return total > 0 ? covered / total : 0;
  }

  private filterFor(filter: KbFilter): (slot: number) => boolean {
    const tiers = filter.tiers ? new Set(filter.tiers) : null;
    const sources = filter.sources ? new Set(filter.sources) : null;
    const tags = filter.tags ?? [];
    return (slot) => {
      const doc = this.slotDoc[slot];
      if (!doc) return false;
      if (tiers && !tiers.has(doc.tier)) return false;
      if (sources && !sources.has(doc.source)) return false;
      if (filter.caseId !== undefined && doc.caseId !== filter.caseId) return false;
      for (const tag of tags) if (!doc.tags.includes(tag)) return false;
      return true;
    };
  }
}

/** Share of the title's distinct terms that the query mentions. */
function titleCoverage(queryTerms: string[], title: string): number {
  const titleTerms = [...new Set(keywordTerms(title))];
  if (titleTerms.length === 0) return 0;
  const query = new Set(queryTerms);
  return titleTerms.filter((t) => query.has(t)).length / titleTerms.length;
}

/** What body BM25 sees for a chunk: title, tags and headings give short chunks their context. */
export function keywordText(meta: KbDocumentMeta, chunk: KbChunk): string {
  return [meta.title, meta.tags.join(' '), ...chunk.headingPath, chunk.text].join('\n');
}

/**
 * Version of what `chunkKeywordTerms` returns for the same input. Terms are persisted with each
 * stored chunk so loading skips tokenising; bump this whenever tokenize.ts or `keywordText`
 * changes its output, and rows stored with another version are tokenised again on load.
 * (kb-index.test.ts pins the output for a sample, so such a change fails until bumped.)
 */
export const KEYWORD_TERMS_VERSION = 1;

/** The body BM25 terms of a chunk. */
export function chunkKeywordTerms(meta: KbDocumentMeta, chunk: KbChunk): string[] {
  return keywordTerms(keywordText(meta, chunk));
}

/** What the embedder sees for a chunk: its document title and headings give short chunks their context. */
export function indexedText(meta: KbDocumentMeta, chunk: KbChunk): string {
  return [meta.title, meta.tags.join(' '), ...chunk.headingPath, chunk.text].join('\n');
}

export function citationOf(document: KbDocumentMeta, chunk: KbChunk): string {
  return [document.title, ...chunk.headingPath].join(' › ');
}

function hasSignal(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return true;
  return false;
}
