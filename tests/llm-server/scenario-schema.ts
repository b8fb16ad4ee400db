// Zod schema for scenario files (tests/llm-server/scenarios/*.json).
// Strict objects on purpose: a typo in a hand-written scenario ("chunkDelay")
// must fail loudly instead of silently doing nothing.
import { z } from 'zod';

export const FAULTS = [
  'rate-limit',
  'server-error',
  'overloaded',
  'timeout',
  'cut-stream',
  'malformed-json',
  'auth',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Faults answered with an HTTP error body instead of a completion. */
export const ERROR_FAULTS: readonly Fault[] = ['rate-limit', 'server-error', 'overloaded', 'auth'];
/** Faults that corrupt an otherwise normal reply, so the reply needs content. */
const CONTENT_FAULTS: readonly Fault[] = ['cut-stream', 'malformed-json'];

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

export const matchSchema = z.strictObject({
  /** Regex (case-insensitive) tested against the text of the last user message. */
  lastUser: z.string().refine(isValidRegex, 'lastUser is not a valid regular expression').optional(),
  /** true: the request declares tools; false: it declares none. */
  hasTools: z.boolean().optional(),
  /** true: the last message is a tool result (second leg of a tool-call loop). */
  toolResult: z.boolean().optional(),
  /**
   * true: the request asks for JSON output (OpenAI response_format json_schema/json_object,
   * Anthropic output_config.format); false: it does not; string: the OpenAI json_schema.name
   * (for Anthropic, the schema's "title").
   */
  jsonSchema: z.union([z.boolean(), z.string()]).optional(),
  protocol: z.enum(['openai', 'anthropic']).optional(),
  stream: z.boolean().optional(),
});

export const toolCallSchema = z.strictObject({
  /** Optional fixed id; otherwise a vendor-looking random id (call_… / toolu_…). */
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  arguments: z.record(z.string(), z.json()),
});

export const usageSchema = z.strictObject({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
});

export const replySchema = z
  .strictObject({
    /** Free-form comment, since JSON has none. */
    note: z.string().optional(),
    match: matchSchema.optional(),
    /** Never consumed: answers every matching request (use as a trailing fallback). */
    repeat: z.boolean().optional(),
    text: z.string().optional(),
    chunks: z.array(z.string()).min(1).optional(),
    /** Stream chunk size for `text`, `json` and tool-call argument strings. Default 20. */
    chunkChars: z.number().int().positive().optional(),
    toolCalls: z.array(toolCallSchema).min(1).optional(),
    /** Structured output: sent as the serialized message text. */
    json: z.json().optional(),
    usage: usageSchema.optional(),
    /** Neutral names; mapped to end_turn / max_tokens / tool_use / refusal for Anthropic. */
    finishReason: z.enum(['stop', 'length', 'tool_calls', 'content_filter']).optional(),
    chunkDelayMs: z.number().int().nonnegative().optional(),
    firstByteDelayMs: z.number().int().nonnegative().optional(),
    fault: z.enum(FAULTS).optional(),
    /** Seconds, sent as the Retry-After header with an error fault. */
    retryAfter: z.number().nonnegative().optional(),
    /** cut-stream: content chunks sent before the socket is destroyed; malformed-json: good chunks before the garbage line. */
    cutAfterChunks: z.number().int().nonnegative().optional(),
    /** Overrides the error message of an error fault. */
    errorMessage: z.string().optional(),
  })
  .superRefine((reply, ctx) => {
    const issue = (message: string): void => {
      ctx.addIssue({ code: 'custom', message });
    };
    if (reply.text !== undefined && reply.chunks !== undefined) issue('use either "text" or "chunks", not both');
    if (reply.json !== undefined && (reply.text !== undefined || reply.chunks !== undefined)) {
      issue('"json" cannot be combined with "text" or "chunks"');
    }
    const hasContent =
      reply.text !== undefined || reply.chunks !== undefined || reply.toolCalls !== undefined || reply.json !== undefined;
    const fault = reply.fault;
    if (fault === undefined && !hasContent) issue('a reply needs "text", "chunks", "toolCalls", "json" or a "fault"');
    if (fault !== undefined && CONTENT_FAULTS.includes(fault) && !hasContent) {
      issue(`fault "${fault}" corrupts a reply, so it needs "text", "chunks", "toolCalls" or "json"`);
    }
    if (reply.retryAfter !== undefined && (fault === undefined || !ERROR_FAULTS.includes(fault))) {
      issue('"retryAfter" only applies to rate-limit, server-error, overloaded and auth faults');
    }
    if (reply.cutAfterChunks !== undefined && (fault === undefined || !CONTENT_FAULTS.includes(fault))) {
      issue('"cutAfterChunks" only applies to cut-stream and malformed-json faults');
    }
  });

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** When set, requests must carry this key (Bearer for OpenAI, x-api-key for Anthropic). */
  apiKey: z.string().min(1).optional(),
  replies: z.array(replySchema).min(1),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Reply = z.output<typeof replySchema>;
export type ReplyMatch = z.output<typeof matchSchema>;
export type ToolCallSpec = z.output<typeof toolCallSchema>;

/** Scenario names double as file names, so keep them path-safe. */
export const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
