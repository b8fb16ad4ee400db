import type Anthropic from '@anthropic-ai/sdk';
import type { ModelCapabilities, ModelMessage, ModelRequest, ToolChoice } from './model';

type Params = Anthropic.Messages.MessageCreateParamsNonStreaming;
type ContentBlock = Anthropic.Messages.ContentBlockParam;

/** Anthropic requires max_tokens; this is what a chat answer gets when the caller sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export interface AnthropicRequestOptions {
  model: string;
  capabilities: ModelCapabilities;
}

/**
 * Builds Messages API parameters from a neutral request: system messages go to `system`,
 * tool results become `tool_result` blocks in a user turn, and options the model cannot take
 * become warnings.
 */
export function buildAnthropicParams(request: ModelRequest, options: AnthropicRequestOptions): { params: Params; warnings: string[] } {
  const { capabilities } = options;
  const warnings: string[] = [];
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const params: Params = {
    model: options.model,
    max_tokens: request.maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: toAnthropicMessages(request.messages),
    ...(system ? { system } : {}),
  };

  if (request.tools?.length) {
    if (capabilities.tools) {
      params.tools = request.tools.map((tool) => ({
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        input_schema: { ...tool.parameters, type: 'object' as const },
      }));
      if (request.toolChoice) params.tool_choice = toAnthropicToolChoice(request.toolChoice);
    } else {
      warnings.push(`${options.model} does not support tool calls here; the tools were not offered.`);
    }
  }

  if (request.responseFormat) {
    const mode = capabilities.structuredOutput;
    if (mode === 'json-schema' || mode === 'json-schema-strict') {
      params.output_config = { format: { type: 'json_schema', schema: request.responseFormat.schema } };
    } else {
      warnings.push(`${options.model} does not support JSON schema output; the answer format was not enforced.`);
    }
  }

  if (request.temperature !== undefined) {
    // The Messages API version this SDK speaks has no sampling parameters.
    warnings.push(`${options.model} does not accept a temperature; it was left at the default.`);
  }
  return { params, warnings };
}

function toAnthropicMessages(messages: ModelMessage[]): Anthropic.Messages.MessageParam[] {
  const out: Anthropic.Messages.MessageParam[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlock[]) => {
    const last = out.at(-1);
    // Consecutive turns of one role are merged: tool results of parallel calls belong together.
    if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        break;
      case 'user':
        push('user', [{ type: 'text', text: message.content }]);
        break;
      case 'assistant': {
        const blocks: ContentBlock[] = message.content ? [{ type: 'text', text: message.content }] : [];
        for (const call of message.toolCalls ?? []) {
          blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseArguments(call.argumentsJson) });
        }
        if (blocks.length) push('assistant', blocks);
        break;
      }
      case 'tool':
        push('user', [
          { type: 'tool_result', tool_use_id: message.toolCallId, content: message.content, ...(message.isError ? { is_error: true } : {}) },
        ]);
        break;
    }
  }
  return out;
}

function parseArguments(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw: json };
  }
}

function toAnthropicToolChoice(choice: ToolChoice): Anthropic.Messages.ToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.name };
}
