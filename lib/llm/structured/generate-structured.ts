import type { z } from 'zod';
import type { FallbackNote } from '@/lib/db/records';
import {
  ProviderError,
  type JsonSchema,
  type LanguageModel,
  type ModelMessage,
  type ModelRequest,
  type StructuredOutputMode,
  type ToolCall,
  type ToolDefinition,
  type Usage,
} from '../model';
import type { ChainGenerateResult, RequestFor } from '../fallback/fallback-chain';
import { dropNullOptionals, toJsonSchema, toStrictJsonSchema } from './json-schema';
import { extractJson } from './extract-json';

/** Anything that can answer a buffered request with fallback; `FallbackChain` is one. */
export interface StructuredBackend {
  generate(request: RequestFor, signal?: AbortSignal): Promise<ChainGenerateResult>;
}

export interface StructuredRequest<T> {
  messages: ModelMessage[];
  /** The zod schema the answer must satisfy (shared with the engines). */
  schema: z.ZodType<T>;
  /** Names the output for the provider (`[A-Za-z0-9_-]`), e.g. `hypothesis_update`. */
  schemaName: string;
  schemaDescription?: string;
  /** Tools the model may call instead of answering; then the result is `tool-calls`. */
  tools?: ToolDefinition[];
  signal?: AbortSignal;
  /** Output budget of the first try; doubled once if the answer is cut at the limit. Default 2048. */
  maxOutputTokens?: number;
  temperature?: number;
}

interface StructuredCommon {
  provider: string;
  model: string;
  /** How the provider that answered was asked for structure. */
  strategy: StructuredOutputMode;
  /** Summed over every call made (truncation retry, repair round). */
  usage: Usage;
  fallbacks: FallbackNote[];
  /** A repair round was needed (the first answer did not validate). */
  repaired: boolean;
  /** The first answer hit the token limit and was asked again with a larger budget. */
  retriedForLength: boolean;
  warnings: string[];
}

export interface StructuredObject<T> extends StructuredCommon {
  type: 'object';
  data: T;
}

export interface StructuredToolCalls extends StructuredCommon {
  type: 'tool-calls';
  toolCalls: ToolCall[];
  /** Any text the model wrote beside its calls. */
  text: string;
}

export type StructuredResult<T> = StructuredObject<T> | StructuredToolCalls;

/** The answer could not be made to fit the schema, even after the repair round. */
export class StructuredOutputError extends ProviderError {
  override name = 'StructuredOutputError';
  constructor(
    message: string,
    /** The last text the model produced. */
    readonly raw: string,
    readonly issues: string[],
  ) {
    super('bad-response', message);
  }
}

const DEFAULT_MAX_OUTPUT_TOKENS = 2048;

/**
 * Structured output from whichever provider of the chain answers, validated with zod.
 *
 * Each provider is asked the best way it supports (see `ModelCapabilities.structuredOutput`):
 * strict JSON schema (OpenAI), a JSON schema (Gemini, Ollama, vLLM, Fireworks, newer Claude),
 * forced tool use (Anthropic, Groq, OpenRouter), or the schema in the prompt. The answer is
 * always validated; an answer cut at the token limit is retried once with twice the budget,
 * and an invalid answer gets one repair round (the model sees its errors). Provider failures
 * fail over along the chain. With `tools`, the model may call one of them instead of
 * answering; the result then has `type: 'tool-calls'` for the caller's tool loop.
 *
 * ```ts
 * const triage = z.object({ summary: z.string(), severity: z.enum(['low', 'high']) });
 * const { data, provider, usage } = await generateStructured(chain, {
 *   messages, schema: triage, schemaName: 'triage', signal,
 * });
 * ```
 * Rejects with `ProviderError` (nobody could answer, aborted) or `StructuredOutputError`.
 */
