import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { scenarioReply } from '@/tests/llm-server/test-support';
import { collect, endingError, textOf } from '@/tests/support/model-stream';
import { createOpenAICompatibleModel } from '../openai-compatible';
import { createAnthropicModel } from '../anthropic';
import { ProviderError } from '../model';
import { FallbackChain, type ChainEvent, type ChainLink, type FallbackChainOptions } from './fallback-chain';
import { ProviderHealthRegistry } from './provider-health';

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});

/** A fake clock: sleeping advances it, so backoff and Retry-After cost no real time. */
let clock: number;
let sleeps: number[];
beforeEach(() => {
  clock = 1_000_000;
  sleeps = [];
  llm.resetCursors();
});
const timing: FallbackChainOptions = {
  now: () => clock,
  sleep: async (ms) => {
    sleeps.push(ms);
    clock += ms;
  },
  backoff: { baseMs: 250, maxMs: 4000, jitter: 0 },
};

function openai(id: string, scenario: string, label = id): ChainLink {
  return { id, model: createOpenAICompatibleModel({ label, baseUrl: llm.openaiBaseUrl, apiKey: 'k', model: `scripted/${scenario}` }) };
}
function anthropic(id: string, scenario: string, label = id): ChainLink {
  return { id, model: createAnthropicModel({ label, baseUrl: llm.anthropicBaseUrl, apiKey: 'k', model: `scripted/${scenario}` }) };
}
const ask = { messages: [{ role: 'user' as const, content: 'what is failing?' }] };
const hits = (scenario: string) => llm.requests.filter((r) => (r.body as { model?: string }).model === `scripted/${scenario}`).length;
const notes = (events: ChainEvent[]) => events.flatMap((e) => (e.type === 'fallback' ? [e.note] : []));
const providers = (events: ChainEvent[]) => events.flatMap((e) => (e.type === 'provider' ? [e.provider] : []));

