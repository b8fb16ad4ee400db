import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { scenarioReply } from '@/tests/llm-server/test-support';
import { createOpenAICompatibleModel, type OpenAICompatibleConfig } from '../openai-compatible';
import { createAnthropicModel } from '../anthropic';
import type { ModelCapabilities } from '../model';
import { FallbackChain, type ChainLink } from '../fallback/fallback-chain';
import { generateStructured, StructuredOutputError } from './generate-structured';

let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => llm.resetCursors());

/** The shape of the `json-schema` scenario's answer, as an engine would define it. */
const triage = z.object({
  summary: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  probableCauses: z.array(z.string()),
  nextSteps: z.array(z.string()),
  confidence: z.number().min(0).max(1).optional(),
});
const expected = scenarioReply('json-schema').json;
const valid = { summary: 'Disk full on db-1', severity: 'critical', probableCauses: ['WAL archiving stalled'], nextSteps: ['Free space'] };
const messages = [
  { role: 'system' as const, content: 'You are FaultMaven.' },
  { role: 'user' as const, content: 'triage this incident' },
];

function openaiLink(scenario: string, extra: Partial<OpenAICompatibleConfig> = {}): ChainLink {
  return { id: `o-${scenario}`, model: createOpenAICompatibleModel({ label: 'OpenAI-ish', baseUrl: llm.openaiBaseUrl, apiKey: 'k', model: `scripted/${scenario}`, ...extra }) };
}
function anthropicLink(scenario: string, capabilities?: Partial<ModelCapabilities>): ChainLink {
  return { id: `a-${scenario}`, model: createAnthropicModel({ label: 'Claude', baseUrl: llm.anthropicBaseUrl, apiKey: 'k', model: `scripted/${scenario}`, capabilities }) };
}
const chainOf = (...links: ChainLink[]) => new FallbackChain(links, { sleep: async () => undefined });
const lastBody = () => llm.requests.at(-1)!.body as Record<string, unknown>;

