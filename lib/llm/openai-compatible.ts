import OpenAI from 'openai';
import { ProviderError, type FinishReason, type LanguageModel, type ModelRequest, type ModelStreamEvent } from './model';

export interface OpenAICompatibleConfig {
  label: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Per-request timeout; an incident copilot should fail over rather than hang. */
  timeoutMs?: number;
}

/** Adapter for every server that speaks OpenAI Chat Completions (OpenAI, Groq, Ollama, vLLM…). */
export function createOpenAICompatibleModel(config: OpenAICompatibleConfig): LanguageModel {
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Local servers such as Ollama need no key, but the SDK insists on a non-empty one.
    apiKey: config.apiKey || 'no-key',
    // The key belongs to the user and never leaves their browser's background context.
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout: config.timeoutMs ?? 60_000,
  });

  return {
    provider: config.label,
    model: config.model,
    async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
      let stream;
      try {
        stream = await client.chat.completions.create(
          {
            model: config.model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(request.maxOutputTokens ? { max_tokens: request.maxOutputTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          },
          { signal: request.signal },
        );
      } catch (error) {
        throw toProviderError(error, request.signal);
      }
      let finished = false;
      try {
        for await (const chunk of stream) {
          if (chunk.usage) {
            yield {
              type: 'usage',
              inputTokens: chunk.usage.prompt_tokens ?? 0,
              outputTokens: chunk.usage.completion_tokens ?? 0,
            };
          }
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const text = choice.delta?.content;
          if (text) yield { type: 'text-delta', text };
          if (choice.finish_reason) {
            finished = true;
            yield { type: 'finish', reason: mapFinishReason(choice.finish_reason) };
          }
        }
      } catch (error) {
        throw toProviderError(error, request.signal, true);
      }
      // The SDK ends the iteration quietly when aborted; say so rather than "cut".
      if (request.signal?.aborted) throw new ProviderError('aborted', 'The request was stopped');
      // A stream that ends without a finish reason was cut by the network or the server.
      if (!finished) throw new ProviderError('stream-cut', 'The provider closed the stream before finishing the answer');
    },
  };
}

function mapFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

export function toProviderError(error: unknown, signal?: AbortSignal, midStream = false): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) {
    return new ProviderError('aborted', 'The request was stopped');
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError('timeout', 'The provider did not answer in time');
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = error.message || `HTTP ${status}`;
    if (status === 401 || status === 403) return new ProviderError('auth', `Authentication failed: ${detail}`, status);
    if (status === 429) {
      return new ProviderError('rate-limit', `Rate limited: ${detail}`, status, retryAfterMs(error.headers));
    }
    if (status >= 500) return new ProviderError('server', `Provider error: ${detail}`, status, retryAfterMs(error.headers));
    return new ProviderError('bad-request', `Request rejected: ${detail}`, status);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ProviderError('network', `Cannot reach the provider: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(midStream ? 'stream-cut' : 'network', message);
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