describe('fallback chain (real SDKs against the scripted server)', () => {
  it('fails over on 429 at once, without waiting out Retry-After, and says why', async () => {
    llm.addScenario('limited-a', { replies: [{ fault: 'rate-limit', retryAfter: 5, repeat: true }] });
    const chain = new FallbackChain([openai('a', 'limited-a', 'Primary'), anthropic('b', 'default', 'Backup')], timing);
    const started = performance.now();
    const events = await collect(chain.stream(ask));
    const elapsed = performance.now() - started;

    expect(textOf(events)).toBe(scenarioReply('default').text);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(providers(events)).toEqual(['Primary', 'Backup']);
    expect(notes(events)).toEqual([
      expect.objectContaining({ from: 'Primary', to: 'Backup', toModel: 'scripted/default', reason: 'rate-limit', detail: expect.stringMatching(/HTTP 429/) }),
    ]);
    // The fallback itself added no sleep: only the 429 round trip.
    expect(sleeps).toEqual([]);
    expect(elapsed).toBeLessThan(1000);
  });

  it('remembers Retry-After: the next turn skips the limited provider without calling it', async () => {
    llm.addScenario('limited-b', { replies: [{ fault: 'rate-limit', retryAfter: 5, repeat: true }] });
    const chain = new FallbackChain([openai('a', 'limited-b', 'Primary'), openai('b', 'default', 'Backup')], timing);
    await collect(chain.stream(ask));
    const before = hits('limited-b');
    const events = await collect(chain.stream(ask));
    expect(hits('limited-b')).toBe(before);
    expect(notes(events)[0]).toMatchObject({ from: 'Primary', reason: 'rate-limit' });
    expect(providers(events)).toEqual(['Backup']);
    // Once Retry-After has passed, the primary is asked again.
    clock += 5_000;
    await collect(chain.stream(ask));
    expect(hits('limited-b')).toBe(before + 1);
  });

  it('with a single provider, honours Retry-After and then answers', async () => {
    const chain = new FallbackChain([openai('a', 'rate-limit-then-ok', 'Only')], timing);
    const events = await collect(chain.stream(ask));
    expect(sleeps).toEqual([1000]);
    expect(textOf(events)).toBe(scenarioReply('rate-limit-then-ok', 1).text);
    expect(events.some((e) => e.type === 'warning' && /retrying in 1\.0 s/.test(e.message))).toBe(true);
  });

  it('opens the circuit after a 500 storm, skips the provider, and tries it again after the pause', async () => {
    llm.addScenario('storm', { replies: [{ fault: 'server-error', repeat: true }] });
    const health = new ProviderHealthRegistry({ failureThreshold: 3, openMs: 30_000 });
    const chain = new FallbackChain([openai('a', 'storm', 'Stormy'), openai('b', 'default', 'Steady')], { ...timing, health });
    for (let turn = 0; turn < 3; turn++) {
      const events = await collect(chain.stream(ask));
      expect(events.at(-1)).toMatchObject({ type: 'finish' });
      expect(notes(events)[0]).toMatchObject({ from: 'Stormy', reason: 'server' });
      clock += 1_000; // past the backoff, so the primary is due again
    }
    expect(hits('storm')).toBe(3);
    expect(health.get('a').breaker.state(clock)).toBe('open');

    const skipped = await collect(chain.stream(ask));
    expect(hits('storm')).toBe(3);
    expect(notes(skipped)[0]).toMatchObject({ from: 'Stormy', to: 'Steady', reason: 'circuit-open', detail: expect.stringMatching(/paused/) });
    expect(providers(skipped)).toEqual(['Steady']);

    clock += 30_000;
    await collect(chain.stream(ask));
    expect(hits('storm')).toBe(4); // one trial call in half-open state
    expect(health.get('a').breaker.state(clock)).toBe('open');
  });

  it('retries a lone failing provider with backoff, then reports its own error', async () => {
    llm.addScenario('storm-alone', { replies: [{ fault: 'server-error', repeat: true }] });
    const chain = new FallbackChain([openai('a', 'storm-alone', 'Only')], timing);
    const error = endingError(await collect(chain.stream(ask)));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(hits('storm-alone')).toBe(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('fails over on a timeout', async () => {
    const chain = new FallbackChain([openai('a', 'timeout', 'Hung'), openai('b', 'default', 'Backup')], { ...timing, idleTimeoutMs: 300 });
    const events = await collect(chain.stream(ask));
    expect(notes(events)[0]).toMatchObject({ from: 'Hung', reason: 'timeout' });
    expect(textOf(events)).toBe(scenarioReply('default').text);
  });

  it('fails over when the stream is cut before the first token', async () => {
    llm.addScenario('cut-early', { replies: [{ fault: 'cut-stream', cutAfterChunks: 0, text: 'never shown', repeat: true }] });
    const chain = new FallbackChain([anthropic('a', 'cut-early', 'Cut'), openai('b', 'default', 'Backup')], timing);
    const events = await collect(chain.stream(ask));
    expect(notes(events)[0]).toMatchObject({ from: 'Cut', reason: 'stream-cut' });
    expect(textOf(events)).toBe(scenarioReply('default').text);
  });

  it('reports a cut after the first token instead of starting over elsewhere', async () => {
    const chain = new FallbackChain([openai('a', 'cut-stream', 'Cut'), openai('b', 'default', 'Backup')], timing);
    const before = hits('default');
    const events = await collect(chain.stream(ask));
    expect(endingError(events).kind).toBe('stream-cut');
    expect(textOf(events).length).toBeGreaterThan(0);
    expect(scenarioReply('cut-stream').text!.startsWith(textOf(events))).toBe(true);
    expect(hits('default')).toBe(before);
    expect(providers(events)).toEqual(['Cut']);
  });

  it('buffered generate fails over when the response body breaks off halfway', async () => {
    const chain = new FallbackChain([openai('a', 'cut-stream', 'Cut'), anthropic('b', 'default', 'Backup')], timing);
    const result = await chain.generate(ask);
    expect(result).toMatchObject({ provider: 'Backup', text: scenarioReply('default').text, finishReason: 'stop' });
    // Half a JSON body, then a dropped connection: the SDK reports it as a connection error.
    expect(result.fallbacks[0]).toMatchObject({ from: 'Cut', reason: 'network' });
  });

  it('does not retry a rejected key, and explains every failure when nobody answers', async () => {
    llm.addScenario('denied-chain', { replies: [{ fault: 'auth', repeat: true }] });
    llm.addScenario('storm-b', { replies: [{ fault: 'server-error', repeat: true }] });
    const chain = new FallbackChain([openai('a', 'denied-chain', 'Wrong key'), openai('b', 'storm-b', 'Broken')], timing);
    const error = endingError(await collect(chain.stream(ask)));
    expect(hits('denied-chain')).toBe(1);
    expect(error.message).toMatch(/^No provider could answer\. Wrong key: Authentication failed.*HTTP 401.*; Broken: Provider error.*HTTP 500/);
  });

  it('skips a provider whose key is locked, and says so', async () => {
    const locked = new ProviderError('locked', 'The API key is locked');
    const chain = new FallbackChain([{ ...openai('a', 'default', 'Locked'), unavailable: locked }, openai('b', 'default', 'Open')], timing);
    const events = await collect(chain.stream(ask));
    expect(notes(events)).toEqual([expect.objectContaining({ from: 'Locked', to: 'Open', reason: 'locked' })]);
    const allLocked = new FallbackChain([{ ...openai('a', 'default', 'Locked'), unavailable: locked }], timing);
    expect(endingError(await collect(allLocked.stream(ask))).kind).toBe('locked');
  });

  it('skips a provider the prompt does not fit', async () => {
    const chain = new FallbackChain([openai('small', 'default', 'Small'), openai('big', 'default', 'Big')], {
      ...timing,
      checkFits: async (link) => (link.id === 'small' ? new ProviderError('context-too-long', 'The prompt does not fit') : undefined),
    });
    const result = await chain.generate(ask);
    expect(result.provider).toBe('Big');
    expect(result.fallbacks[0]).toMatchObject({ from: 'Small', reason: 'context-too-long' });
  });

  it('stops at once when aborted, without failing over', async () => {
    const controller = new AbortController();
    const chain = new FallbackChain([openai('a', 'slow-stream', 'Slow'), openai('b', 'default', 'Backup')], timing);
    setTimeout(() => controller.abort(), 300);
    const events = await collect(chain.stream(ask, controller.signal));
    expect(endingError(events).kind).toBe('aborted');
    expect(providers(events)).toEqual(['Slow']);
  });

  it('builds the request per provider when given a function', async () => {
    const chain = new FallbackChain([openai('a', 'default', 'A')], timing);
    const result = await chain.generate((model) => ({ ...ask, maxOutputTokens: model.provider === 'A' ? 42 : 1 }));
    expect(result.provider).toBe('A');
    expect(llm.requests.at(-1)!.body).toMatchObject({ max_tokens: 42 });
  });
});
