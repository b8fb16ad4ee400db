// The knowledge-base search measured inside headless Chromium (Debian's /usr/bin/chromium via
// playwright-core), in an ordinary page served on a routed http origin (IndexedDB needs one):
// the same bundled lib/kb code as Node (tests/bench/support/kb-browser-entry.ts).
// - vector scan: the JS f32 scan (baseline), the WebAssembly SIMD f32 (exact) and int8 scans;
// - the whole hybrid query through KbIndex;
// - index load from IndexedDB: N chunks written with the real kb-store.ts + Dexie schema, the
//   page reloaded, then the time until the first search answers (the rows read and indexed page
//   by page as KnowledgeBaseService does, then a search whose hits' text is read from storage).
// - the vector scan inside a real MV3 extension service worker, once with the extension's CSP
//   ('wasm-unsafe-eval', as wxt.config.ts sets it) and once with MV3's default CSP, where
//   compiling WASM is refused and the store must fall back to the JS scan.
// Used by kb-search.bench.ts; returns Markdown table rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORIGIN = 'http://kb-bench.test';

/** Page-side helpers, as a string: tsx would inject its __name helper into a function's source. */
const PAGE_HELPERS = `
  window.bench = {
    unit(dim) {
      const v = new Float32Array(dim);
      for (let i = 0; i < dim; i++) v[i] = Math.random() * 2 - 1;
      kb.normalise(v);
      return v;
    },
    text(words) {
      const vocabulary = window.vocabulary, out = [];
      for (let i = 0; i < words; i++) out.push(vocabulary[Math.floor(vocabulary.length * Math.random() ** 2.5)]);
      return out.join(' ');
    },
    time(fn, runs) {
      for (let i = 0; i < 10; i++) fn(i);
      const t = [];
      for (let i = 0; i < runs; i++) { const s = performance.now(); fn(i); t.push(performance.now() - s); }
      t.sort((a, b) => a - b);
      return { p50: t[Math.floor(t.length / 2)], p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
    },
  };`;

function fmt(size: number, what: string, r: { p50: number; p95: number }, memory = ''): string {
  return `| ${size.toLocaleString('en')} | Chromium page: ${what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${memory} |`;
}

export interface IngestionInput {
  wordVectorsFile: string;
  runbooks: { file: string; text: string }[];
}