export async function generateStructured<T>(backend: StructuredBackend, request: StructuredRequest<T> & { tools?: undefined }): Promise<StructuredObject<T>>;
export async function generateStructured<T>(backend: StructuredBackend, request: StructuredRequest<T>): Promise<StructuredResult<T>>;
export async function generateStructured<T>(backend: StructuredBackend, request: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const jsonSchema = toJsonSchema(request.schema);
  const strictSchema = toStrictJsonSchema(jsonSchema);
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const fallbacks: FallbackNote[] = [];
  const warnings: string[] = [];
  let maxOutputTokens = request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  let retriedForLength = false;
  let repaired = false;
  let messages = request.messages;

  const ask = async () => {
    const strategies = new Map<string, StructuredOutputMode>();
    const result = await backend.generate((model) => {
      strategies.set(model.provider + '\u0000' + model.model, model.capabilities.structuredOutput);
      return buildRequest(model, { ...request, messages, maxOutputTokens }, jsonSchema, strictSchema);
    }, request.signal);
    usage.inputTokens += result.usage?.inputTokens ?? 0;
    usage.outputTokens += result.usage?.outputTokens ?? 0;
    fallbacks.push(...result.fallbacks);
    warnings.push(...result.warnings);
    return { result, strategy: strategies.get(result.provider + '\u0000' + result.model) ?? 'prompt' };
  };

  for (;;) {
    const { result, strategy } = await ask();
    const common = (): StructuredCommon => ({
      provider: result.provider,
      model: result.model,
      strategy,
      usage: { ...usage },
      fallbacks: [...fallbacks],
      repaired,
      retriedForLength,
      warnings: [...warnings],
    });

    if (result.finishReason === 'length' && !retriedForLength) {
      retriedForLength = true;
      warnings.push(`The answer was cut at ${maxOutputTokens} tokens; asked again with ${maxOutputTokens * 2}.`);
      maxOutputTokens *= 2;
      continue;
    }

    const outputCall = result.toolCalls.find((call) => call.name === request.schemaName);
    if (!outputCall && result.toolCalls.length > 0 && request.tools?.length) {
      return { type: 'tool-calls', toolCalls: result.toolCalls, text: result.text, ...common() };
    }
    const raw = outputCall ? outputCall.argumentsJson : result.text;
    const checked = validate(raw, request.schema, jsonSchema);
    if (checked.ok) return { type: 'object', data: checked.data, ...common() };

    if (result.finishReason === 'length') {
      throw new StructuredOutputError(`The answer was cut at the ${maxOutputTokens}-token limit even after a retry with a larger budget.`, raw, checked.issues);
    }
    if (repaired) {
      throw new StructuredOutputError(
        `${result.provider} did not produce a valid "${request.schemaName}" after a repair round: ${checked.issues.slice(0, 3).join('; ')}`,
        raw,
        checked.issues,
      );
    }
    repaired = true;
    warnings.push(`The first answer did not match "${request.schemaName}"; asked ${result.provider} to correct it.`);
    messages = [
      ...request.messages,
      { role: 'assistant', content: raw },
      {
        role: 'user',
        content:
          `Your reply is not a valid "${request.schemaName}" object:\n${checked.issues.map((i) => `- ${i}`).join('\n')}\n` +
          'Reply again with only the corrected JSON object, nothing else.',
      },
    ];
  }
}

function buildRequest(
  model: LanguageModel,
  request: StructuredRequest<unknown> & { maxOutputTokens: number },
  jsonSchema: JsonSchema,
  strictSchema: JsonSchema | null,
): ModelRequest {
  const mode = model.capabilities.structuredOutput;
  const userTools = request.tools ?? [];
  const description = request.schemaDescription ?? `Reply in the shape of "${request.schemaName}".`;
  const base: ModelRequest = {
    messages: request.messages,
    maxOutputTokens: request.maxOutputTokens,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  };
  const withUserTools = userTools.length ? { tools: userTools, toolChoice: 'auto' as const } : {};

  switch (mode) {
    case 'json-schema-strict':
      return {
        ...base,
        ...withUserTools,
        messages: withInstruction(request.messages, request.schemaName, null),
        responseFormat: { name: request.schemaName, description, schema: strictSchema ?? jsonSchema, strict: strictSchema !== null },
      };
    case 'json-schema':
      return {
        ...base,
        ...withUserTools,
        messages: withInstruction(request.messages, request.schemaName, jsonSchema),
        responseFormat: { name: request.schemaName, description, schema: jsonSchema, strict: false },
      };
    case 'tool': {
      const outputTool: ToolDefinition = {
        name: request.schemaName,
        description: `${description} Call this tool to give your answer.`,
        parameters: strictSchema ?? jsonSchema,
        strict: strictSchema !== null,
      };
      return {
        ...base,
        tools: [...userTools, outputTool],
        toolChoice: userTools.length ? 'required' : { name: request.schemaName },
      };
    }
    case 'prompt':
      return { ...base, ...withUserTools, messages: withInstruction(request.messages, request.schemaName, jsonSchema) };
  }
}

/**
 * Adds the answer-format instruction (and the schema, when it is not enforced natively) to
 * the system prompt. Merged into the first system message because some chat templates
 * (vLLM, Hugging Face) accept a system message only at the start.
 */
function withInstruction(messages: ModelMessage[], name: string, schema: JsonSchema | null): ModelMessage[] {
  const instruction = schema
    ? `Reply with only a JSON object named "${name}" that matches this JSON Schema, with no prose and no Markdown fence:\n${JSON.stringify(schema)}`
    : `Reply with only the "${name}" JSON object.`;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: 'system', content: instruction }, ...messages];
}

function validate<T>(raw: string, schema: z.ZodType<T>, jsonSchema: JsonSchema): { ok: true; data: T } | { ok: false; issues: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(extractJson(raw));
  } catch (error) {
    return { ok: false, issues: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = schema.safeParse(dropNullOptionals(parsed, jsonSchema));
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.slice(0, 10).map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`),
  };
}
