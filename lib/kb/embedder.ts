/**
 * Turns text into unit-length vectors. The offline default is `StaticWordEmbedder` (GloVe
 * word vectors shipped with the extension); a transformer model can implement the same
 * interface later without touching the index. `id` is stored with every index so vectors from
 * different models are never compared.
 */
export interface Embedder {
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}
