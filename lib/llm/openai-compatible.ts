import OpenAI from 'openai';
import type { ProviderKind } from '@/lib/db/records';
import {
  ProviderError,
  type FinishReason,
  type GenerateResult,
  type LanguageModel,
  type ModelCapabilities,
  type ModelRequest,
  type ModelStreamEvent,
  type ToolCall,
} from './model';
import { classifyError } from './classify-error';
import { buildOpenAIParams } from './openai-request';
import { capabilitiesFor, kindInfo } from './provider-kinds';

export interface OpenAICompatibleConfig {
  label: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Which preset this is (capabilities, quirks). Defaults to a generic compatible server. */
  kind?: ProviderKind;
  /** Overrides the kind's capabilities (tests, or a user who knows their server). */
  capabilities?: Partial<ModelCapabilities>;
  /** Per-request timeout until the response starts; an incident copilot should fail over rather than hang. */
  timeoutMs?: number;
}

/**
 * Adapter for every server that speaks OpenAI Chat Completions: OpenAI, Gemini's
 * OpenAI-compatible endpoint, Fireworks, OpenRouter, Groq, the Hugging Face router, Ollama,
 * vLLM and any custom base URL.
 */
export function createOpenAICompatibleModel(config: OpenAICompatibleConfig): LanguageModel {
  const kind = config.kind ?? 'custom';
  const info = kindInfo(kind);
  const capabilities: ModelCapabilities = { ...capabilitiesFor(kind, config.model), ...config.capabilities };
  const client = new OpenAI({
    baseURL: config.baseUrl,
    // Local servers such as Ollama need no key, but the SDK insists on a non-empty one.
    apiKey: config.apiKey || 'no-key',
    // The key belongs to the user and never leaves their browser's background context.
    dangerouslyAllowBrowser: true,
    maxRetries: 0, // the fallback chain owns retries
    timeout: config.timeoutMs ?? 60_000,
    ...(kind === 'openrouter' ? { defaultHeaders: { 'X-Title': 'FaultMaven' } } : {}),
  });
  const build = (request: ModelRequest) =>
    buildOpenAIParams(request, { model: config.model, capabilities, useMaxCompletionTokens: kind === 'openai' });

  return {
    provider: config.label,
    model: config.model,
    capabilities,

    async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
      const { params, warnings } = build(request);
      for (const message of warnings) yield { type: 'warning', message };
      let stream;
      try {
        stream = await client.chat.completions.create(
          { ...params, stream: true, ...(info.streamUsage ? { stream_options: { include_usage: true } } : {}) },
          { signal: request.signal },
        );
      } catch (error) {
        yield { type: 'error', error: classifyError(error, OpenAI, request.signal) };
        return;
      }
      const calls = new ToolCallAssembler();
      let finishReason: FinishReason | undefined;
      try {
        for await (const chunk of stream) {
          if (chunk.usage) {
            yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
          }
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const text = choice.delta?.content;
          if (text) yield { type: 'text-delta', text };
          for (const piece of choice.delta?.tool_calls ?? []) yield calls.add(piece);
          if (choice.finish_reason) finishReason = mapFinishReason(choice.finish_reason);
        }
      } catch (error) {
        yield { type: 'error', error: classifyError(error, OpenAI, request.signal, true) };
        return;
      }
      // The SDK ends the iteration quietly when aborted; say so rather than "cut".
      if (request.signal?.aborted) {
        yield { type: 'error', error: new ProviderError('aborted', 'The request was stopped') };
        return;
      }
      // A stream that ends without a finish reason was cut by the network or the server.
      if (!finishReason) {
        yield { type: 'error', error: new ProviderError('stream-cut', 'The provider closed the stream before finishing the answer') };
        return;
      }
      for (const call of calls.complete()) yield { type: 'tool-call', call };
      yield { type: 'finish', reason: finishReason };
    },

    async generate(request: ModelRequest): Promise<GenerateResult> {
      const { params, warnings } = build(request);
      let completion;
      try {
        completion = await client.chat.completions.create(params, { signal: request.signal });
      } catch (error) {
        throw classifyError(error, OpenAI, request.signal);
      }
      const choice = completion.choices?.[0];
      if (!choice) throw new ProviderError('bad-response', 'The provider answered without any choice');
      const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((call) =>
        call.type === 'function' ? [{ id: call.id, name: call.function.name, argumentsJson: call.function.arguments }] : [],
      );
      return {
        text: choice.message.content ?? '',
        toolCalls,
        finishReason: mapFinishReason(choice.finish_reason),
        ...(completion.usage
          ? { usage: { inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 } }
          : {}),
        warnings,
      };
    },
  };
}

interface ToolCallDeltaChunk {
  index: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/** Rebuilds tool calls from streamed pieces: the first piece names the call, the rest carry argument text. */
class ToolCallAssembler {
  private readonly calls = new Map<number, ToolCall>();

  add(piece: ToolCallDeltaChunk): ModelStreamEvent {
    const existing = this.calls.get(piece.index);
    const argumentsDelta = piece.function?.arguments ?? '';
    if (!existing) {
      this.calls.set(piece.index, { id: piece.id ?? `call_${piece.index}`, name: piece.function?.name ?? '', argumentsJson: argumentsDelta });
    } else {
      existing.argumentsJson += argumentsDelta;
      if (piece.function?.name) existing.name += piece.function.name;
    }
    return {
      type: 'tool-call-delta',
      index: piece.index,
      ...(piece.id ? { id: piece.id } : {}),
      ...(piece.function?.name ? { name: piece.function.name } : {}),
      argumentsDelta,
    };
  }

  complete(): ToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => ({ ...call, argumentsJson: call.argumentsJson || '{}' }));
  }
}

function mapFinishReason(reason: string | null | undefined): FinishReason {
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
