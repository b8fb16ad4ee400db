import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { scenarioReply } from '@/tests/llm-server/test-support';
import { collect, endingError, textOf } from '@/tests/support/model-stream';
import { createAnthropicModel, type AnthropicConfig } from './anthropic';
import { ProviderError, type ModelStreamEvent } from './model';
import { testConnection } from './test-connection';

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});

function model(name: string, extra: Partial<AnthropicConfig> = {}) {
  return createAnthropicModel({ label: 'Claude (scripted)', baseUrl: llm.anthropicBaseUrl, apiKey: 'sk-ant-test', model: name, ...extra });
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

describe('Anthropic adapter (real @anthropic-ai/sdk against the scripted server)', () => {
  it('answers plain text without streaming, with the system prompt in `system`', async () => {
    const result = await model('scripted/default').generate({
      messages: [
        { role: 'system', content: 'You are FaultMaven.' },
        { role: 'user', content: 'why 502?' },
      ],
    });
    expect(result.text).toBe(scenarioReply('default').text);
    expect(result.finishReason).toBe('stop');
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    const sent = llm.requests.at(-1)!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.body).toMatchObject({ system: 'You are FaultMaven.', max_tokens: 4096, messages: [{ role: 'user' }] });
  });

  it('streams text deltas, then usage, then finish last', async () => {
    const events = await collect(model('scripted/default').stream(ask()));
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(5);
    expect(textOf(events)).toBe(scenarioReply('default').text);
    const usage = events.find((e) => e.type === 'usage');
    expect(usage).toMatchObject({ type: 'usage' });
    expect(usage && usage.type === 'usage' && usage.outputTokens).toBeGreaterThan(0);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('streams tool_use input_json deltas and then the complete call', async () => {
    const events = await collect(model('scripted/tool-call').stream({ ...ask('check'), tools: [searchLogs], toolChoice: 'required' }));
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas[0]).toMatchObject({ name: 'search_logs' });
    const call = events.find((e) => e.type === 'tool-call');
    expect(call?.type === 'tool-call' && call.call.id).toMatch(/^toolu_/);
    expect(call?.type === 'tool-call' && JSON.parse(call.call.argumentsJson)).toEqual(scenarioReply('tool-call').toolCalls![0]!.arguments);
    expect(textOf(events)).toBe(scenarioReply('tool-call').text);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
    expect(llm.requests.at(-1)!.body).toMatchObject({ tool_choice: { type: 'any' }, tools: [{ name: 'search_logs', input_schema: searchLogs.parameters }] });
  });

  it('sends tool results as tool_result blocks and gets the final answer', async () => {
    const first = await model('scripted/tool-call').generate({ ...ask('check'), tools: [searchLogs], toolChoice: { name: 'search_logs' } });
    expect(llm.requests.at(-1)!.body).toMatchObject({ tool_choice: { type: 'tool', name: 'search_logs' } });
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
    const sent = llm.requests.at(-1)!.body as { messages: { role: string; content: { type: string }[] }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]!.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    expect(sent.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: call.id, content: '312 ECONNRESET' });
  });

  it('asks for JSON schema output through output_config where the model supports it', async () => {
    const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };
    const result = await model('scripted/json-schema', { capabilities: { structuredOutput: 'json-schema' } }).generate({
      ...ask('triage'),
      responseFormat: { name: 'triage', schema, strict: false },
    });
    expect(JSON.parse(result.text)).toEqual(scenarioReply('json-schema').json);
    expect(llm.requests.at(-1)!.body).toMatchObject({ output_config: { format: { type: 'json_schema', schema } } });
  });

  it('warns about options the model cannot take and still answers', async () => {
    const events = await collect(model('scripted/default').stream({ ...ask(), temperature: 0.3, responseFormat: { name: 'x', schema: { type: 'object' }, strict: false } }));
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(llm.requests.at(-1)!.body).not.toHaveProperty('output_config');
  });

  it('maps max_tokens to a length finish', async () => {
    llm.addScenario('truncated-anthropic', { replies: [{ text: 'The root cause is', finishReason: 'length', repeat: true }] });
    expect((await model('scripted/truncated-anthropic').generate(ask())).finishReason).toBe('length');
    expect((await collect(model('scripted/truncated-anthropic').stream(ask()))).at(-1)).toEqual({ type: 'finish', reason: 'length' });
  });

  it('classifies each error class: 429, 500, 529 overloaded, 401, 400', async () => {
    llm.addScenario('limited-anthropic', { replies: [{ fault: 'rate-limit', retryAfter: 2, repeat: true }] });
    expect(endingError(await collect(model('scripted/limited-anthropic').stream(ask())))).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 2000 });
    expect(await rejection(model('scripted/server-error').generate(ask()))).toMatchObject({ kind: 'server', status: 500 });
    expect(endingError(await collect(model('scripted/overloaded').stream(ask())))).toMatchObject({ kind: 'server', status: 529 });
    llm.addScenario('denied-anthropic', { replies: [{ fault: 'auth', repeat: true }] });
    expect(await rejection(model('scripted/denied-anthropic').generate(ask()))).toMatchObject({ kind: 'auth', status: 401 });
    llm.addScenario('picky-anthropic', { replies: [{ match: { lastUser: 'never' }, text: 'x' }] });
    expect(await rejection(model('scripted/picky-anthropic').generate(ask()))).toMatchObject({ kind: 'bad-request', status: 400 });
  });

  it('reports a cut stream after the text that did arrive, and a garbled one as a bad response', async () => {
    const cut = await collect(model('scripted/cut-stream').stream(ask()));
    expect(endingError(cut).kind).toBe('stream-cut');
    expect(textOf(cut).length).toBeGreaterThan(0);
    const garbled = await collect(model('scripted/malformed-json').stream(ask()));
    expect(endingError(garbled).kind).toBe('bad-response');
  });

  it('times out, reports an unreachable server, and stops when aborted', async () => {
    expect(endingError(await collect(model('scripted/timeout', { timeoutMs: 300 }).stream(ask()))).kind).toBe('timeout');
    const offline = createAnthropicModel({ label: 'x', baseUrl: 'http://127.0.0.1:9', apiKey: 'k', model: 'm' });
    expect(await rejection(offline.generate(ask()))).toMatchObject({ kind: 'network' });
    const controller = new AbortController();
    const seen: ModelStreamEvent[] = [];
    setTimeout(() => controller.abort(), 400);
    for await (const e of model('scripted/slow-stream').stream({ ...ask(), signal: controller.signal })) seen.push(e);
    expect(endingError(seen).kind).toBe('aborted');
    expect(seen.some((e) => e.type === 'text-delta')).toBe(true);
  });

  it('"Test connection" works for Anthropic too', async () => {
    const ok = await testConnection(model('scripted/default'));
    expect(ok).toMatchObject({ ok: true, model: 'scripted/default' });
    const bad = await testConnection(model('scripted/server-error'));
    expect(bad.error).toMatch(/HTTP 500/);
  });
});
