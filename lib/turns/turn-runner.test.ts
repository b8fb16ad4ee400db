import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { TurnEvent } from '@/lib/messaging/protocol';
import { TURN_REQUEST_TYPES } from '@/lib/messaging/protocol';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import type { ProviderInput } from '@/lib/messaging/protocol';
import { saveProvider } from '@/lib/settings/provider-service';
import { createLlmServices, type LlmServices } from '@/lib/llm/llm-services';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { importRanks } from '@/lib/llm/tokens/node-rank-loader';
import type { FallbackChainOptions } from '@/lib/llm/fallback/fallback-chain';
import { TurnRunner } from './turn-runner';

let llm: LlmServer;
let db: FaultMavenDB;
let caseId: string;
let events: TurnEvent[];
let services: LlmServices;
let clock: number;

beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});
beforeEach(async () => {
  db = createTestDb();
  caseId = (await createCase(db, { title: 'checkout 5xx', severity: 'sev1' })).id;
  events = [];
  services = createLlmServices(db, { rankLoader: importRanks, pbkdf2Iterations: 1000 });
  clock = Date.now();
});
afterEach(async () => {
  await db.delete();
});

/** Providers stored as the options page stores them; the runner resolves the real chain per turn. */
async function runnerWith(providers: Partial<ProviderInput>[], options: FallbackChainOptions = {}) {
  for (const p of providers) {
    await saveProvider(db, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: 'scripted/default', apiKey: 'k', ...p }, services.vault);
  }
  // A fake clock: backoff and Retry-After cost no real time in tests.
  const timing = { now: () => clock, sleep: async (ms: number) => void (clock += ms), ...options };
  const r = new TurnRunner(db, () => resolveChain(db, services, timing), services.tokens);
  r.subscribe((e) => events.push(e));
  return r;
}

function runner(model = 'scripted/default') {
  const r = new TurnRunner(db, async () => {
    if ((await db.providers.count()) === 0) await saveProvider(db, { label: 'Scripted', baseUrl: llm.openaiBaseUrl, model, apiKey: 'k' });
    return resolveChain(db, services, { now: () => clock, sleep: async (ms: number) => void (clock += ms) });
  }, services.tokens);
  r.subscribe((e) => events.push(e));
  return r;
}

const messages = () => db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).toArray();

