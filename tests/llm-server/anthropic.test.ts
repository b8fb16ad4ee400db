// The real `@anthropic-ai/sdk` against the scripted server: messages, named SSE events, tool_use.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from './server.ts';
import { scenarioReply } from './test-support.ts';

let server: LlmServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startLlmServer();
  client = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'sk-ant-anything', maxRetries: 0 });
});
afterAll(() => server.close());

const user = (content: string) => [{ role: 'user' as const, content }];
const tools = [{ name: 'search_logs', input_schema: { type: 'object' as const, properties: { service: { type: 'string' } } } }];

describe('anthropic messages', () => {
  it('answers a plain request with a text block, end_turn and usage', async () => {
    const message = await client.messages.create({ model: 'claude-any-model', max_tokens: 256, messages: user('why 502?') });
    expect(message.type).toBe('message');
    expect(message.content).toEqual([{ type: 'text', text: scenarioReply('default').text }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams named events whose text deltas reassemble to the scenario text', async () => {
    const stream = await client.messages.create({
      model: 'scripted/default',
      max_tokens: 256,
      messages: user('hello'),
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    let deltas = 0;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        text += event.delta.text;
        deltas += 1;
      }
      if (event.type === 'message_delta') {
        expect(event.delta.stop_reason).toBe('end_turn');
        expect(event.usage.output_tokens).toBeGreaterThan(0);
      }
    }
    expect(deltas).toBeGreaterThan(5);
    expect(text).toBe(scenarioReply('default').text);
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('content_block_start');
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('sends ping events on the wire (the SDK hides them)', async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'k' },
      body: JSON.stringify({ model: 'scripted/default', max_tokens: 10, stream: true, messages: user('hi') }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const raw = await response.text();
    expect(raw).toContain('event: ping\ndata: {"type":"ping"}');
    expect(raw.trimEnd().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
  });

  it('streams tool_use input_json_delta pieces that finalMessage() reassembles', async () => {
    const stream = client.messages.stream({ model: 'scripted/tool-call', max_tokens: 256, messages: user('check'), tools });
    let jsonDeltas = 0;
    stream.on('inputJson', () => {
      jsonDeltas += 1;
    });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const message = await stream.finalMessage();
    const expected = scenarioReply('tool-call');
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    expect(message.stop_reason).toBe('tool_use');
    expect(text).toBe(expected.text);
    expect(jsonDeltas).toBeGreaterThan(3);
    expect(toolUse?.type === 'tool_use' && toolUse.id).toMatch(/^toolu_/);
    expect(toolUse?.type === 'tool_use' && toolUse.name).toBe('search_logs');
    expect(toolUse?.type === 'tool_use' && toolUse.input).toEqual(expected.toolCalls?.[0]?.arguments);
  });

  it('returns tool_use non-streamed, then the final answer after the tool_result', async () => {
    const first = await client.messages.create({ model: 'scripted/tool-call', max_tokens: 256, messages: user('check'), tools });
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(toolUse.input).toEqual(scenarioReply('tool-call').toolCalls?.[0]?.arguments);

    const second = await client.messages.create({
      model: 'scripted/tool-call',
      max_tokens: 256,
      tools,
      messages: [
        ...user('check'),
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '312 ECONNRESET' }] },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: scenarioReply('tool-call', 1).text }]);
  });

  it('answers output_config json_schema with JSON text', async () => {
    const message = await client.messages.create({
      model: 'scripted/json-schema',
      max_tokens: 256,
      messages: user('triage'),
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
    });
    const block = message.content[0];
    expect(block?.type === 'text' && JSON.parse(block.text)).toEqual(scenarioReply('json-schema').json);
  });

  it('maps finishReason length to stop_reason max_tokens', async () => {
    server.addScenario('truncated', { replies: [{ text: 'The root cause is', finishReason: 'length' }] });
    const message = await client.messages.create({ model: 'scripted/truncated', max_tokens: 4, messages: user('x') });
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('rejects a request without max_tokens like the real API', async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'x', messages: user('hi') }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('lists scenarios as models in the Anthropic shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain('scripted/default');
    expect(page.data[0]?.type).toBe('model');
  });
});
