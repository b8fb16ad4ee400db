// The vector scan of lib/kb measured inside headless Chromium (Debian's /usr/bin/chromium via
// playwright-core), in an ordinary page: the same bundled FlatVectorStore code, random unit
// vectors generated in the page. Used by kb-search.bench.ts; returns Markdown table rows.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function chromiumVectorRows(sizes: number[], dim: number, queries: number): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) return [`| – | Chromium not found at ${CHROMIUM}; skipped | | | |`];
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../lib/kb/flat-vector-store.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'kb',
    write: false,
    platform: 'browser',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>kb bench</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const rows: string[] = [];
    for (const size of sizes) {
      for (const precision of ['f32', 'int8'] as const) {
        // A string, not a function: tsx would inject its __name helper into a function's source.
        const r = (await page.evaluate(`(() => {
          const size = ${size}, dim = ${dim}, queries = ${queries};
          const unit = () => {
            const v = new Float32Array(dim);
            let n = 0;
            for (let i = 0; i < dim; i++) { v[i] = Math.random() * 2 - 1; n += v[i] * v[i]; }
            n = Math.sqrt(n);
            for (let i = 0; i < dim; i++) v[i] /= n;
            return v;
          };
          const store = new kb.FlatVectorStore(dim, '${precision}', size);
          for (let s = 0; s < size; s++) store.set(s, unit());
          const qs = Array.from({ length: queries }, unit);
          for (let i = 0; i < 10; i++) store.search(qs[i % queries], 10);
          const t = [];
          for (const q of qs) { const start = performance.now(); store.search(q, 10); t.push(performance.now() - start); }
          t.sort((a, b) => a - b);
          return { p50: t[Math.floor(t.length / 2)], p95: t[Math.floor(t.length * 0.95)], bytes: store.byteLength / size };
        })()`)) as { p50: number; p95: number; bytes: number };
        rows.push(`| ${size.toLocaleString('en')} | Chromium page: vector scan, ${precision} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.bytes.toFixed(0)} B vectors |`);
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}
