// Side panel responsiveness, in real Chromium with the e2e build (playwright-core, headless):
//  1. time to interactive: from navigation start to the first frame painted after the panel is
//     ready (`data-ready="true"` and the conversation or the welcome rendered), with 100 cases stored and an active
//     case of 20 messages (the conversation paints newest-first, the rest renders when idle: both
//     frames are reported); baseline: the same panel with no case at all (the welcome screen);
//  2. opening a case with 1,000 messages and 200 evidence items from the case switcher: from the
//     `change` event to the first frame painted with the case's title and its last message;
//     baseline: opening an empty case the same way;
//  3. JS heap of the side panel page after a forced GC, with the big case open against the same
//     page with the empty case open.
// Data is seeded straight into IndexedDB through the e2e background hook (`__fmTest.db`).
// Run: npm run bench -- sidepanel   (SIDEPANEL_BENCH_RUNS=15 by default; builds the e2e extension if missing)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { EXT_DIR, launchWithExtension, newProfileDir, serviceWorker } from '../e2e/chromium';

const RUNS = Number(process.env.SIDEPANEL_BENCH_RUNS ?? 15);
const STORED_CASES = 100;
const BIG_MESSAGES = 1_000;
const BIG_EVIDENCE = 200;

// ---- seed data -----------------------------------------------------------------------------

/** A realistic answer: headings, a list, a code block, a table, a citation. */
function answer(i: number): string {
  return `## Likely cause ${i}

The 5xx rate on **checkout** rose at 14:05 [E${(i % 20) + 1}], right after the deploy of \`payments-api\` v2.${i}.

- Connection pool saturation on \`payments-db\` (active = max for 6 minutes)
- Retries amplify the load: each request retries 3 times

\`\`\`bash
kubectl -n shop logs deploy/payments-api --since=15m | grep -c "pool exhausted"
kubectl -n shop rollout history deploy/payments-api
\`\`\`

| signal | before | after |
|---|---|---|
| p99 latency | 220 ms | 910 ms |
| error rate | 0.1 % | 4.2 % |

Next: compare the pool settings of v2.${i} with the previous release.`;
}

function question(i: number): string {
  return `Turn ${i}: the checkout error rate is still above 4% after the rollback of payments-api — what should I check next?`;
}

function pageText(i: number): string {
  const rows = Array.from({ length: 40 }, (_, r) => `| checkout-${i}-${r} | ${(r * 37) % 100} | ${r % 7 === 0 ? 'OOMKilled' : 'Running'} |`).join('\n');
  return `# Checkout overview ${i}\n\nAlert: CheckoutHighErrorRate firing since 14:05 UTC\n\n| pod | restarts | state |\n|---|---|---|\n${rows}\n`;
}

interface Seed {
  cases: object[];
  messages: object[];
  evidence: object[];
}

function seedData(): { seed: Seed; bigCaseId: string; emptyCaseId: string; smallCaseId: string } {
  const now = Date.now();
  const cases: object[] = [];
  const messages: object[] = [];
  const evidence: object[] = [];
  const kase = (id: string, title: string, at: number) =>
    cases.push({ id, title, severity: 'sev2', status: 'open', phase: 'HYPOTHESIS', createdAt: at, updatedAt: at });
  const conversation = (caseId: string, count: number, start: number) => {
    for (let i = 0; i < count; i++) {
      const user = i % 2 === 0;
      messages.push({
        id: `${caseId}-m${String(i).padStart(5, '0')}`,
        caseId,
        role: user ? 'user' : 'assistant',
        content: user ? question(i) : answer(i),
        status: 'complete',
        createdAt: start + i * 1000,
        updatedAt: start + i * 1000,
        ...(user ? {} : { provider: 'Bench', model: 'scripted/default', usage: { inputTokens: 1200, outputTokens: 240 }, costUsd: 0.0003 }),
      });
    }
  };
  const items = (caseId: string, count: number, start: number) => {
    for (let i = 0; i < count; i++) {
      evidence.push({
        id: `${caseId}-e${i}`,
        caseId,
        kind: 'page',
        title: `Checkout overview ${i} · Grafana`,
        text: pageText(i),
        truncated: false,
        provenance: { url: `https://grafana.example.com/d/checkout?i=${i}`, pageTitle: `Checkout ${i}`, extractor: 'generic', capturedAt: start + i * 5000, source: 'sidepanel' },
        createdAt: start + i * 5000,
      });
    }
  };
  for (let c = 0; c < STORED_CASES; c++) {
    const id = `bench-case-${c}`;
    kase(id, `Incident ${c}: checkout 5xx after deploy`, now - (STORED_CASES - c) * 60_000);
    conversation(id, 20, now - 10_000_000 + c * 100_000);
    items(id, 5, now - 10_000_000 + c * 100_000);
  }
  kase('bench-big', 'Big case: 1,000 messages', now - 1_000);
  conversation('bench-big', BIG_MESSAGES, now - 5_000_000);
  items('bench-big', BIG_EVIDENCE, now - 5_000_000);
  kase('bench-empty', 'Empty case', now - 2_000);
  return { seed: { cases, messages, evidence }, bigCaseId: 'bench-big', emptyCaseId: 'bench-empty', smallCaseId: `bench-case-${STORED_CASES - 1}` };
}

