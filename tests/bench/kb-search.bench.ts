// Knowledge-base search speed and memory at 10k, 50k and 100k chunks of 384 dimensions (the
// size of MiniLM/bge-small vectors), in Node. Measures the vector scan (exact f32 and int8 with
// the WebAssembly SIMD kernel), the whole hybrid query (BM25 over synthetic chunk text + vector
// scan + fusion), bytes per chunk, and the offline embedder's ingestion rate. Baseline in the
// same run: the JS f32 scan (4-way unrolled, what ran before the SIMD kernel). The same is run in
// a headless Chromium page, plus the index load time from IndexedDB (kb-search-chromium.ts;
// KB_BENCH_CHROMIUM=0 skips it, KB_BENCH_IDB_SIZES sets its sizes).
// Run: npm run bench -- kb-search   (KB_BENCH_SIZES=10000,50000 to shorten; KB_BENCH_SIZES= for the
// IndexedDB load and ingestion rows alone)
import { FlatVectorStore, type VectorPrecision } from '../../lib/kb/flat-vector-store';
import { prepareDocument } from '../../lib/kb/ingest';
import { KbIndex } from '../../lib/kb/kb-index';
import { loadGlobalPack, loadStaticEmbedder, readRunbookSources, WORD_VECTORS_FILE } from '../../lib/kb/node/artifacts';
import { loadPack } from '../../lib/kb/pack-format';
import { splitWords } from '../../lib/kb/tokenize';
import { normalise } from '../../lib/kb/vector-math';
import { chromiumRows, serviceWorkerRows } from './kb-search-chromium';

const DIM = 384;
const QUERIES = 100;
const SIZES = (process.env.KB_BENCH_SIZES ?? '10000,50000,100000').split(',').filter(Boolean).map(Number);
const IDB_SIZES = (process.env.KB_BENCH_IDB_SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);

let seed = 12345;
function random(): number {
  // xorshift32: reproducible data across runs.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0xffffffff;
}

function randomUnit(dim = DIM): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) v[i] = random() * 2 - 1;
  normalise(v);
  return v;
}

/** Chunk text drawn Zipf-like from the runbook pack's own vocabulary, ~90 words each. */
const vocabulary = [...new Set(readRunbookSources().flatMap((s) => splitWords(s.text)))];
function randomText(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[Math.floor(vocabulary.length * random() ** 2.5)]!);
  return out.join(' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function time(fn: () => void, runs: number): { p50: number; p95: number } {
  for (let i = 0; i < 10; i++) fn(); // let V8 optimise the scan first; cold queries are reported separately
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 0.5), p95: percentile(t, 0.95) };
}

