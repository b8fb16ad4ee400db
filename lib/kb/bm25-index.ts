/**
 * Okapi BM25 over chunk slots, updatable in place (documents come and go as users upload and
 * cases close). Slots are the same integers the vector store uses, so both halves of a hybrid
 * query talk about the same chunks without a lookup table.
 */

export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
  /**
   * Saturation of a term repeated in the query (Robertson's k3): 0 counts each distinct query
   * term once, large values count repeats almost linearly. Alerts are templated: summary and
   * description restate the same generic phrase ("target disappeared from Prometheus target
   * discovery"), so a repeat says "template" more than "important", and at k3 = k1 = 1.2 it
   * drowned the one word naming the component. 0.3 was picked by cross-validation (kb-retrieval
   * bench).
   */
  k3: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, k3: 0.3 };

export class Bm25Index {
  /**
   * Per term, its slots and term frequencies as two parallel plain arrays of small integers:
   * V8 keeps them as packed SMI arrays, which append in O(1) and scan as fast as typed arrays.
   * (Maps of Maps cost ~4x the build time and memory at 100k chunks.)
   */
  private readonly postings = new Map<string, { slots: number[]; tfs: number[] }>();
  /** Distinct terms per slot, for removal and matched-term lookups; undefined for empty slots. */
  private readonly slotTerms: (string[] | undefined)[] = [];
  /** Token count per slot (0 for empty slots); a plain array stays in V8's fast elements. */
  private readonly lengths: number[] = [];
  private totalLength = 0;
  private count = 0;

  constructor(private readonly params: Bm25Params = DEFAULT_BM25) {}

  get size(): number {
    return this.count;
  }

  /**
   * Counts term frequencies straight into the postings: while one slot is added, its entry is
   * the last of each of its terms' lists, so a repeat increments that entry. One map lookup per
   * word and no per-chunk count map: at 100k chunks this halves the time to rebuild the index
   * after a service-worker restart.
   */
  add(slot: number, terms: readonly string[]): void {
    if (this.slotTerms[slot]) this.remove(slot);
    const distinct: string[] = [];
    for (const term of terms) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = { slots: [], tfs: [] }));
      const last = list.slots.length - 1;
      if (last >= 0 && list.slots[last] === slot) {
        list.tfs[last]!++;
        continue;
      }
      list.slots.push(slot);
      list.tfs.push(1);
      distinct.push(term);
    }
    while (this.slotTerms.length <= slot) this.slotTerms.push(undefined);
    this.slotTerms[slot] = distinct;
    while (this.lengths.length <= slot) this.lengths.push(0);
    this.lengths[slot] = terms.length;
    this.totalLength += terms.length;
    this.count++;
  }

  /**
   * Swap-removes the slot from each of its terms' postings. Searched from the end: what is
   * removed is usually recent (a closed case's evidence), so it is found in a few steps.
   */
  remove(slot: number): void {
    const terms = this.slotTerms[slot];
    if (!terms) return;
    for (const term of terms) {
      const list = this.postings.get(term)!;
      const at = list.slots.lastIndexOf(slot);
      const last = list.slots.length - 1;
      list.slots[at] = list.slots[last]!;
      list.tfs[at] = list.tfs[last]!;
      list.slots.pop();
      list.tfs.pop();
      if (list.slots.length === 0) this.postings.delete(term);
    }
    this.totalLength -= this.lengths[slot] ?? 0;
    this.lengths[slot] = 0;
    this.slotTerms[slot] = undefined;
    this.count--;
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for terms the index lacks. */
  idf(term: string): number {
    const df = this.postings.get(term)?.slots.length ?? 0;
    if (df === 0) return 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Inverse document frequency within the slots marked 1 in `accepted` (`acceptedCount` of
   * them), as if the index held only those: 0 for a term none of them contains. A mask, not a
   * callback: common terms have postings in most slots, and this runs for every query term.
   */
  idfWithin(term: string, accepted: Uint8Array, acceptedCount: number): number {
    const list = this.postings.get(term);
    if (!list || acceptedCount === 0) return 0;
    let df = 0;
    const slots = list.slots;
    for (let i = 0; i < slots.length; i++) df += accepted[slots[i]!]!;
    if (df === 0) return 0;
    return Math.log(1 + (acceptedCount - df + 0.5) / (df + 0.5));
  }

  /** The highest idf any term can have in an index of `size` slots: the weight of an unseen word. */
  maxIdf(size = this.size): number {
    return Math.log(1 + (size - 0.5) / 1.5);
  }

  /** The distinct terms of a slot (empty for an empty slot). */
  distinctTerms(slot: number): readonly string[] {
    return this.slotTerms[slot] ?? [];
  }

  /** Distinct query terms a slot contains. */
  matchedTerms(slot: number, queryTerms: Iterable<string>): string[] {
    const terms = this.slotTerms[slot];
    if (!terms) return [];
    const query = new Set(queryTerms);
    return terms.filter((t) => query.has(t));
  }

  /**
   * BM25 score of every slot matching at least one term. A term repeated in the query counts
   * more, saturating with k3.
   */
  score(queryTerms: string[], accept?: (slot: number) => boolean, related?: ReadonlyMap<string, number>): Map<number, number> {
    const dense = new Float64Array(this.slotUpperBound());
    const touched: number[] = [];
    this.accumulate(queryTerms, dense, touched, accept, related);
    return new Map(touched.map((slot) => [slot, dense[slot]!]));
  }

  /** One past the highest slot ever added: the size a dense score array needs. */
  slotUpperBound(): number {
    return this.lengths.length;
  }

  /**
   * Adds each matching slot's score into `into[slot]` and lists newly touched slots. Dense
   * typed-array accumulation instead of a Map: at 100k chunks this is several times faster.
   * `related` adds terms the query did not use (synonyms), each scored like a single query
   * occurrence times its weight; a related term the query already contains is ignored.
   */
  accumulate(
    queryTerms: string[],
    into: Float64Array,
    touched: number[],
    accept?: (slot: number) => boolean,
    related?: ReadonlyMap<string, number>,
  ): void {
    if (this.size === 0) return;
    const avgLength = this.totalLength / this.size || 1;
    const { k1, b, k3 } = this.params;
    const lengths = this.lengths;
    const queryCounts = new Map<string, number>();
    for (const term of queryTerms) queryCounts.set(term, (queryCounts.get(term) ?? 0) + 1);
    /** Per term: its query-side factor (k3-saturated repeats, or a related term's weight). */
    const queryFactors = new Map<string, number>();
    for (const [term, qtf] of queryCounts) queryFactors.set(term, (qtf * (k3 + 1)) / (qtf + k3));
    if (related) for (const [term, weight] of related) if (!queryFactors.has(term)) queryFactors.set(term, weight);
    const lengthWeight = (k1 * b) / avgLength;
    const base = k1 * (1 - b);
    for (const [term, factor] of queryFactors) {
      const list = this.postings.get(term);
      if (!list) continue;
      const weight = this.idf(term) * factor * (k1 + 1);
      const { slots, tfs } = list;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        if (accept && !accept(slot)) continue;
        const tf = tfs[i]!;
        if (into[slot] === 0) touched.push(slot);
        into[slot]! += (weight * tf) / (tf + base + lengthWeight * lengths[slot]!);
      }
    }
  }
}
