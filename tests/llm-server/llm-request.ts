// Protocol-neutral view of an incoming completion request: the only thing
// scenario matching and reply planning need, whichever vendor format it came in.

export type Protocol = 'openai' | 'anthropic';

export interface LlmRequest {
  protocol: Protocol;
  model: string;
  stream: boolean;
  /** OpenAI stream_options.include_usage (Anthropic always reports usage). */
  includeUsage: boolean;
  lastUserText: string;
  /** Every text in the prompt, used to estimate input tokens. */
  promptText: string;
  hasTools: boolean;
  /** The last message carries a tool result. */
  toolResult: boolean;
  /** Requested structured output, or null. name is '' when the format has none. */
  jsonSchema: { name: string } | null;
}

export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'not_found'
  | 'rate_limit'
  | 'server'
  | 'overloaded';

/** An error answered in the vendor's own error shape (see *-format.ts). */
export class LlmHttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    message: string,
    readonly code: string | null = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export function invalidRequest(message: string, code: string | null = null): LlmHttpError {
  return new LlmHttpError(400, 'invalid_request', message, code);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Crude but stable: about four characters per token, like the vendors' rule of thumb. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** Text of a content value that is either a string or an array of typed parts. */
export function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part['text'] === 'string') parts.push(part['text']);
    // Anthropic tool_result blocks nest their own content.
    else if (part['type'] === 'tool_result') parts.push(textOfContent(part['content']));
  }
  return parts.join('\n');
}
