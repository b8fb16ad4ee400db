// The real `openai` SDK against the scripted server: text, streaming, tool calls, structured output.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLlmServer, type LlmServer } from './server.ts';
import { scenarioReply } from './test-support.ts';

let server: LlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'sk-anything', maxRetries: 0 });
});
afterAll(() => server.close());

const user = (content: string) => [{ role: 'user' as const, content }];
const tools = [
  {
    type: 'function' as const,
    function: { name: 'search_logs', parameters: { type: 'object', properties: { service: { type: 'string' } } } },
  },
];

describe('openai chat completions', () => {
  it('answers a plain request with the default scenario text and usage', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('why 502?') });
    const choice = completion.choices[0];
    expect(completion.object).toBe('chat.completion');
    expect(choice?.message.content).toBe(scenarioReply('default').text);
    expect(choice?.finish_reason).toBe('stop');
    const usage = completion.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('streams text in several chunks that reassemble to the scenario text, with a usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'scripted/default',
      messages: user('hello'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const pieces: string[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let usageChunkChoices = -1;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) pieces.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) {
        usage = chunk.usage;
        usageChunkChoices = chunk.choices.length;
      }
    }
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(scenarioReply('default').text);
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usageChunkChoices).toBe(0);
  });

  it('streams tool-call argument deltas that reassemble to the scripted arguments', async () => {
    const stream = await client.chat.completions.create({
      model: 'scripted/tool-call',
      messages: user('check the logs'),
      tools,
      stream: true,
    });
    const calls: { id?: string; name?: string; args: string; argDeltas: number }[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const delta of choice?.delta.tool_calls ?? []) {
        const call = (calls[delta.index] ??= { args: '', argDeltas: 0 });
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.name = delta.function.name;
        if (delta.function?.arguments) {
          call.args += delta.function.arguments;
          call.argDeltas += 1;
        }
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    const expected = scenarioReply('tool-call').toolCalls?.[0];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.id).toMatch(/^call_/);
    expect(calls[0]?.name).toBe(expected?.name);
    expect(calls[0]?.argDeltas).toBeGreaterThan(3);
    expect(JSON.parse(calls[0]?.args ?? '')).toEqual(expected?.arguments);
    expect(finish).toBe('tool_calls');
  });

  it('returns tool calls non-streamed, then the final answer after the tool result', async () => {
    const first = await client.chat.completions.create({ model: 'scripted/tool-call', messages: user('check'), tools });
    const message = first.choices[0]?.message;
    const call = message?.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function' || !message) throw new Error('expected a function tool call');
    expect(JSON.parse(call.function.arguments)).toEqual(scenarioReply('tool-call').toolCalls?.[0]?.arguments);

    const second = await client.chat.completions.create({
      model: 'scripted/tool-call',
      tools,
      messages: [...user('check'), message, { role: 'tool', tool_call_id: call.id, content: '312 ECONNRESET' }],
    });
    expect(second.choices[0]?.message.content).toBe(scenarioReply('tool-call', 1).text);
    expect(second.choices[0]?.finish_reason).toBe('stop');
  });

  it('answers json_schema response_format with JSON the SDK parses', async () => {
    const Triage = z.object({
      summary: z.string(),
      severity: z.enum(['low', 'medium', 'high', 'critical']),
      probableCauses: z.array(z.string()),
      nextSteps: z.array(z.string()),
      confidence: z.number(),
    });
    const completion = await client.chat.completions.parse({
      model: 'scripted/json-schema',
      messages: user('triage this'),
      response_format: zodResponseFormat(Triage, 'incident_triage'),
    });
    expect(completion.choices[0]?.message.parsed).toEqual(scenarioReply('json-schema').json);
  });

  it('reports finish_reason length for a truncated reply', async () => {
    server.addScenario('truncated', { replies: [{ text: 'The root cause is', finishReason: 'length', usage: { outputTokens: 5 } }] });
    const completion = await client.chat.completions.create({ model: 'scripted/truncated', messages: user('x'), max_tokens: 5 });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(5);
  });

  it('lists scenarios as models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('scripted/default');
    expect(ids).toContain('scripted/slow-stream');
  });
});
