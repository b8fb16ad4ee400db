import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { scenarioReply } from '@/tests/llm-server/test-support';
import { collect, endingError, textOf } from '@/tests/support/model-stream';
import { createOpenAICompatibleModel, type OpenAICompatibleConfig } from './openai-compatible';
import { ProviderError, type ModelStreamEvent } from './model';
import { testConnection } from './test-connection';

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});

function model(name: string, extra: Partial<OpenAICompatibleConfig> = {}) {
  return createOpenAICompatibleModel({ label: 'Scripted', baseUrl: llm.openaiBaseUrl, apiKey: 'k', model: name, ...extra });
}

const ask = (content = 'hi') => ({ messages: [{ role: 'user' as const, content }] });
const searchLogs = {
  name: 'search_logs',
  description: 'Search the logs of a service',
  parameters: { type: 'object', properties: { service: { type: 'string' } }, required: ['service'] },
};

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('OpenAI-compatible adapter (real openai SDK against the scripted server)', () => {
  it('answers plain text without streaming, with usage and a finish reason', async () => {
    const result = await model('scripted/default').generate(ask());
    expect(result.text).toBe(scenarioReply('default').text);
    expect(result.finishReason).toBe('stop');
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    expect(result.usage!.outputTokens).toBeGreaterThan(0);
    expect(result.toolCalls).toEqual([]);
  });

  it('streams text in several deltas, then usage, then finish last', async () => {
    const events = await collect(model('scripted/default').stream(ask()));
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(5);
    expect(textOf(events)).toBe(scenarioReply('default').text);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const usage = events.find((e) => e.type === 'usage');
    expect(usage && usage.type === 'usage' && usage.outputTokens).toBeGreaterThan(0);
    const sent = llm.requests.at(-1)!.body as { stream: boolean; stream_options: unknown };
    expect(sent).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streams tool-call argument deltas and then the complete call', async () => {
    const events = await collect(model('scripted/tool-call').stream({ ...ask('check'), tools: [searchLogs], toolChoice: 'auto' }));
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas[0]).toMatchObject({ index: 0, name: 'search_logs' });
    const call = events.find((e) => e.type === 'tool-call');
    expect(call?.type === 'tool-call' && call.call.id).toMatch(/^call_/);
    expect(call?.type === 'tool-call' && JSON.parse(call.call.argumentsJson)).toEqual(scenarioReply('tool-call').toolCalls![0]!.arguments);
    expect(deltas.map((d) => (d.type === 'tool-call-delta' ? d.argumentsDelta : '')).join('')).toBe(
      call?.type === 'tool-call' ? call.call.argumentsJson : '',
    );
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
    const sent = llm.requests.at(-1)!.body as { tools: { function: { name: string } }[]; tool_choice: string };
    expect(sent.tools[0]!.function.name).toBe('search_logs');
    expect(sent.tool_choice).toBe('auto');
  });

  it('sends the tool result back and gets the final answer (non-streamed tool loop)', async () => {
    const first = await model('scripted/tool-call').generate({ ...ask('check'), tools: [searchLogs] });
    expect(first.finishReason).toBe('tool-calls');
    const call = first.toolCalls[0]!;
    const second = await model('scripted/tool-call').generate({
      messages: [
        { role: 'user', content: 'check' },
        { role: 'assistant', content: first.text, toolCalls: [call] },
        { role: 'tool', toolCallId: call.id, toolName: call.name, content: '312 ECONNRESET' },
      ],
      tools: [searchLogs],
    });
    expect(second.text).toBe(scenarioReply('tool-call', 1).text);
    const sent = llm.requests.at(-1)!.body as { messages: { role: string; tool_call_id?: string }[] };
    expect(sent.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: call.id });
  });

  it('asks for strict JSON schema output where the model supports it', async () => {
    const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false };
    const result = await model('scripted/json-schema', { kind: 'openai' }).generate({
      ...ask('triage'),
      responseFormat: { name: 'triage', schema, strict: true },
    });
    expect(JSON.parse(result.text)).toEqual(scenarioReply('json-schema').json);
    const sent = llm.requests.at(-1)!.body as { response_format: unknown; max_completion_tokens?: number };
    expect(sent.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'triage', schema, strict: true } });
  });

  it('turns options the model cannot take into warnings, not failures', async () => {
    const reasoning = model('scripted/default', { kind: 'openai', capabilities: { temperature: false, structuredOutput: 'prompt', tools: false } });
    const events = await collect(
      reasoning.stream({ ...ask(), temperature: 0.2, tools: [searchLogs], responseFormat: { name: 'x', schema: { type: 'object' }, strict: false } }),
    );
    const warnings = events.filter((e) => e.type === 'warning').map((e) => (e as { message: string }).message);
    expect(warnings).toHaveLength(3);
    expect(warnings.join(' ')).toMatch(/temperature.*tool calls.*JSON schema|tool calls.*JSON schema.*temperature/s);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const sent = llm.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent).not.toHaveProperty('temperature');
    expect(sent).not.toHaveProperty('tools');
    expect(sent).not.toHaveProperty('response_format');
  });

  it('uses max_completion_tokens for OpenAI and max_tokens elsewhere', async () => {
    await model('scripted/default', { kind: 'openai' }).generate({ ...ask(), maxOutputTokens: 77 });
    expect(llm.requests.at(-1)!.body).toMatchObject({ max_completion_tokens: 77 });
    await model('scripted/default', { kind: 'ollama' }).generate({ ...ask(), maxOutputTokens: 78 });
    expect(llm.requests.at(-1)!.body).toMatchObject({ max_tokens: 78 });
  });

  it('reports a length finish so callers can detect truncation', async () => {
    llm.addScenario('truncated-openai', { replies: [{ text: 'The root cause is', finishReason: 'length', repeat: true }] });
    expect((await model('scripted/truncated-openai').generate(ask())).finishReason).toBe('length');
    expect((await collect(model('scripted/truncated-openai').stream(ask()))).at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  it('classifies a 429 as rate-limit and reads Retry-After', async () => {
    llm.addScenario('limited', { replies: [{ fault: 'rate-limit', retryAfter: 3, repeat: true }] });
    expect(endingError(await collect(model('scripted/limited').stream(ask())))).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 3000 });
    expect(await rejection(model('scripted/limited').generate(ask()))).toMatchObject({ kind: 'rate-limit', status: 429 });
  });

  it('classifies 500 and 503 as server errors, 401 as auth, 400 as a bad request', async () => {
    expect(endingError(await collect(model('scripted/server-error').stream(ask())))).toMatchObject({ kind: 'server', status: 500 });
    expect(endingError(await collect(model('scripted/overloaded').stream(ask())))).toMatchObject({ kind: 'server', status: 503 });
    llm.addScenario('denied', { replies: [{ fault: 'auth', repeat: true }] });
    expect(await rejection(model('scripted/denied').generate(ask()))).toMatchObject({ kind: 'auth', status: 401 });
    llm.addScenario('picky', { replies: [{ match: { lastUser: 'never' }, text: 'x' }] });
    expect(await rejection(model('scripted/picky').generate(ask()))).toMatchObject({ kind: 'bad-request', status: 400 });
  });

  it('reports a stream cut mid-answer after the text that did arrive', async () => {
    const events = await collect(model('scripted/cut-stream').stream(ask()));
    expect(endingError(events).kind).toBe('stream-cut');
    expect(textOf(events).length).toBeGreaterThan(0);
  });

  it('reports a garbled stream as a bad response', async () => {
    const events = await collect(model('scripted/malformed-json').stream(ask()));
    expect(endingError(events).kind).toBe('bad-response');
  });

  it('times out a provider that never answers', async () => {
    const events = await collect(model('scripted/timeout', { timeoutMs: 300 }).stream(ask()));
    expect(endingError(events).kind).toBe('timeout');
  });

  it('reports an unreachable server as a network error', async () => {
    const offline = createOpenAICompatibleModel({ label: 'x', baseUrl: 'http://127.0.0.1:9/v1', apiKey: '', model: 'm' });
    expect(await rejection(offline.generate(ask()))).toMatchObject({ kind: 'network' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    const stream = model('scripted/slow-stream').stream({ ...ask(), signal: controller.signal });
    setTimeout(() => controller.abort(), 400);
    for await (const e of stream) seen.push(e);
    expect(endingError(seen).kind).toBe('aborted');
    expect(seen.some((e) => e.type === 'text-delta')).toBe(true);
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
