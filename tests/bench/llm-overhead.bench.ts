// What the extension adds to an LLM turn, measured in real Chromium with the e2e build against
// the scripted LLM server:
//  1. send → request: from the click on "Send" in the side panel to the provider receiving the
//     HTTP request (the user message is persisted, the prompt built, the chain resolved first);
//  2. token → paint: from a token leaving the provider to the frame that shows it in the panel
//     (service worker SSE parsing, the chain, the port to the page, zustand, React, Markdown);
//  3. 429 fallback: the extra time until the backup provider receives the request when the
//     first provider answers 429.
// Baseline in the same run and the same extension page: a raw fetch() straight to the server
// (1), and that fetch's stream read and appended to a DOM node (2); for (3), the backup as the
// first provider. Timestamps on both sides are epoch ms (performance.timeOrigin + now()).
// A small HTTP proxy in front of the scripted server stamps request arrival and chunk writes.
// Run: npm run bench -- llm-overhead   (LLM_BENCH_RUNS=40 by default; builds the e2e extension if missing)
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ScenarioInput } from '../llm-server/server';
import { EXT_DIR, launchWithExtension, newProfileDir, serviceWorker } from '../e2e/chromium';
import type { ProxyCommand, ProxyMessage } from './support/stamping-proxy';

const RUNS = Number(process.env.LLM_BENCH_RUNS ?? 40);
const TOKENS = 30;
const CHUNK_DELAY_MS = 40;

// ---- scripted server and stamping proxy, in a child process ---------------------------------

interface Arrival {
  marker: string;
  at: number;
  model: string;
}
const arrivals: Arrival[] = [];
const arrivalWaiters: (() => void)[] = [];
let tokenWrites = new Map<number, number>();

function startProxy(): Promise<{ url: string; child: ChildProcess; scenario: (name: string, scenario: ScenarioInput) => void }> {
  const child = fork(path.join(import.meta.dirname, 'support/stamping-proxy.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('message', (message: ProxyMessage) => {
      if (message.type === 'ready') {
        resolve({ url: message.url, child, scenario: (name, scenario) => child.send({ type: 'scenario', name, scenario } satisfies ProxyCommand) });
      } else if (message.type === 'arrival') {
        arrivals.push(message);
        for (const wake of arrivalWaiters.splice(0)) wake();
      } else if (message.type === 'token' && !tokenWrites.has(message.k)) {
        tokenWrites.set(message.k, message.at);
      }
    });
  });
}

