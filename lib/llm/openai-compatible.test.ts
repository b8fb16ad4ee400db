import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createOpenAICompatibleModel } from './openai-compatible';
import { ProviderError, type ModelStreamEvent } from './model';
import { testConnection } from './test-connection';

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});

function model(name: string, timeoutMs?: number) {
  return createOpenAICompatibleModel({ label: 'Scripted', baseUrl: llm.openaiBaseUrl, apiKey: 'k', model: name, timeoutMs });
}

async function collect(stream: AsyncIterable<ModelStreamEvent>) {
  const events: ModelStreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

async function failure(stream: AsyncIterable<ModelStreamEvent>, seen: ModelStreamEvent[] = []): Promise<ProviderError> {
  try {
    for await (const e of stream) seen.push(e);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected the stream to fail');
}

describe('OpenAI-compatible adapter (real openai SDK against the scripted server)', () => {
  it('streams text in several deltas, then usage and a finish reason', async () => {
    const events = await collect(model('scripted/default').stream({ messages: [{ role: 'user', content: 'hi' }] }));
    const deltas = events.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.map((d) => d.text).join('')).toMatch(/^## Likely cause: connection pool exhaustion/);
    expect(events).toContainEqual({ type: 'finish', reason: 'stop' });
    const usage = events.find((e) => e.type === 'usage');
    expect(usage && usage.type === 'usage' && usage.outputTokens).toBeGreaterThan(0);
  });

  it('classifies a 429 as rate-limit and reads Retry-After', async () => {
    llm.addScenario('limited', { replies: [{ fault: 'rate-limit', retryAfter: 3, repeat: true }] });
    const error = await failure(model('scripted/limited').stream({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 3000 });
  });

  it('classifies 5xx as server errors and 401 as auth', async () => {
    expect(await failure(model('scripted/server-error').stream({ messages: [{ role: 'user', content: 'x' }] }))).toMatchObject({ kind: 'server', status: 500 });
    llm.addScenario('denied', { replies: [{ fault: 'auth', repeat: true }] });
    expect(await failure(model('scripted/denied').stream({ messages: [{ role: 'user', content: 'x' }] }))).toMatchObject({ kind: 'auth', status: 401 });
  });

  it('reports a stream cut mid-answer after the text that did arrive', async () => {
    const seen: ModelStreamEvent[] = [];
    const error = await failure(model('scripted/cut-stream').stream({ messages: [{ role: 'user', content: 'x' }] }), seen);
    expect(error.kind).toBe('stream-cut');
    expect(seen.some((e) => e.type === 'text-delta')).toBe(true);
  });

  it('times out a provider that never answers', async () => {
    const error = await failure(model('scripted/timeout', 500).stream({ messages: [{ role: 'user', content: 'x' }] }));
    expect(error.kind).toBe('timeout');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    const stream = model('scripted/slow-stream').stream({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal });
    setTimeout(() => controller.abort(), 400);
    const error = await failure(stream, seen);
    expect(error.kind).toBe('aborted');
    expect(seen.length).toBeGreaterThan(0);
  });

  it('"Test connection" reports latency or the exact error', async () => {
    const ok = await testConnection(model('scripted/default'));
    expect(ok.ok).toBe(true);
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    const bad = await testConnection(model('scripted/server-error'));
    expect(bad).toMatchObject({ ok: false });
    expect(bad.error).toMatch(/HTTP 500/);
    const unreachable = await testConnection(createOpenAICompatibleModel({ label: 'x', baseUrl: 'http://127.0.0.1:9/v1', apiKey: '', model: 'm' }));
    expect(unreachable.error).toMatch(/Cannot reach the provider/);
  });
});
