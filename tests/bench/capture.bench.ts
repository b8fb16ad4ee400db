// Capture time of the site adapters on the largest fixture pages, inside headless Chromium
// (Debian's /usr/bin/chromium via playwright-core): the same lib/sites code the `capture`
// unlisted script bundles, on each page served at a URL its adapter matches. Baseline, same
// run, same page: the generic extractor alone. Target: under 100 ms per capture.
// Also: uploads through readTextUpload (the side panel's code: head/tail kept, the whole log
// condensed while it streams) of a generated 1 GiB log read from disk as a Blob, with peak and
// retained heap, against merely streaming and decoding the same file in the same run; a 64 MB
// file shows the memory is flat in file size. FM_CAPTURE_BENCH_BYTES shortens the big file.
// Run: npm run bench -- capture
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SITE_ADAPTERS } from '../../lib/sites/registry';
import { readTextUpload } from '../../lib/evidence/upload/read-text-upload';
import { writeSyntheticLog } from './support/loghub';
import { SITE_FIXTURES, siteFixtureHtml, siteFixtureNames, siteFixtureUrl } from '../support/site-fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 15;

/** A Grafana dashboard whose table panel holds 10,000 rows: over 50,000 DOM nodes. */
function hugeDashboard(): string {
  const rows: string[] = [];
  for (let i = 0; i < 10_000; i++) rows.push(`<tr><td>pod-${i}</td><td>${i % 17}</td><td>${i % 3 ? 'Running' : 'CrashLoopBackOff'}</td><td>node-${i % 40}</td></tr>`);
  return `<!DOCTYPE html><html><head><title>Huge - Dashboards - Grafana</title></head><body class="app-grafana">
<div data-testid="data-testid Page header"><h1>Huge</h1></div>
<div class="react-grid-item"><section data-testid="data-testid Panel header Pods"><h2>Pods</h2></section>
<div data-testid="data-testid panel content"><table><thead><tr><th>pod</th><th>restarts</th><th>status</th><th>node</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></div>
</body></html>`;
}

interface PageCase {
  label: string;
  url: string;
  html: string;
}

function largestFixtures(n: number): PageCase[] {
  const all = SITE_ADAPTERS.flatMap((a) =>
    siteFixtureNames(a.kind).map((name) => {
      const html = siteFixtureHtml(a.kind, name);
      return { label: `${a.kind}/${name}`, url: siteFixtureUrl(html), html, size: fs.statSync(path.join(SITE_FIXTURES, a.kind, `${name}.html`)).size };
    }),
  );
  return all.sort((a, b) => b.size - a.size).slice(0, n);
}

async function timeIn(page: Page, expr: string): Promise<{ ms: number; kind: string; nodes: number }> {
  // Strings, not functions: tsx would inject its __name helper into a function's source.
  return (await page.evaluate(`(() => {
    const times = [];
    let last;
    for (let i = 0; i < ${RUNS}; i++) {
      const t = performance.now();
      last = ${expr};
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], kind: (last.structured && last.structured.pageKind) || 'generic', nodes: document.getElementsByTagName('*').length };
  })()`)) as { ms: number; kind: string; nodes: number };
}

let settleRows: string[] = [];

/**
 * What the user waits for on a click: `capturePageWhenStable` (settle wait + the one-pass read)
 * on a static page, on the live-tail fixture (never settles: the wait runs out) and on the SPA
 * fixture right after it starts swapping its view. One run each: the wait dominates.
 */
