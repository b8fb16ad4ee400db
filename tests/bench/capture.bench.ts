// Capture time of the site adapters on the largest fixture pages, inside headless Chromium
// (Debian's /usr/bin/chromium via playwright-core): the same lib/sites code the `capture`
// unlisted script bundles, on each page served at a URL its adapter matches. Baseline, same
// run, same page: the generic extractor alone. Target: under 100 ms per capture.
// Also: upload read throughput of readTextUpload (streamed head/tail) on a 256 MB text blob in
// Node, against the floor of merely streaming and decoding the same blob.
// Run: npm run bench -- capture
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { SITE_ADAPTERS } from '../../lib/sites/registry';
import { readTextUpload } from '../../lib/evidence/upload/read-text-upload';
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

async function captureRows(): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) return [`| Chromium not found at ${CHROMIUM}; skipped | | | | |`];
  const bundle = await build({
    stdin: {
      contents: `export { capturePage } from './lib/sites/capture-in-page';\nexport { extractPageContent } from './lib/evidence/extract-page';`,
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
  } finally {
    await browser.close();
  }
  return rows;
}

async function uploadRows(): Promise<string[]> {
  const line = '2026-11-24T12:30:00.123Z INFO  checkout-7d9f8b6c5-x2lkp GET /api/cart 200 12ms trace_id=4bf92f3577b34da6\n';
  const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
  const blob = Object.assign(new Blob(Array.from({ length: 256 }, () => chunk)), { name: 'bench.log' });
  const mb = blob.size / 1024 / 1024;

  let t = performance.now();
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    decoder.decode(value, { stream: true });
  }
  const floorMs = performance.now() - t;

  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  t = performance.now();
  const result = await readTextUpload(blob, () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const ms = performance.now() - t;
  return [
    `| readTextUpload (head/tail, line and UTF-8 counting) | ${mb.toFixed(0)} MB | ${(mb / (ms / 1000)).toFixed(0)} MB/s | ${((peak - heapBefore) / 1024 / 1024).toFixed(1)} MB | ${result.text.length.toLocaleString('en-US')} chars kept |`,
    `| baseline: stream + decode only | ${mb.toFixed(0)} MB | ${(mb / (floorMs / 1000)).toFixed(0)} MB/s | – | – |`,
  ];
}

const capture = await captureRows();
const upload = await uploadRows();
console.log(`## Evidence capture (site adapters) and upload

Command: \`npm run bench -- capture\` (${new Date().toISOString().slice(0, 10)}, headless Debian Chromium, median of ${RUNS} runs per page)

Capture time of \`capturePage\` (the code the \`capture\` unlisted script injects) on the largest fixture pages; target under 100 ms. Baseline: the generic extractor alone on the same page, same run.

| Page | DOM elements | Read as | Capture (adapter) | Baseline: generic extractor |
|---|---|---|---|---|
${capture.join('\n')}

Upload: streaming a text file in chunks, keeping only its head and tail (Node ${process.version}, same code as the side panel).

| Reader | Size | Throughput | Extra heap at peak | Kept |
|---|---|---|---|---|
${upload.join('\n')}
`);