async function seed(sw: Worker, data: Seed) {
  await sw.evaluate(async (d) => {
    const db = (globalThis as { __fmTest?: { db: { cases: { bulkPut(r: object[]): Promise<unknown> }; messages: { bulkPut(r: object[]): Promise<unknown> }; evidence: { bulkPut(r: object[]): Promise<unknown> } } } }).__fmTest!.db;
    await db.cases.bulkPut(d.cases);
    await db.messages.bulkPut(d.messages);
    await db.evidence.bulkPut(d.evidence);
  }, data);
}

async function setGlobalActive(sw: Worker, caseId: string | null) {
  await sw.evaluate(async (id) => {
    const db = (globalThis as { __fmTest?: { db: { settings: { put(r: object): Promise<unknown>; where(k: string): { startsWith(p: string): { delete(): Promise<number> } } } } } }).__fmTest!.db;
    await db.settings.put({ key: 'activeCaseId', value: id });
    await db.settings.where('key').startsWith('activeCaseId@window:').delete();
  }, caseId);
}

// ---- in-page measurement -------------------------------------------------------------------

/**
 * Installed before the page's own scripts: stamps (performance.now(), i.e. ms since navigation
 * start) the frame in which the panel first reports ready, and, once armed by a `change` on the
 * case switcher, the frame in which the chosen case shows its title and last message.
 */