/** Resolves on the proxy's message, without polling the browser meanwhile. */
async function arrivalOf(marker: string, model?: string): Promise<Arrival> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = arrivals.find((a) => a.marker === marker && (!model || a.model === model));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for request ${marker}`);
    await new Promise<void>((wake) => {
      arrivalWaiters.push(wake);
      setTimeout(wake, 1000);
    });
  }
}

// ---- in-page instrumentation ---------------------------------------------------------------

interface BenchState {
  sendAt: number;
  paints: Map<number, number>;
  target: 'panel' | 'baseline';
  /** Index of the assistant answer being measured. */
  index: number;
}
type BenchWindow = Window & { __bench: BenchState };

/**
 * Stamps the click on Send, and the frame in which each `tokNNN` first shows in the measured
 * answer (or the baseline node): rAF runs just before the frame is painted, and a message
 * posted from it runs right after, so that is taken as the paint time.
 */
async function instrument(page: Page) {
  // tsx keeps function names with an `__name` helper that does not exist inside the page.
  await page.evaluate('globalThis.__name = (fn) => fn');
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.__bench = { sendAt: 0, paints: new Map(), target: 'panel', index: 0 };
    const stamp = () => performance.timeOrigin + performance.now();
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as HTMLElement).closest('button')?.textContent?.trim() === 'Send') w.__bench.sendAt = stamp();
      },
      true,
    );
    const observer = new MutationObserver(() => {
      const bench = w.__bench;
      // Only the answer being measured: earlier answers contain the same markers.
      const node = bench.target === 'baseline' ? document.getElementById('bench-baseline') : document.querySelectorAll('[data-role="assistant"]')[bench.index];
      const fresh: number[] = [];
      for (const m of (node?.textContent ?? '').matchAll(/tok(\d{3})/g)) {
        const k = Number(m[1]);
        if (!bench.paints.has(k)) {
          bench.paints.set(k, -1);
          fresh.push(k);
        }
      }
      if (fresh.length === 0) return;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const at = stamp();
          for (const k of fresh) bench.paints.set(k, at);
        };
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const resetPage = (page: Page, target: 'panel' | 'baseline', index = 0) =>
  page.evaluate(
    ([t, i]) => {
      (window as unknown as BenchWindow).__bench = { ...(window as unknown as BenchWindow).__bench, paints: new Map(), target: t, index: i, sendAt: 0 };
    },
    [target, index] as const,
  );

const readPage = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    return { sendAt: b.sendAt, paints: [...b.paints.entries()] };
  });

/** Resolves inside the page once every token of the measured answer has been painted. */
async function allPainted(page: Page, answerIndex: number | null) {
  const outcome = await page.waitForFunction(
    ([i, tokens]) => {
      const b = (window as unknown as BenchWindow).__bench;
      const status = i === null ? 'complete' : document.querySelectorAll('[data-role="assistant"]')[i]?.getAttribute('data-status');
      if (status === 'error' || status === 'interrupted') return `answer ${status}: ${document.querySelectorAll('[data-role="assistant"]')[i!]?.textContent}`;
      return status === 'complete' && b.paints.size >= tokens && [...b.paints.values()].every((at) => at > 0) ? 'ok' : false;
    },
    [answerIndex, TOKENS] as const,
    { polling: 100, timeout: 20_000 },
  );
  const result = await outcome.jsonValue();
  if (result !== 'ok') throw new Error(String(result));
}

async function command(page: Page, name: string, payload: unknown): Promise<{ id: string } & Record<string, unknown>> {
  const reply = await page.evaluate(([n, p]) => chrome.runtime.sendMessage({ fm: 'command', name: n, payload: p }), [name, payload] as const);
  if (!reply?.ok) throw new Error(`${name} failed: ${JSON.stringify(reply)}`);
  return reply.value;
}

function tokenLatencies(paints: [number, number][]): number[] {
  return paints.flatMap(([k, at]) => {
    const wrote = tokenWrites.get(k);
    return wrote !== undefined && at > 0 ? [at - wrote] : [];
  });
}

// ---- the runs ------------------------------------------------------------------------------

async function newCase(panel: Page, title: string) {
  const kase = await command(panel, 'case/create', { title, severity: 'sev2' });
  await command(panel, 'case/set-active', { caseId: kase.id });
  await panel.getByTestId('case-title').filter({ hasText: title }).waitFor();
}

async function extensionTurn(panel: Page, marker: string, model: string) {
  const count = await panel.locator('[data-role="assistant"]').count();
  await resetPage(panel, 'panel', count);
  tokenWrites = new Map();
  await panel.getByLabel('Message').fill(`${marker}: what is failing?`);
  await panel.getByRole('button', { name: 'Send' }).click();
  const arrival = await arrivalOf(marker, model);
  await allPainted(panel, count);
  const { sendAt, paints } = await readPage(panel);
  return { send: arrival.at - sendAt, tokens: tokenLatencies(paints) };
}

async function baselineTurn(panel: Page, marker: string, base: string) {
  await resetPage(panel, 'baseline');
  tokenWrites = new Map();
  const startedAt = await panel.evaluate(
    async ([url, m]) => {
      let node = document.getElementById('bench-baseline');
      if (!node) {
        node = document.createElement('div');
        node.id = 'bench-baseline';
        document.body.append(node);
      }
      node.textContent = '';
      const started = performance.timeOrigin + performance.now();
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify({ model: 'scripted/bench-tokens', stream: true, messages: [{ role: 'user', content: `${m}: what is failing?` }] }),
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames) {
          const data = frame.replace(/^data: /, '');
          if (data === '[DONE]') continue;
          const text = JSON.parse(data).choices?.[0]?.delta?.content;
          if (text) node.append(text);
        }
      }
      return started;
    },
    [base, marker] as const,
  );
  const arrival = await arrivalOf(marker);
  await allPainted(panel, null);
  return { send: arrival.at - startedAt, tokens: tokenLatencies((await readPage(panel)).paints) };
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
  const proxy = await startProxy();
  const chunks = Array.from({ length: TOKENS }, (_, i) => `tok${String(i + 1).padStart(3, '0')} `);
  proxy.scenario('bench-tokens', { replies: [{ chunks, chunkDelayMs: CHUNK_DELAY_MS, repeat: true }] });
  proxy.scenario('bench-429', { replies: [{ fault: 'rate-limit', retryAfter: 0, repeat: true }] });
  const profile = newProfileDir();
  const context = await launchWithExtension(profile);
  try {
    const id = new URL((await serviceWorker(context)).url()).host;
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${id}/sidepanel.html`);
    await panel.bringToFront();
    await instrument(panel);
    const backup = await command(panel, 'providers/save', { kind: 'custom', label: 'Bench', baseUrl: `${proxy.url}/v1`, model: 'scripted/bench-tokens', apiKey: 'k' });

    const ext = { send: [] as number[], tokens: [] as number[] };
    const base = { send: [] as number[], tokens: [] as number[] };
    // Warm-up (not counted): first worker wake-up, first SDK client, first React render.
    await newCase(panel, 'bench warm-up');
    await extensionTurn(panel, 'run-0', 'scripted/bench-tokens');
    await baselineTurn(panel, 'baseline-0', proxy.url);
    for (let i = 1; i <= RUNS; i++) {
      // A fresh case every 10 turns keeps the history (and prompt) at a realistic size.
      if (i % 10 === 1) await newCase(panel, `bench case ${i}`);
      const e = await extensionTurn(panel, `run-${i}`, 'scripted/bench-tokens');
      ext.send.push(e.send);
      ext.tokens.push(...e.tokens);
      const b = await baselineTurn(panel, `baseline-${i}`, proxy.url);
      base.send.push(b.send);
      base.tokens.push(...b.tokens);
    }

    // 429 fallback: the backup's request time when a 429-ing provider comes first, against the
    // backup alone first. The limited provider is saved again before each turn, which resets
    // its health, so every turn really meets the 429 instead of skipping a cooling provider.
    const fallbackRuns = Math.max(10, Math.floor(RUNS / 2));
    const primaryOnly: number[] = [];
    const withFallback: number[] = [];
    await newCase(panel, 'bench fallback baseline');
    for (let i = 1; i <= fallbackRuns; i++) primaryOnly.push((await extensionTurn(panel, `primary-${i}`, 'scripted/bench-tokens')).send);
    const limited = await command(panel, 'providers/save', { kind: 'custom', label: 'Limited', baseUrl: `${proxy.url}/v1`, model: 'scripted/bench-429', apiKey: 'k' });
    await command(panel, 'providers/reorder', { ids: [limited.id, backup.id] });
    await newCase(panel, 'bench fallback');
    for (let i = 1; i <= fallbackRuns; i++) {
      await command(panel, 'providers/save', { ...limited, apiKey: '' });
      withFallback.push((await extensionTurn(panel, `fallback-${i}`, 'scripted/bench-tokens')).send);
    }

    const version = context.browser()?.version() ?? 'Chromium';
    const rows = [
      ['send → provider receives the request', stats(ext.send), stats(base.send), 50],
      ['token arrives → painted in the panel', stats(ext.tokens), stats(base.tokens), 16],
      ['429 on the first provider → backup receives the request', stats(withFallback), stats(primaryOnly), 1000],
    ] as const;
    console.log(`## LLM turn overhead (lib/llm, lib/turns, side panel)

Command: \`npm run bench -- llm-overhead\` (${version} headless, e2e build, ${RUNS} turns of ${TOKENS} tokens ${CHUNK_DELAY_MS} ms apart,
Node ${process.version}). Timestamps: click on Send and frame paint in the side panel page; request arrival and chunk
write in a stamping proxy in front of the scripted server.

| path | extension p50 / p95 ms | baseline p50 / p95 ms | added p50 / p95 ms | target (added, p95) | samples |
|---|---|---|---|---|---|
${rows
  .map(
    ([name, e, b, target]) =>
      `| ${name} | ${ms(e.p50)} / ${ms(e.p95)} | ${ms(b.p50)} / ${ms(b.p95)} | ${ms(e.p50 - b.p50)} / ${ms(e.p95 - b.p95)} | < ${target} ${e.p95 - b.p95 < target ? '✓' : '✗'} | ${e.n} / ${b.n} |`,
  )
  .join('\n')}

Baselines, measured in the same run: a raw \`fetch()\` from the same extension page straight to the server (send, and
its stream appended to a DOM node for paint); for the fallback row, the same turn with the backup as the only provider.`);
  } finally {
    await context.close();
    proxy.child.send({ type: 'stop' } satisfies ProxyCommand);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