async function settleTimes(browser: Browser, script: string): Promise<string[]> {
  const pagesDir = path.resolve(import.meta.dirname, '../fixtures/pages');
  const cases: [string, string, string | null][] = [
    ['static page (grafana-checkout.html)', fs.readFileSync(path.join(pagesDir, 'grafana-checkout.html'), 'utf8'), null],
    ['live tail, a row every 4 ms (live-tail.html)', fs.readFileSync(path.join(pagesDir, 'live-tail.html'), 'utf8'), null],
    ['SPA swapping its view (spa-swap.html)', fs.readFileSync(path.join(pagesDir, 'spa-swap.html'), 'utf8'), 'openIncident()'],
  ];
  const rows: string[] = [];
  for (const [label, html, start] of cases) {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto('http://localhost/page');
    await page.waitForTimeout(1_000);
    await page.addScriptTag({ content: script });
    const r = (await page.evaluate(`(async () => {
      ${start ?? ''};
      const t = performance.now();
      const c = await fmCapture.capturePageWhenStable(40000, Date.now());
      return { ms: performance.now() - t, settled: c.liveness.settled, changes: c.liveness.changes, chars: c.text.length };
    })()`)) as { ms: number; settled: boolean; changes: number; chars: number };
    rows.push(`| ${label} | ${r.ms.toFixed(0)} ms | ${r.settled ? 'settled' : 'live: read when the wait ran out'} | ${r.changes.toLocaleString('en-US')} | ${r.chars.toLocaleString('en-US')} |`);
    await page.close();
  }
  return rows;
}

async function captureRows(): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) return [`| Chromium not found at ${CHROMIUM}; skipped | | | | |`];
  const bundle = await build({
    stdin: {
      contents: `export { capturePage, capturePageWhenStable } from './lib/sites/capture-in-page';\nexport { extractPageContent } from './lib/evidence/extract-page';`,
      resolveDir: path.resolve(import.meta.dirname, '../..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'fmCapture',
    write: false,
    platform: 'browser',
    tsconfig: path.resolve(import.meta.dirname, '../../tsconfig.json'),
  });
  const script = bundle.outputFiles[0]!.text;
  const cases = [...largestFixtures(4), { label: 'synthetic 50k-node Grafana dashboard', url: 'https://grafana.example.com/d/huge/huge?from=now-1h&to=now', html: hugeDashboard() }];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const rows: string[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage();
      // Serve the saved page at its real console URL, so the adapter's URL predicate matches.
      await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: c.html }));
      await page.goto(c.url);
      await page.addScriptTag({ content: script });
      const adapter = await timeIn(page, 'fmCapture.capturePage(40000, Date.now())');
      const generic = await timeIn(page, 'fmCapture.extractPageContent(40000)');
      rows.push(`| ${c.label} | ${adapter.nodes.toLocaleString('en-US')} | ${adapter.kind} | ${adapter.ms.toFixed(1)} ms | ${generic.ms.toFixed(1)} ms |`);
      await page.close();
    }
    settleRows = await settleTimes(browser, script);
  } finally {
    await browser.close();
  }
  return rows;
}

interface UploadRun {
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  peakHeap: number;
  /** Heap in use after a full GC once the upload is read, minus before it: what the result keeps. */
  retainedHeap: number;
  /** Most heap in use after a full GC at 25/50/75% of the stream, minus before: what the reader holds while reading. */
  heldWhileReading: number;
  lines?: number;
  templates?: number;
  keptChars?: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Reads `file` as the side panel reads a dropped File: `fs.openAsBlob` gives a disk-backed Blob
 * whose `stream()` is read chunk by chunk, like a browser File. `condense` runs the real upload
 * path (readTextUpload: head/tail, line and UTF-8 counting, whole-file log condensation);
 * otherwise only the raw stream is read and decoded (the baseline).
 */
async function measureUpload(file: string, condense: boolean): Promise<UploadRun> {
  const blob = Object.assign(await fs.openAsBlob(file), { name: path.basename(file) });
  gc();
  const before = process.memoryUsage().heapUsed;
  let peakHeap = before;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 25);
  const cpu = process.cpuUsage();
  const t = performance.now();
  let result: Awaited<ReturnType<typeof readTextUpload>> | undefined;
  let heldWhileReading = 0;
  let nextMark = 0.25;
  // A forced GC at each quarter: what survives it is what the reader really holds (the sampled
  // peak also counts garbage not yet collected, which depends on GC timing and machine load).
  const held = (read: number, total: number) => {
    sample();
    if (read / total < nextMark) return;
    nextMark += 0.25;
    gc();
    heldWhileReading = Math.max(heldWhileReading, process.memoryUsage().heapUsed - before);
  };
  if (condense) {
    result = await readTextUpload(blob, held);
  } else {
    const reader = blob.stream().getReader();
    const decoder = new TextDecoder();
    let read = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      decoder.decode(value, { stream: true });
      read += value.byteLength;
      held(read, blob.size);
    }
  }
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - before;
  return {
    bytes: blob.size,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakHeap: peakHeap - before,
    retainedHeap,
    heldWhileReading,
    ...(result ? { lines: result.lines, templates: result.condensed?.templates, keptChars: result.text.length } : {}),
  };
}