function heapBytes(): number {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const rows: string[] = [];
const queries = Array.from({ length: QUERIES }, () => randomUnit());
/** The offline default embedder's width: what the extension scans until a transformer model is installed. */
const DEFAULT_DIM = 100;
const defaultQueries = Array.from({ length: QUERIES }, () => randomUnit(DEFAULT_DIM));
const queryTexts = Array.from({ length: QUERIES }, () => randomText(15));

for (const size of SIZES) {
  {
    const store = new FlatVectorStore(DEFAULT_DIM, 'f32', size);
    for (let slot = 0; slot < size; slot++) store.set(slot, randomUnit(DEFAULT_DIM));
    let q = 0;
    const vec = time(() => store.search(defaultQueries[q++ % QUERIES]!, 10), QUERIES);
    rows.push(`| ${size.toLocaleString('en')} | vector scan, f32 exact (WASM SIMD), ${DEFAULT_DIM} dims (default embedder) | ${vec.p50.toFixed(1)} | ${vec.p95.toFixed(1)} | ${(store.byteLength / size).toFixed(0)} B vectors |`);
  }
  const vectors = Array.from({ length: size }, () => randomUnit());
  const variants: [string, VectorPrecision, boolean][] = [
    ['baseline: JS f32 scan (unrolled, no SIMD)', 'f32', false],
    ['vector scan, f32 exact (WASM SIMD int8 + f32 rescoring)', 'f32', true],
    ['vector scan, int8 (WASM SIMD)', 'int8', true],
  ];
  for (const [what, precision, simd] of variants) {
    const store = new FlatVectorStore(DIM, precision, size, { simd });
    if (store.usesSimd !== simd) throw new Error('WebAssembly SIMD is not available in this Node');
    vectors.forEach((v, slot) => store.set(slot, v));
    let q = 0;
    const vec = time(() => store.search(queries[q++ % QUERIES]!, 10), QUERIES);
    rows.push(`| ${size.toLocaleString('en')} | ${what} | ${vec.p50.toFixed(1)} | ${vec.p95.toFixed(1)} | ${(store.byteLength / size).toFixed(0)} B vectors |`);
  }

  // Whole hybrid query through KbIndex (one chunk per document, as uploaded notes would be).
  const before = heapBytes();
  const index = new KbIndex({ dim: DIM });
  const started = performance.now();
  for (let i = 0; i < size; i++) {
    const chunk = { id: `d${i}#0`, documentId: `d${i}`, ordinal: 0, headingPath: ['Section'], text: randomText(90) };
    index.addDocument({ id: `d${i}`, tier: i % 10 === 0 ? 'user' : 'global', title: `Doc ${i}`, source: `s${i % 50}`, tags: [] }, [chunk], [vectors[i]!]);
  }
  const buildMs = performance.now() - started;
  const perChunk = (heapBytes() - before) / size;
  let hq = 0;
  const hybrid = time(() => index.search(queryTexts[hq % QUERIES]!, queries[hq++ % QUERIES]!, { k: 10 }), QUERIES);
  let fq = 0;
  const filtered = time(() => index.search(queryTexts[fq % QUERIES]!, queries[fq++ % QUERIES]!, { k: 10, filter: { tiers: ['user'] } }), QUERIES);
  rows.push(`| ${size.toLocaleString('en')} | hybrid query (BM25 + f32 exact scan + fusion) | ${hybrid.p50.toFixed(1)} | ${hybrid.p95.toFixed(1)} | ${(perChunk / 1024).toFixed(1)} KB total (text, BM25, vector); built in ${(buildMs / 1000).toFixed(1)} s |`);
  rows.push(`| ${size.toLocaleString('en')} | hybrid query, tier filter (10% of chunks) | ${filtered.p50.toFixed(1)} | ${filtered.p95.toFixed(1)} | |`);
}

// Offline embedder ingestion rate: chunk + embed the runbook pack repeatedly up to 1,000 chunks.
const embedder = loadStaticEmbedder();
const sources = readRunbookSources();
let chunks = 0;
const ingestStart = performance.now();
for (let round = 0; chunks < 1000; round++) {
  for (const { file, text } of sources) {
    chunks += (await prepareDocument({ id: `${round}:${file}`, tier: 'user', source: file, text, fallbackTitle: file }, embedder)).chunks.length;
    if (chunks >= 1000) break;
  }
}
const ingestMs = performance.now() - ingestStart;
const packStart = performance.now();
const packIndex = new KbIndex({ dim: embedder.dim });
loadPack(packIndex, loadGlobalPack(), embedder.id);
const packMs = performance.now() - packStart;
// Chromium last, so the Node figures above are not disturbed by a browser sharing the cores.
if (process.env.KB_BENCH_CHROMIUM !== '0') {
  rows.push(...(await chromiumRows(SIZES, DIM, QUERIES, IDB_SIZES, vocabulary, { wordVectorsFile: WORD_VECTORS_FILE, runbooks: sources })));
  if (SIZES.length > 0) rows.push(...(await serviceWorkerRows(Math.max(...SIZES), DIM, QUERIES)));
}

console.log(`### Knowledge-base search latency and memory (Node)

Command: \`npm run bench -- kb-search\` (Node ${process.version}, ${QUERIES} queries per cell, k = 10, random unit vectors of
${DIM} dimensions, chunk text ~90 words drawn from the runbook pack vocabulary; one process, 2-core machine).

| chunks | what | p50 ms | p95 ms | memory per chunk |
|---|---|---|---|---|
${rows.join('\n')}

Ingestion with the offline default embedder (static GloVe 100-d): ${chunks} chunks chunked and embedded in ${ingestMs.toFixed(0)} ms
(${((chunks / ingestMs) * 1000).toFixed(0)} chunks/s). Loading the shipped global pack (${packIndex.documents().length} runbooks, ${packIndex.chunkCount} chunks)
from JSON into a fresh index: ${packMs.toFixed(0)} ms.`);
