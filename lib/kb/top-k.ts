/**
 * The k best (slot, score) pairs seen so far, as a min-heap on score so each new candidate is
 * compared with the current worst in O(1) and inserted in O(log k). Scanning 100k vectors
 * touches the heap rarely once it is full.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly k: number) {
    this.slots = new Int32Array(Math.max(k, 1));
    this.scores = new Float64Array(Math.max(k, 1));
  }

  /** Lowest kept score, or -Infinity while the heap is not full. */
  get threshold(): number {
    return this.count < this.k ? -Infinity : this.scores[0]!;
  }

  push(slot: number, score: number): void {
    if (this.k === 0) return;
    if (this.count < this.k) {
      let i = this.count++;
      this.slots[i] = slot;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= this.scores[i]!) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score <= this.scores[0]!) return;
    this.slots[0] = slot;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.count && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < this.count && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  /** Best first. */
  sorted(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.count; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  private swap(a: number, b: number): void {
    const s = this.slots[a]!;
    this.slots[a] = this.slots[b]!;
    this.slots[b] = s;
    const v = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = v;
  }
}
