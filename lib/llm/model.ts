/**
 * The provider-neutral model interface. Adapters (one per wire protocol) turn a
 * `ModelRequest` into vendor calls and vendor streams into `ModelStreamEvent`s, so the turn
 * loop, the fallback chain and the engines never see a vendor type.
 */

/** A JSON Schema object, as produced by `z.toJSONSchema`. */
export type JsonSchema = Record<string, unknown>;

/** A tool call the model asked for. The arguments stay the raw JSON text the model wrote. */
export interface ToolCall {
  id: string;
  name: string;
  argumentsJson: string;
}

export type ModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError?: boolean };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
  /** OpenAI strict function calling (the schema must be in the strict subset); others ignore it. */
  strict?: boolean;
}

/** `{ name }` forces that one tool; `required` forces some tool call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** Ask for a JSON answer that follows `schema` (natively, where the provider can). */
export interface JsonOutputFormat {
  name: string;
  description?: string;
  schema: JsonSchema;
  /** OpenAI-style strict mode: the schema must already be in the strict subset. */
  strict: boolean;
}

export interface ModelRequest {
  messages: ModelMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  responseFormat?: JsonOutputFormat;
  maxOutputTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * One union for everything a stream can say. A stream ends with exactly one `finish` or one
 * `error` event; adapters never throw from the iterator for provider failures.
 */
export type ModelStreamEvent =
  | { type: 'text-delta'; text: string }
  /** A piece of a tool call as it streams: the first piece of a call carries its id and name. */
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  /** A complete tool call, emitted once its arguments have fully arrived. */
  | { type: 'tool-call'; call: ToolCall }
  | ({ type: 'usage' } & Usage)
  | { type: 'finish'; reason: FinishReason }
  | { type: 'error'; error: ProviderError }
  | { type: 'warning'; message: string };

export interface GenerateResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage?: Usage;
  warnings: string[];
}

/**
 * How a model can be asked for structured output, best first:
 * `json-schema-strict` (constrained decoding, OpenAI strict subset), `json-schema`
 * (schema enforced or guided, not strict), `tool` (forced tool use), `prompt` (schema in the
 * prompt, validated and repaired).
 */
export type StructuredOutputMode = 'json-schema-strict' | 'json-schema' | 'tool' | 'prompt';

export interface ModelCapabilities {
  structuredOutput: StructuredOutputMode;
  tools: boolean;
  /** Reasoning models reject `temperature`; it is dropped with a warning. */
  temperature: boolean;
}

export interface LanguageModel {
  /** Human label of the provider, shown beside each answer. */
  readonly provider: string;
  readonly model: string;
  readonly capabilities: ModelCapabilities;
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
  /** One non-streamed call. Rejects with a `ProviderError`. */
  generate(request: ModelRequest): Promise<GenerateResult>;
}

export type ProviderErrorKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-request'
  | 'stream-cut'
  /** The provider answered with something that is not its wire format (garbage JSON). */
  | 'bad-response'
  /** The provider's key is encrypted and the vault is locked. */
  | 'locked'
  /** The prompt does not fit the model's context window. */
  | 'context-too-long'
  /** Every provider is paused by its circuit breaker. */
  | 'circuit-open'
  | 'aborted';

/** A failure talking to a provider, classified so fallback and the UI can act on it. */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Worth trying again (same provider later, or the next one now). */
export function isTransient(kind: ProviderErrorKind): boolean {
  return kind === 'rate-limit' || kind === 'server' || kind === 'timeout' || kind === 'network' || kind === 'stream-cut' || kind === 'bad-response';
}

/** The error text users see: the provider's message plus the HTTP status when there is one. */
export function describeProviderError(error: ProviderError): string {
  return error.status && !error.message.includes(`HTTP ${error.status}`) ? `${error.message} (HTTP ${error.status})` : error.message;
}