describe('turn runner', () => {
  it('handles every turn request type of the protocol', async () => {
    const r = runner();
    for (const type of TURN_REQUEST_TYPES) {
      const request = type === 'send' ? { type, caseId, text: 'q' } : { type, assistantMessageId: 'missing' };
      await r.handle(request as never).catch((error: { code?: string }) => expect(error.code).not.toBe('unknown-command'));
    }
  });

  it('streams an answer, persists it with usage and provider, and emits events in order', async () => {
    await addEvidence(db, { caseId, kind: 'note', title: 'alert', text: 'CheckoutHighErrorRate firing', provenance: { extractor: 'manual', source: 'sidepanel' } });
    await runner().handle({ type: 'send', caseId, text: 'what is failing?' });
    const [user, answer] = await messages();
    expect(user).toMatchObject({ role: 'user', content: 'what is failing?' });
    expect(answer).toMatchObject({ role: 'assistant', status: 'complete', provider: 'Scripted', model: 'scripted/default' });
    expect(answer!.content).toMatch(/^## Likely cause/);
    expect(answer!.usage?.outputTokens).toBeGreaterThan(0);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('turn-start');
    expect(types.at(-1)).toBe('finish');
    const deltas = events.filter((e): e is Extract<TurnEvent, { type: 'text-delta' }> => e.type === 'text-delta');
    expect(deltas.map((d) => d.delta).join('')).toBe(answer!.content);
    deltas.reduce((offset, d) => (expect(d.offset).toBe(offset), offset + d.delta.length), 0);
    const sent = llm.requests.at(-1)!.body as { messages: { content: string }[] };
    expect(sent.messages[1]!.content).toContain('CheckoutHighErrorRate firing');
  });

  it('keeps partial text of a cut stream as an interrupted answer, then retries it in place', async () => {
    const r = runner('scripted/cut-stream');
    await r.handle({ type: 'send', caseId, text: 'q' });
    let [, answer] = await messages();
    expect(answer!.status).toBe('interrupted');
    expect(answer!.content.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'error', assistantMessageId: answer!.id });

    llm.addScenario('cut-stream', { replies: [{ text: 'Full answer.', repeat: true }] });
    await r.handle({ type: 'retry', assistantMessageId: answer!.id });
    const all = await messages();
    expect(all).toHaveLength(2);
    [, answer] = all;
    expect(answer).toMatchObject({ status: 'complete', content: 'Full answer.', attempt: 2 });
  });

  it('records a provider error on the answer, keeping the question', async () => {
    await runner('scripted/server-error').handle({ type: 'send', caseId, text: 'q' });
    const [user, answer] = await messages();
    expect(user!.content).toBe('q');
    expect(answer).toMatchObject({ status: 'error', content: '' });
    expect(answer!.error).toMatch(/HTTP 500/);
  });

  it('stops an answer on request and marks it retryable', async () => {
    const r = runner('scripted/slow-stream');
    const turn = r.handle({ type: 'send', caseId, text: 'q' });
    await expect.poll(() => events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    const start = events.find((e) => e.type === 'turn-start') as Extract<TurnEvent, { type: 'turn-start' }>;
    await r.handle({ type: 'abort', assistantMessageId: start.assistantMessageId });
    await turn;
    const [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'interrupted', error: 'Stopped. Retry to get a full answer.' });
    expect(r.liveIds().size).toBe(0);
  });

  it('rejects requests that cannot start, without touching the database', async () => {
    await expect(runner().handle({ type: 'send', caseId: 'nope', text: 'q' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(runner().handle({ type: 'retry', assistantMessageId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    expect(await db.messages.count()).toBe(0);
  });

  it('fails over on 429 before the first token and records who answered and why', async () => {
    llm.addScenario('turn-429', { replies: [{ fault: 'rate-limit', retryAfter: 30, repeat: true }] });
    const startClock = clock;
    const r = await runnerWith([
      { label: 'Primary', model: 'scripted/turn-429' },
      { label: 'Backup', model: 'scripted/default' },
    ]);
    await r.handle({ type: 'send', caseId, text: 'why 502?' });
    const [user, answer] = await messages();
    expect(user).toMatchObject({ role: 'user', content: 'why 502?' });
    expect(answer).toMatchObject({ status: 'complete', provider: 'Backup', model: 'scripted/default' });
    expect(answer!.fallbacks).toEqual([expect.objectContaining({ from: 'Primary', to: 'Backup', reason: 'rate-limit', detail: expect.stringMatching(/HTTP 429/) })]);
    expect(events[0]).toMatchObject({ type: 'turn-start', provider: 'Primary' });
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({ note: { from: 'Primary', to: 'Backup' } });
    expect(clock).toBe(startClock); // failing over slept not at all (Retry-After is 30 s)
  });

  it('fails over when the stream is cut before the first token', async () => {
    llm.addScenario('turn-cut-early', { replies: [{ fault: 'cut-stream', cutAfterChunks: 0, text: 'lost', repeat: true }] });
    const r = await runnerWith([{ label: 'Cut', model: 'scripted/turn-cut-early' }, { label: 'Backup', model: 'scripted/default', kind: 'anthropic', baseUrl: llm.anthropicBaseUrl }]);
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'complete', provider: 'Backup' });
    expect(answer!.fallbacks![0]).toMatchObject({ from: 'Cut', reason: 'stream-cut' });
  });

  it('after the first token, reports a cut instead of answering twice, and retries in place', async () => {
    llm.addScenario('turn-cut-late', { replies: [{ fault: 'cut-stream', cutAfterChunks: 3, chunkChars: 8, text: 'The deploy at 14:02 broke the retry logic', repeat: true }] });
    const r = await runnerWith([{ label: 'Cut', model: 'scripted/turn-cut-late' }, { label: 'Backup', model: 'scripted/default' }]);
    const before = llm.requests.length;
    await r.handle({ type: 'send', caseId, text: 'q' });
    let [user, answer] = await messages();
    expect(user!.content).toBe('q');
    expect(answer).toMatchObject({ status: 'interrupted', provider: 'Cut', errorCode: 'provider-error' });
    expect(answer!.error).toMatch(/Retry writes it again in place/);
    expect(answer!.content.length).toBeGreaterThan(0);
    expect(llm.requests.length - before).toBe(1); // the backup was not asked behind the user's back

    await r.handle({ type: 'retry', assistantMessageId: answer!.id });
    const all = await messages();
    expect(all).toHaveLength(2);
    [user, answer] = all;
    // The primary's circuit is not open after one failure; it is cooling down, so the backup answers.
    expect(answer).toMatchObject({ status: 'complete', attempt: 2, provider: 'Backup' });
  });

  it('a garbled stream mid-answer is reported and the question kept', async () => {
    // Turns ask for structured output, whose streamed `answer` is what the user sees.
    llm.addScenario('garbled-answer', {
      replies: [{ fault: 'malformed-json', cutAfterChunks: 2, chunkChars: 16, json: { answer: 'The disk on db-1 is full because WAL archiving stalled.' }, repeat: true }],
    });
    const r = await runnerWith([{ label: 'Garbled', model: 'scripted/garbled-answer' }]);
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [user, answer] = await messages();
    expect(user!.content).toBe('q');
    expect(answer).toMatchObject({ status: 'interrupted' });
    expect(answer!.error).toMatch(/could not be read/);
  });

  it('fails over on a timeout', async () => {
    const r = await runnerWith([{ label: 'Hung', model: 'scripted/timeout' }, { label: 'Backup', model: 'scripted/default' }], { idleTimeoutMs: 300 });
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'complete', provider: 'Backup' });
    expect(answer!.fallbacks![0]).toMatchObject({ from: 'Hung', reason: 'timeout' });
  });

  it('opens the circuit after a 500 storm and then skips the failing provider', async () => {
    llm.addScenario('turn-storm', { replies: [{ fault: 'server-error', repeat: true }] });
    const r = await runnerWith([{ label: 'Stormy', model: 'scripted/turn-storm' }, { label: 'Backup', model: 'scripted/default' }]);
    for (let i = 0; i < 3; i++) {
      await r.handle({ type: 'send', caseId, text: `q${i}` });
      clock += 5_000;
    }
    const stormHits = () => llm.requests.filter((q) => (q.body as { model: string }).model === 'scripted/turn-storm').length;
    const before = stormHits();
    await r.handle({ type: 'send', caseId, text: 'q3' });
    expect(stormHits()).toBe(before);
    const last = (await messages()).at(-1)!;
    expect(last).toMatchObject({ status: 'complete', provider: 'Backup' });
    expect(last.fallbacks![0]).toMatchObject({ from: 'Stormy', reason: 'circuit-open' });
    expect((await messages()).filter((m) => m.role === 'user')).toHaveLength(4);
  });

  it('estimates the cost of an answer from the model price table', async () => {
    const r = await runnerWith([{ label: 'OpenAI', kind: 'openai', model: 'gpt-4o-mini' }]);
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [, answer] = await messages();
    const { inputTokens, outputTokens } = answer!.usage!;
    expect(answer!.costUsd).toBeCloseTo((inputTokens * 0.15 + outputTokens * 0.6) / 1e6, 10);
  });

  it('a locked key is a clear error, never a silent failure; unlocking and retrying answers', async () => {
    const r = await runnerWith([{ label: 'Secret', model: 'scripted/default' }]);
    await services.vault.enable('correct horse battery');
    await services.vault.lock();
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [user, first] = await messages();
    let answer = first;
    expect(user!.content).toBe('q');
    expect(answer).toMatchObject({ status: 'error', errorCode: 'locked' });
    expect(answer!.error).toMatch(/API keys are locked/);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'locked' } });

    await services.vault.unlock('correct horse battery');
    await r.handle({ type: 'retry', assistantMessageId: answer!.id });
    [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'complete', attempt: 2 });
    expect((llm.requests.at(-1)!.headers as Record<string, string>).authorization).toBe('<redacted>');
  });

  it('skips a locked provider for a keyless local one, and says so', async () => {
    const r = await runnerWith([{ label: 'Cloud', model: 'scripted/default' }, { label: 'Local', model: 'scripted/default', apiKey: '' }]);
    await services.vault.enable('correct horse battery');
    await services.vault.lock();
    await r.handle({ type: 'send', caseId, text: 'q' });
    const [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'complete', provider: 'Local' });
    expect(answer!.fallbacks![0]).toMatchObject({ from: 'Cloud', reason: 'locked' });
  });
});