describe('generateStructured', () => {
  it('uses strict json_schema where supported, making optional fields nullable', async () => {
    const result = await generateStructured(chainOf(openaiLink('json-schema', { kind: 'openai' })), { messages, schema: triage, schemaName: 'triage' });
    expect(result).toMatchObject({ type: 'object', data: expected, strategy: 'json-schema-strict', provider: 'OpenAI-ish', repaired: false });
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const format = (lastBody().response_format as { json_schema: { strict: boolean; schema: { required: string[]; properties: Record<string, { type: unknown }> } } }).json_schema;
    expect(format.strict).toBe(true);
    expect(format.schema.required).toEqual(['summary', 'severity', 'probableCauses', 'nextSteps', 'confidence']);
    expect(format.schema.properties.confidence!.type).toEqual(['number', 'null']);
  });

  it('turns strict-mode nulls back into missing optional fields', async () => {
    llm.addScenario('strict-null', { replies: [{ json: { ...valid, confidence: null }, repeat: true }] });
    const result = await generateStructured(chainOf(openaiLink('strict-null', { kind: 'openai' })), { messages, schema: triage, schemaName: 'triage' });
    expect(result.data).toEqual(valid);
    expect(result.repaired).toBe(false);
  });

  it('uses forced tool use where JSON schema is not supported (Anthropic)', async () => {
    llm.addScenario('forced-tool', { replies: [{ match: { hasTools: true }, toolCalls: [{ name: 'triage', arguments: valid }], chunkChars: 12, repeat: true }] });
    const result = await generateStructured(chainOf(anthropicLink('forced-tool')), { messages, schema: triage, schemaName: 'triage' });
    expect(result).toMatchObject({ type: 'object', data: valid, strategy: 'tool', provider: 'Claude' });
    expect(lastBody()).toMatchObject({ tool_choice: { type: 'tool', name: 'triage' }, tools: [{ name: 'triage' }] });
  });

  it('uses output_config JSON schema on Claude models that support it', async () => {
    const result = await generateStructured(chainOf(anthropicLink('json-schema', { structuredOutput: 'json-schema' })), { messages, schema: triage, schemaName: 'triage' });
    expect(result).toMatchObject({ data: expected, strategy: 'json-schema' });
    expect(lastBody()).toMatchObject({ output_config: { format: { type: 'json_schema' } } });
    expect(String(lastBody().system)).toContain('"triage"');
  });

  it('asks in the prompt where nothing is native, and reads JSON out of prose and fences', async () => {
    llm.addScenario('chatty', { replies: [{ text: `Sure! Here it is:\n\`\`\`json\n${JSON.stringify(valid)}\n\`\`\`\nHope that helps.`, repeat: true }] });
    const result = await generateStructured(chainOf(openaiLink('chatty', { kind: 'custom' })), { messages, schema: triage, schemaName: 'triage' });
    expect(result).toMatchObject({ data: valid, strategy: 'prompt' });
    const sent = lastBody() as { messages: { role: string; content: string }[]; response_format?: unknown };
    expect(sent.response_format).toBeUndefined();
    expect(sent.messages[0]!.content).toMatch(/^You are FaultMaven\.\n\nReply with only a JSON object named "triage"/);
  });

  it('repairs an invalid answer in one round, showing the model its errors', async () => {
    llm.addScenario('sloppy', { replies: [{ json: { summary: 'x', severity: 'urgent', probableCauses: [] } }, { json: valid, repeat: true }] });
    const result = await generateStructured(chainOf(openaiLink('sloppy', { kind: 'ollama' })), { messages, schema: triage, schemaName: 'triage' });
    expect(result).toMatchObject({ data: valid, repaired: true });
    const repair = (lastBody().messages as { role: string; content: string }[]).at(-1)!;
    expect(repair.role).toBe('user');
    expect(repair.content).toMatch(/severity/);
    expect(repair.content).toMatch(/nextSteps/);
    expect(result.warnings.join(' ')).toMatch(/asked OpenAI-ish to correct it/);
  });

  it('repairs malformed JSON, or reports it when the repair fails too', async () => {
    llm.addScenario('broken-once', { replies: [{ fault: 'malformed-json', json: valid }, { json: valid, repeat: true }] });
    const fixed = await generateStructured(chainOf(openaiLink('broken-once')), { messages, schema: triage, schemaName: 'triage' });
    expect(fixed).toMatchObject({ data: valid, repaired: true });

    const before = llm.requests.length;
    const error = await generateStructured(chainOf(openaiLink('malformed-json')), { messages, schema: triage, schemaName: 'triage' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as StructuredOutputError).message).toMatch(/did not produce a valid "triage" after a repair round: not valid JSON/);
    expect((error as StructuredOutputError).raw.length).toBeGreaterThan(0);
    expect(llm.requests.length - before).toBe(2);
  });

  it('retries once with a doubled budget when the answer is cut at the token limit', async () => {
    llm.addScenario('cut-at-limit', { replies: [{ text: '{"summary": "Disk full', finishReason: 'length' }, { json: valid, repeat: true }] });
    const result = await generateStructured(chainOf(openaiLink('cut-at-limit', { kind: 'ollama' })), { messages, schema: triage, schemaName: 'triage', maxOutputTokens: 100 });
    expect(result).toMatchObject({ data: valid, retriedForLength: true, repaired: false });
    expect(lastBody()).toMatchObject({ max_tokens: 200 });
  });

  it('returns tool calls when the model calls one of the caller’s tools instead of answering', async () => {
    const searchLogs = { name: 'search_logs', description: 'Search logs', parameters: { type: 'object', properties: { service: { type: 'string' } } } };
    const result = await generateStructured(chainOf(anthropicLink('tool-call')), { messages, schema: triage, schemaName: 'triage', tools: [searchLogs] });
    expect(result.type).toBe('tool-calls');
    if (result.type !== 'tool-calls') return;
    expect(result.toolCalls[0]!.name).toBe('search_logs');
    expect(lastBody()).toMatchObject({ tool_choice: { type: 'any' } });
    expect((lastBody().tools as { name: string }[]).map((t) => t.name)).toEqual(['search_logs', 'triage']);
  });

  it('fails over to the next provider and uses that provider’s strategy', async () => {
    llm.addScenario('limited-structured', { replies: [{ fault: 'rate-limit', retryAfter: 1, repeat: true }] });
    const result = await generateStructured(chainOf(openaiLink('limited-structured', { kind: 'openai' }), anthropicLink('json-schema', { structuredOutput: 'json-schema' })), {
      messages,
      schema: triage,
      schemaName: 'triage',
    });
    expect(result).toMatchObject({ provider: 'Claude', strategy: 'json-schema', data: expected });
    expect(result.fallbacks).toEqual([expect.objectContaining({ from: 'OpenAI-ish', to: 'Claude', reason: 'rate-limit' })]);
  });
});
