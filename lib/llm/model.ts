/**
 * The provider-neutral model interface. Adapters (one per wire protocol) turn a
 * `ModelRequest` into vendor calls and vendor streams into `ModelStreamEvent`s, so the turn
 * loop never sees a vendor type.
 */

export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelRequest {
  messages: ModelMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export type ModelStreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'warning'; message: string };

export interface LanguageModel {
  /** Human label of the provider, shown beside each answer. */
  readonly provider: string;
  readonly model: string;
  stream(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
}

export type ProviderErrorKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-request'
  | 'stream-cut'
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