const INSTRUMENT = `(() => {
  const b = (window.__bench = { ready: 0, settled: 0, switchAt: 0, switched: 0, want: null });
  const paintedAt = (done) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => done(performance.now()); ch.port2.postMessage(0); });
  document.addEventListener('change', (e) => { if (e.target && e.target.getAttribute && e.target.getAttribute('aria-label') === 'Switch case') b.switchAt = performance.now(); }, true);
  const check = () => {
    if (!b.ready && document.querySelector('[data-testid="side-panel"][data-ready="true"]') && document.querySelector('[data-testid="message-list"], [data-testid="welcome"]')) { b.ready = -1; paintedAt((t) => (b.ready = t)); }
    if (!b.settled && document.querySelector('[data-testid="message-list"][data-settled="true"], [data-testid="welcome"]')) { b.settled = -1; paintedAt((t) => (b.settled = t)); }
    if (b.want && b.switchAt && !b.switched) {
      const title = document.querySelector('[data-testid="case-title"]');
      const last = b.want.lastKey ? document.querySelector('[data-row-key="' + b.want.lastKey + '"]') : document.querySelector('[data-testid="side-panel"] main');
      if (title && title.textContent === b.want.title && last) { b.switched = -1; paintedAt((t) => (b.switched = t)); }
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

/** [first frame with the case, frame with the whole conversation rendered], ms since navigation start. */
async function loadPanel(page: Page, url: string): Promise<[number, number]> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench: { ready: number; settled: number } }).__bench;
      return b.ready > 0 && b.settled > 0 ? [b.ready, b.settled] : false;
    },
    null,
    { polling: 50, timeout: 30_000 },
  );
  return (await handle.jsonValue()) as [number, number];
}
const timeToInteractive = async (page: Page, url: string) => (await loadPanel(page, url))[0];

async function openFromSwitcher(page: Page, caseId: string, title: string, lastKey: string | null): Promise<number> {
  await page.evaluate((want) => {
    const b = (window as unknown as { __bench: Record<string, unknown> }).__bench;
    Object.assign(b, { want, switchAt: 0, switched: 0 });
  }, { title, lastKey });
  await page.getByLabel('Switch case').selectOption(caseId);
  const handle = await page
    .waitForFunction(
      () => {
        const b = (window as unknown as { __bench: { switched: number; switchAt: number } }).__bench;
        return b.switched > 0 ? b.switched - b.switchAt : false;
      },
      null,
      { polling: 50, timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      const seen = await page.evaluate(() => {
        const rows = [...document.querySelectorAll('[data-row-key]')].map((r) => r.getAttribute('data-row-key'));
        const list = document.querySelector('[data-testid="message-list"]');
        return { body: document.body.innerText.slice(0, 400), title: document.querySelector('[data-testid="case-title"]')?.textContent, rows: [rows[0], rows.at(-1), rows.length], scroll: list && [list.scrollTop, list.clientHeight, list.scrollHeight] };
      });
      throw new Error(`case did not open: ${JSON.stringify(seen)}`, { cause: error });
    });
  return (await handle.jsonValue()) as number;
}

async function heapUsedMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}
const ms = (v: number) => v.toFixed(1);

async function main() {
  if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
    console.error('Building the e2e extension first (npm run build:e2e, Chromium part)…');
    const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('e2e build failed');
  }
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  const profile = newProfileDir();
  const context = await launchWithExtension(profile);
  try {
    const sw = await serviceWorker(context);
    const id = new URL(sw.url()).host;
    const url = `chrome-extension://${id}/sidepanel.html`;
    const panel = await context.newPage();
    await panel.addInitScript(INSTRUMENT);
    panel.on('pageerror', (error) => console.error('side panel error:', error.message));
    const { seed: data, bigCaseId, emptyCaseId, smallCaseId } = seedData();

    // Warm-up (not counted): the worker's first start, the HTTP cache of the panel's scripts.
    await timeToInteractive(panel, url);
    const ttiEmpty: number[] = [];
    for (let i = 0; i < RUNS; i++) ttiEmpty.push(await timeToInteractive(panel, url));

    await seed(sw, data);
    await setGlobalActive(sw, smallCaseId);
    await timeToInteractive(panel, url);
    const ttiStored: number[] = [];
    const settledStored: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [ready, settled] = await loadPanel(panel, url);
      ttiStored.push(ready);
      settledStored.push(settled);
    }

    // Opening cases from the switcher: alternate the big and the empty case, each from the small one.
    const openBig: number[] = [];
    const openEmpty: number[] = [];
    const bigLast = `${bigCaseId}-m${String(BIG_MESSAGES - 1).padStart(5, '0')}`;
    let heapBig = 0;
    let heapEmpty = 0;
    let renderedRows = 0;
    for (let i = 0; i <= RUNS; i++) {
      await setGlobalActive(sw, smallCaseId);
      await timeToInteractive(panel, url);
      const big = await openFromSwitcher(panel, bigCaseId, 'Big case: 1,000 messages', bigLast);
      if (i === RUNS) {
        renderedRows = await panel.evaluate(() => document.querySelectorAll('[data-row-key]').length);
        heapBig = await heapUsedMb(context, panel);
      }
      await setGlobalActive(sw, smallCaseId);
      await timeToInteractive(panel, url);
      const empty = await openFromSwitcher(panel, emptyCaseId, 'Empty case', null);
      if (i === RUNS) heapEmpty = await heapUsedMb(context, panel);
      if (i === 0) continue; // warm-up
      openBig.push(big);
      openEmpty.push(empty);
    }
    const loadAfter = os.loadavg()[0]!.toFixed(2);

    const version = context.browser()?.version() ?? 'Chromium';
    const tE = stats(ttiEmpty);
    const tS = stats(ttiStored);
    const sS = stats(settledStored);
    const oB = stats(openBig);
    const oE = stats(openEmpty);
    console.log(`## Side panel (components/sidepanel, components/chat)

Command: \`npm run bench -- sidepanel\` (${version} headless, e2e build, ${RUNS} runs each after a warm-up, Node ${process.version};
load average ${loadBefore} before / ${loadAfter} after, 2 cores shared). Data seeded into IndexedDB through the e2e
background hook. Times are from the page's own clock to the first frame painted after the condition holds.

| measure | figure p50 / p95 | baseline p50 / p95 (same run) | target | samples |
|---|---|---|---|---|
| time to interactive, ${STORED_CASES} cases stored (active: 20 messages, 5 evidence) | ${ms(tS.p50)} / ${ms(tS.p95)} ms | ${ms(tE.p50)} / ${ms(tE.p95)} ms (no case, welcome) | < 300 ms ${tS.p95 < 300 ? '✓' : '✗'} | ${tS.n} / ${tE.n} |
| … until its 20 messages are all in the DOM (rendered when the browser is idle) | ${ms(sS.p50)} / ${ms(sS.p95)} ms | ${ms(tE.p50)} / ${ms(tE.p95)} ms (no case, welcome) | — | ${sS.n} / ${tE.n} |
| open a case with ${BIG_MESSAGES.toLocaleString('en-US')} messages and ${BIG_EVIDENCE} evidence items | ${ms(oB.p50)} / ${ms(oB.p95)} ms | ${ms(oE.p50)} / ${ms(oE.p95)} ms (empty case) | < 150 ms ${oB.p95 < 150 ? '✓' : '✗'} | ${oB.n} / ${oE.n} |
| JS heap of the panel, after GC | ${heapBig.toFixed(1)} MB (big case open) | ${heapEmpty.toFixed(1)} MB (empty case open) | — | 1 |

The big conversation is windowed: ${renderedRows} of its ${BIG_MESSAGES.toLocaleString('en-US')} messages were in the DOM once opened (the list renders
only the rows near the viewport once a conversation has 120 messages or more). Time to interactive
covers the database reads (window's active case, the case, its messages and evidence, providers) and React's first render.`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
