import Anthropic from '@anthropic-ai/sdk';
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
import { buildAnthropicParams } from './anthropic-request';
import { capabilitiesFor } from './provider-kinds';

export interface AnthropicConfig {
  label: string;
  /** e.g. https://api.anthropic.com (the SDK adds /v1/messages). */
  baseUrl: string;
  apiKey: string;
  model: string;
  capabilities?: Partial<ModelCapabilities>;
  timeoutMs?: number;
}

/** Adapter for the Anthropic Messages API through the official SDK. */
export function createAnthropicModel(config: AnthropicConfig): LanguageModel {
  const capabilities: ModelCapabilities = { ...capabilitiesFor('anthropic', config.model), ...config.capabilities };
  const client = new Anthropic({
    // The SDK appends /v1 itself; accept a base URL pasted with it.
    baseURL: config.baseUrl.replace(/\/v1\/?$/, ''),
    apiKey: config.apiKey || 'no-key',
    // Runs in the extension's background context with the user's own key, never in a web page.
    dangerouslyAllowBrowser: true,
    maxRetries: 0, // the fallback chain owns retries
    timeout: config.timeoutMs ?? 60_000,
  });
  const build = (request: ModelRequest) => buildAnthropicParams(request, { model: config.model, capabilities });

  return {
    provider: config.label,
    model: config.model,
    capabilities,

    async *stream(request: ModelRequest): AsyncIterable<ModelStreamEvent> {
      const { params, warnings } = build(request);
      for (const message of warnings) yield { type: 'warning', message };
      let stream;
      try {
        stream = await client.messages.create({ ...params, stream: true }, { signal: request.signal });
      } catch (error) {
        yield { type: 'error', error: classifyError(error, Anthropic, request.signal) };
        return;
      }
      const tools = new Map<number, ToolCall>();
      const completed: ToolCall[] = [];
      let inputTokens = 0;
      let outputTokens = 0;
      let stopReason: string | null | undefined;
      let stopped = false;
      try {
        for await (const event of stream) {
          switch (event.type) {
            case 'message_start':
              inputTokens = event.message.usage.input_tokens ?? 0;
              outputTokens = event.message.usage.output_tokens ?? 0;
              break;
            case 'content_block_start':
              if (event.content_block.type === 'tool_use') {
                const { id, name } = event.content_block;
                tools.set(event.index, { id, name, argumentsJson: '' });
                yield { type: 'tool-call-delta', index: event.index, id, name, argumentsDelta: '' };
              }
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta') {
                if (event.delta.text) yield { type: 'text-delta', text: event.delta.text };
              } else if (event.delta.type === 'input_json_delta') {
                const call = tools.get(event.index);
                if (call) call.argumentsJson += event.delta.partial_json;
                yield { type: 'tool-call-delta', index: event.index, argumentsDelta: event.delta.partial_json };
              }
              break;
            case 'content_block_stop': {
              const call = tools.get(event.index);
              if (call) completed.push({ ...call, argumentsJson: call.argumentsJson || '{}' });
              break;
            }
            case 'message_delta':
              stopReason = event.delta.stop_reason ?? stopReason;
              outputTokens = event.usage.output_tokens ?? outputTokens;
              if (typeof event.usage.input_tokens === 'number') inputTokens = event.usage.input_tokens;
              break;
            case 'message_stop':
              stopped = true;
              break;
          }
        }
      } catch (error) {
        yield { type: 'error', error: classifyError(error, Anthropic, request.signal, true) };
        return;
      }
      if (request.signal?.aborted) {
        yield { type: 'error', error: new ProviderError('aborted', 'The request was stopped') };
        return;
      }
      if (!stopped) {
        yield { type: 'error', error: new ProviderError('stream-cut', 'The provider closed the stream before finishing the answer') };
        return;
      }
      for (const call of completed) yield { type: 'tool-call', call };
      yield { type: 'usage', inputTokens, outputTokens };
      yield { type: 'finish', reason: mapStopReason(stopReason) };
    },

    async generate(request: ModelRequest): Promise<GenerateResult> {
      const { params, warnings } = build(request);
      let message;
      try {
        message = await client.messages.create(params, { signal: request.signal });
      } catch (error) {
        throw classifyError(error, Anthropic, request.signal);
      }
      let text = '';
      const toolCalls: ToolCall[] = [];
      for (const block of message.content) {
        if (block.type === 'text') text += block.text;
        else if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, argumentsJson: JSON.stringify(block.input ?? {}) });
      }
      return {
        text,
        toolCalls,
        finishReason: mapStopReason(message.stop_reason),
        usage: { inputTokens: message.usage.input_tokens ?? 0, outputTokens: message.usage.output_tokens ?? 0 },
        warnings,
      };
    },
  };
}

function mapStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
