import type { Embedder } from './embedder';
import { splitWords, stem } from './tokenize';
import { normalise } from './vector-math';
import type { WordVectors } from './word-vectors';

/**
 * The offline default embedder: a weighted average of static word vectors (SIF weighting,
 * Arora et al. 2017: weight = a / (a + p(word))). p(word) comes from the word's frequency
 * rank (Zipf), which the vocabulary order gives us for free, so frequent words like "the"
 * or "is" barely move the vector while "replication" or "eviction" dominate it. Needs no
 * download, runs in microseconds, and shares the tokeniser with keyword search.
 */
export class StaticWordEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly harmonic: number;

  constructor(
    private readonly vectors: WordVectors,
    private readonly smoothing = 1e-3,
  ) {
    this.dim = vectors.dim;
    this.id = `static-glove-${vectors.dim}d-${vectors.words.length}`;
    // Zipf normaliser: Σ 1/r over the vocabulary ≈ ln(n) + γ.
    this.harmonic = Math.log(vectors.words.length) + 0.5772;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): Float32Array {
    const out = new Float32Array(this.dim);
    const { codes, scales, index } = this.vectors;
    for (const word of splitWords(text)) {
      const rank = lookup(index, word);
      if (rank === undefined) continue;
      const p = 1 / ((rank + 1) * this.harmonic);
      const weight = (this.smoothing / (this.smoothing + p)) * scales[rank]!;
      const base = rank * this.dim;
      for (let d = 0; d < this.dim; d++) out[d]! += weight * codes[base + d]!;
    }
    normalise(out);
    return out;
  }

  /** Whether the vocabulary knows the word (used by tests and diagnostics). */
  knows(word: string): boolean {
    return this.vectors.index.has(word);
  }
}

/** The word itself, else its singular, else its stem: GloVe has "storage" but not "storag". */
function lookup(index: Map<string, number>, word: string): number | undefined {
  return (
    index.get(word) ??
    (word.endsWith('s') ? index.get(word.slice(0, -1)) : undefined) ??
    (word.endsWith('es') ? index.get(word.slice(0, -2)) : undefined) ??
    index.get(stem(word))
  );
}
