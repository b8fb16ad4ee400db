import type OpenAI from 'openai';
import type { ModelCapabilities, ModelMessage, ModelRequest, ToolChoice } from './model';

type Params = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

export interface OpenAIRequestOptions {
  model: string;
  capabilities: ModelCapabilities;
  /** OpenAI itself wants `max_completion_tokens` (reasoning models reject `max_tokens`). */
  useMaxCompletionTokens: boolean;
}

/**
 * Builds Chat Completions parameters from a neutral request. Options the model cannot take
 * are dropped and reported as warnings instead of failing the call.
 */
export function buildOpenAIParams(request: ModelRequest, options: OpenAIRequestOptions): { params: Params; warnings: string[] } {
  const { capabilities } = options;
  const warnings: string[] = [];
  const params: Params = { model: options.model, messages: request.messages.map(toOpenAIMessage) };

  if (request.tools?.length) {
    if (capabilities.tools) {
      params.tools = request.tools.map((tool) => ({
        type: 'function',
        function: {
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: tool.parameters,
          ...(tool.strict && capabilities.structuredOutput === 'json-schema-strict' ? { strict: true } : {}),
        },
      }));
      if (request.toolChoice) params.tool_choice = toOpenAIToolChoice(request.toolChoice);
    } else {
      warnings.push(`${options.model} does not support tool calls here; the tools were not offered.`);
    }
  }

  if (request.responseFormat) {
    const mode = capabilities.structuredOutput;
    if (mode === 'json-schema-strict' || mode === 'json-schema') {
      const format = request.responseFormat;
      params.response_format = {
        type: 'json_schema',
        json_schema: {
          name: schemaName(format.name),
          ...(format.description ? { description: format.description } : {}),
          schema: format.schema,
          ...(mode === 'json-schema-strict' && format.strict ? { strict: true } : {}),
        },
      };
    } else {
      warnings.push(`${options.model} does not support JSON schema output; the answer format was not enforced.`);
    }
  }

  if (request.temperature !== undefined) {
    if (capabilities.temperature) params.temperature = request.temperature;
    else warnings.push(`${options.model} does not accept a temperature; it was left at the default.`);
  }
  if (request.maxOutputTokens) {
    if (options.useMaxCompletionTokens) params.max_completion_tokens = request.maxOutputTokens;
    else params.max_tokens = request.maxOutputTokens;
  }
  return { params, warnings };
}

function toOpenAIMessage(message: ModelMessage): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content || (message.toolCalls?.length ? null : ''),
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.argumentsJson },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.isError ? `Error: ${message.content}` : message.content };
  }
}

function toOpenAIToolChoice(choice: ToolChoice): OpenAI.Chat.Completions.ChatCompletionToolChoiceOption {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.name } };
}

/** OpenAI allows `[A-Za-z0-9_-]{1,64}` as a response format name. */
export function schemaName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'output';
}