export async function chromiumRows(
  sizes: number[],
  dim: number,
  queries: number,
  idbSizes: number[],
  vocabulary: string[],
  ingestion?: IngestionInput,
): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) return [`| – | Chromium not found at ${CHROMIUM}; skipped | | | |`];
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, 'support/kb-browser-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'kb',
    write: false,
    platform: 'browser',
  });
  const script = `${bundle.outputFiles[0]!.text}\nwindow.vocabulary = ${JSON.stringify(vocabulary)};\n${PAGE_HELPERS}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/kb.js') return route.fulfill({ contentType: 'text/javascript', body: script });
      if (url.pathname === '/word-vectors.bin' && ingestion) return route.fulfill({ contentType: 'application/octet-stream', body: fs.readFileSync(ingestion.wordVectorsFile) });
      if (url.pathname === '/runbooks.json' && ingestion) return route.fulfill({ contentType: 'application/json', body: JSON.stringify(ingestion.runbooks) });
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>kb bench</title><script src="/kb.js"></script>' });
    });
    await page.goto(`${ORIGIN}/`);
    const rows: string[] = [];
    const simd = (await page.evaluate(`new kb.FlatVectorStore(8).usesSimd`)) as boolean;
    if (!simd) rows.push('| – | Chromium page: WebAssembly SIMD unavailable, JS scan only | | | |');
    for (const size of sizes) {
      for (const [what, precision, useSimd] of [
        ['baseline: JS f32 scan', 'f32', false],
        ['vector scan, f32 exact (WASM SIMD int8 + f32 rescoring)', 'f32', true],
        ['vector scan, int8 (WASM SIMD)', 'int8', true],
      ] as const) {
        const r = (await page.evaluate(`(() => {
          const size = ${size}, dim = ${dim}, queries = ${queries};
          const store = new kb.FlatVectorStore(dim, '${precision}', size, { simd: ${useSimd} });
          for (let s = 0; s < size; s++) store.set(s, bench.unit(dim));
          const qs = Array.from({ length: queries }, () => bench.unit(dim));
          const r = bench.time((i) => store.search(qs[i % queries], 10), queries);
          return { ...r, bytes: store.byteLength / size };
        })()`)) as { p50: number; p95: number; bytes: number };
        rows.push(fmt(size, what, r, `${r.bytes.toFixed(0)} B vectors`));
      }
      const hybrid = (await page.evaluate(`(() => {
        const size = ${size}, dim = ${dim}, queries = ${queries};
        const index = new kb.KbIndex({ dim });
        const started = performance.now();
        for (let i = 0; i < size; i++) {
          const chunk = { id: 'd' + i + '#0', documentId: 'd' + i, ordinal: 0, headingPath: ['Section'], text: bench.text(90) };
          index.addDocument({ id: 'd' + i, tier: i % 10 === 0 ? 'user' : 'global', title: 'Doc ' + i, source: 's' + (i % 50), tags: [] }, [chunk], [bench.unit(dim)]);
        }
        const buildMs = performance.now() - started;
        const qs = Array.from({ length: queries }, () => [bench.text(15), bench.unit(dim)]);
        const all = bench.time((i) => index.search(qs[i % queries][0], qs[i % queries][1], { k: 10 }), queries);
        const filtered = bench.time((i) => index.search(qs[i % queries][0], qs[i % queries][1], { k: 10, filter: { tiers: ['user'] } }), queries);
        return { all, filtered, buildMs };
      })()`)) as { all: { p50: number; p95: number }; filtered: { p50: number; p95: number }; buildMs: number };
      rows.push(fmt(size, 'hybrid query (BM25 + f32 exact scan + fusion)', hybrid.all, `index built in ${(hybrid.buildMs / 1000).toFixed(1)} s`));
      rows.push(fmt(size, 'hybrid query, tier filter (10% of chunks)', hybrid.filtered));
    }
    for (const size of idbSizes) rows.push(await indexedDbLoadRow(page, size, dim));
    if (ingestion) rows.push(await ingestionRow(page));
    return rows;
  } finally {
    await browser.close();
  }
}

/**
 * The offline ingestion path in the page: fetch + decode the word vectors, then chunk, embed
 * (static GloVe 100-d) and save through kb-store the pack's runbooks, repeated up to 1,000
 * chunks. The extension runs the same code in its service worker.
 */
async function ingestionRow(page: Page): Promise<string> {
  const r = (await page.evaluate(`(async () => {
    const started = performance.now();
    const bytes = new Uint8Array(await (await fetch('/word-vectors.bin')).arrayBuffer());
    const embedder = new kb.StaticWordEmbedder(kb.decodeWordVectors(bytes));
    const ready = performance.now();
    const runbooks = await (await fetch('/runbooks.json')).json();
    await new kb.FaultMavenDB('kb-ingest').delete();
    const db = new kb.FaultMavenDB('kb-ingest');
    let chunks = 0;
    for (let round = 0; chunks < 1000; round++) {
      for (const { file, text } of runbooks) {
        const doc = await kb.prepareDocument({ id: round + ':' + file, tier: 'user', source: file, text, fallbackTitle: file }, embedder);
        await kb.saveDocument(db, doc, { contentHash: round + file, sizeBytes: text.length, embedderId: embedder.id });
        chunks += doc.chunks.length;
        if (chunks >= 1000) break;
      }
    }
    const done = performance.now();
    db.close();
    await new kb.FaultMavenDB('kb-ingest').delete();
    return { chunks, load: ready - started, ingest: done - ready };
  })()`)) as { chunks: number; load: number; ingest: number };
  return `| ${r.chunks.toLocaleString('en')} | Chromium page: **ingestion** (chunk + embed with static GloVe 100-d + save via kb-store) | ${(r.ingest / 1000).toFixed(2)} s total | | ${((r.chunks / r.ingest) * 1000).toFixed(0)} chunks/s; word vectors fetched + decoded first in ${r.load.toFixed(0)} ms |`;
}

/** Writes `size` chunks (20 per document) through kb-store, reloads the page, times the first search. */
async function indexedDbLoadRow(page: Page, size: number, dim: number): Promise<string> {
  const written = (await page.evaluate(`(async () => {
    const size = ${size}, dim = ${dim}, perDoc = 20;
    await new kb.FaultMavenDB('kb-bench').delete();
    const db = new kb.FaultMavenDB('kb-bench');
    const started = performance.now();
    for (let d = 0; d * perDoc < size; d++) {
      const id = 'doc' + d;
      const count = Math.min(perDoc, size - d * perDoc);
      const chunks = Array.from({ length: count }, (_, i) => ({ id: id + '#' + i, documentId: id, ordinal: i, headingPath: ['Section ' + i], text: bench.text(90) }));
      const vectors = chunks.map(() => bench.unit(dim));
      await kb.saveDocument(db, { meta: { id, tier: 'user', title: 'Runbook ' + d, source: id + '.md', tags: [] }, chunks, vectors }, { contentHash: id, sizeBytes: 0, embedderId: 'bench' });
    }
    const ms = performance.now() - started;
    db.close();
    return ms;
  })()`)) as number;
  await page.reload();
  const load = (await page.evaluate(`(async () => {
    const dim = ${dim};
    const started = performance.now();
    const db = new kb.FaultMavenDB('kb-bench');
    // As KnowledgeBaseService builds it: each page of rows is indexed while the next is read.
    const index = new kb.KbIndex({ dim });
    let firstDocument = 0;
    await kb.streamStoredDocuments(db, 'bench', (d) => {
      firstDocument ||= performance.now();
      index.addDocument(d.meta, d.chunks, d.vectors, d.keywordTerms);
    });
    const read = firstDocument;
    const built = performance.now();
    // As the service answers: the hits' chunk text is read from storage (the index holds none).
    const result = await kb.withChunkTexts(db, index.search(bench.text(15), bench.unit(dim), { k: 5 }));
    const hits = result.hits.filter((h) => h.chunk.text.length > 0).length;
    const done = performance.now();
    db.close();
    await new kb.FaultMavenDB('kb-bench').delete();
    return { total: done - started, read: read - started, build: built - read, search: done - built, chunks: index.chunkCount, hits };
  })()`)) as { total: number; read: number; build: number; search: number; chunks: number; hits: number };
  if (load.chunks !== size || load.hits === 0) throw new Error(`IndexedDB load bench: expected ${size} chunks and hits, got ${load.chunks} / ${load.hits}`);
  return `| ${size.toLocaleString('en')} | Chromium page: **index load from IndexedDB** until the first search answers | ${load.total.toFixed(0)} | | first rows after ${load.read.toFixed(0)} ms + read and index build (overlapped) ${load.build.toFixed(0)} ms + first search with hit texts ${load.search.toFixed(0)} ms; written via kb-store in ${(written / 1000).toFixed(1)} s (${((size / written) * 1000).toFixed(0)} chunks/s) |`;
}

/**
 * Loads a minimal unpacked MV3 extension whose service worker bundles FlatVectorStore, and scans
 * `size` vectors there. `csp` null = MV3's default policy (no 'wasm-unsafe-eval').
 */
export async function serviceWorkerRows(size: number, dim: number, queries: number): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) return [];
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../lib/kb/flat-vector-store.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'kb',
    write: false,
    platform: 'browser',
  });
  const rows: string[] = [];
  for (const csp of ["script-src 'self' 'wasm-unsafe-eval'; object-src 'self'", null]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-sw-bench-'));
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'kb bench',
        version: '1.0',
        background: { service_worker: 'sw.js' },
        ...(csp ? { content_security_policy: { extension_pages: csp } } : {}),
      }),
    );
    fs.writeFileSync(path.join(dir, 'sw.js'), bundle.outputFiles[0]!.text);
    const context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
      const r = (await worker.evaluate(`(() => {
        const size = ${size}, dim = ${dim}, queries = ${queries};
        const unit = () => {
          const v = new Float32Array(dim);
          let n = 0;
          for (let i = 0; i < dim; i++) { v[i] = Math.random() * 2 - 1; n += v[i] * v[i]; }
          n = Math.sqrt(n);
          for (let i = 0; i < dim; i++) v[i] /= n;
          return v;
        };
        const store = new kb.FlatVectorStore(dim, 'f32', size);
        for (let s = 0; s < size; s++) store.set(s, unit());
        const qs = Array.from({ length: queries }, unit);
        for (let i = 0; i < 10; i++) store.search(qs[i % queries], 10);
        const t = [];
        for (const q of qs) { const start = performance.now(); store.search(q, 10); t.push(performance.now() - start); }
        t.sort((a, b) => a - b);
        return { simd: store.usesSimd, p50: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)] };
      })()`)) as { simd: boolean; p50: number; p95: number };
      const what = csp
        ? `MV3 service worker, CSP with 'wasm-unsafe-eval': f32 exact scan (${r.simd ? 'WASM SIMD' : 'JS fallback!'})`
        : `MV3 service worker, default CSP (WASM refused): f32 scan (${r.simd ? 'WASM SIMD?!' : 'JS fallback'})`;
      rows.push(`| ${size.toLocaleString('en')} | ${what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | |`);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