const UPLOAD_BIG_BYTES = Number(process.env.FM_CAPTURE_BENCH_BYTES ?? 1024 ** 3);
const UPLOAD_SMALL_BYTES = 64 * 1024 ** 2;

async function uploadRows(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-capture-bench-'));
  const small = path.join(dir, 'small.log');
  const big = path.join(dir, 'big.log');
  let runs: [string, UploadRun][];
  try {
    writeSyntheticLog(small, UPLOAD_SMALL_BYTES);
    writeSyntheticLog(big, UPLOAD_BIG_BYTES);
    const baseline = await measureUpload(big, false);
    runs = [
      ['readTextUpload, condensed (small file)', await measureUpload(small, true)],
      ['readTextUpload, condensed (big file)', await measureUpload(big, true)],
      ['baseline: stream + decode only (big file)', baseline],
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  return runs.map(
    ([label, r]) =>
      `| ${label} | ${mb(r.bytes)} | ${r.seconds.toFixed(1)} s | ${(r.bytes / 1024 / 1024 / r.seconds).toFixed(0)} MB/s | ` +
      `${r.lines ? int(r.lines / r.cpuSeconds) : '–'} | ${mb(r.heldWhileReading)} | ${mb(r.peakHeap)} | ${mb(r.retainedHeap)} | ` +
      `${r.keptChars ? `${int(r.keptChars)} chars, ${int(r.templates ?? 0)} templates over ${int(r.lines ?? 0)} lines` : '–'} |`,
  );
}

const capture = await captureRows();
const upload = await uploadRows();
console.log(`## Evidence capture (site adapters) and upload

Command: \`npm run bench -- capture\` (${new Date().toISOString().slice(0, 10)}, headless Debian Chromium, median of ${RUNS} runs per page; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end, ${os.cpus().length} cores shared)

Capture time of \`capturePage\` (the code the \`capture\` unlisted script injects) on the largest fixture pages; target under 100 ms. Baseline: the generic extractor alone on the same page, same run.

| Page | DOM elements | Read as | Capture (adapter) | Baseline: generic extractor |
|---|---|---|---|---|
${capture.join('\n')}

Click to evidence on a changing page: \`capturePageWhenStable\` waits until the DOM has been quiet for 120 ms with nothing \`aria-busy\` (at most 1.2 s), then reads in one synchronous pass (lib/sites/stable-snapshot.ts). One run per page.

| Page | Capture incl. settle wait | Outcome | DOM changes seen while waiting | Text chars |
|---|---|---|---|---|
${settleRows.join('\n')}

Upload: a generated log (Loghub-based lines, tests/bench/support/loghub.ts) read from disk as a Blob (\`fs.openAsBlob\`, chunked like a browser File) through \`readTextUpload\` — the side panel's code: binary sniff, line and UTF-8 counting, head and tail kept, and the WHOLE file condensed by the streaming log analyzer (templates, counts, first/last seen, error examples). Node ${process.version}. "lines/s (CPU)" divides by process CPU time. "Held while reading" is the most heap in use after a forced GC at 25, 50 and 75% of the stream (the reader's real footprint: head, tail, the analyzer's templates); the sampled peak (every chunk and 25 ms) also counts uncollected garbage; "retained after" is measured after a forced GC with only the result held. Baseline: streaming and decoding the same file, same run.

| Reader | Size | Wall | Throughput | lines/s (CPU) | Heap held while reading (after GC) | Peak extra heap (sampled, incl. garbage) | Retained after (result only) | Kept as evidence |
|---|---|---|---|---|---|---|---|---|
${upload.join('\n')}
`);