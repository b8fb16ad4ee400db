// Anthropic Messages wire format: request parsing, JSON responses, named SSE
// events (message_start … message_stop) and the {type:'error'} error body.
import type { IncomingHttpHeaders } from 'node:http';
import type { SseFrame } from './sse.ts';
import type { FinishReason, ReplyPlan } from './reply-plan.ts';
import { randomId } from './reply-plan.ts';
import {
  invalidRequest,
  isRecord,
  textOfContent,
  type ErrorKind,
  type LlmHttpError,
  type LlmRequest,
} from './llm-request.ts';

/** The real API rejects requests without it; so do we, to catch hand-rolled fetch calls. */
export function checkAnthropicHeaders(headers: IncomingHttpHeaders): void {
  if (!headers['anthropic-version']) throw invalidRequest('anthropic-version: header is required');
}

/** Only the user's own words: tool_result blocks are not "what the user said". */
function userWords(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .filter((block) => block['type'] === 'text' && typeof block['text'] === 'string')
    .map((block) => block['text'] as string)
    .join('\n');
}

function hasToolResult(content: unknown): boolean {
  return Array.isArray(content) && content.some((block) => isRecord(block) && block['type'] === 'tool_result');
}

export function parseAnthropicRequest(body: unknown): LlmRequest {
  if (!isRecord(body)) throw invalidRequest('Request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model === '') throw invalidRequest('model: Field required');
  if (typeof body['max_tokens'] !== 'number') throw invalidRequest('max_tokens: Field required');
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) throw invalidRequest('messages: at least one message is required');
  const records = messages.filter(isRecord);
  const userMessages = records.filter((m) => m['role'] === 'user');
  const lastUserWithWords = [...userMessages].reverse().find((m) => userWords(m['content']) !== '');
  const last = records.at(-1);
  const tools = body['tools'];
  return {
    protocol: 'anthropic',
    model,
    stream: body['stream'] === true,
    includeUsage: true,
    lastUserText: lastUserWithWords ? userWords(lastUserWithWords['content']) : '',
    promptText: [textOfContent(body['system']), ...records.map((m) => textOfContent(m['content']))].join('\n'),
    hasTools: Array.isArray(tools) && tools.length > 0,
    toolResult: last?.['role'] === 'user' && hasToolResult(last['content']),
    jsonSchema: outputFormatOf(body['output_config']),
  };
}

function outputFormatOf(config: unknown): { name: string } | null {
  if (!isRecord(config)) return null;
  const format = config['format'];
  if (!isRecord(format) || format['type'] !== 'json_schema') return null;
  const schema = format['schema'];
  // Anthropic formats carry no name; the schema title is the closest thing.
  const name = isRecord(schema) && typeof schema['title'] === 'string' ? schema['title'] : '';
  return { name };
}

const ERROR_TYPES: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  not_found: 'not_found_error',
  rate_limit: 'rate_limit_error',
  server: 'api_error',
  overloaded: 'overloaded_error',
};

export function anthropicErrorBody(err: LlmHttpError, requestId: string): unknown {
  return { type: 'error', error: { type: ERROR_TYPES[err.kind], message: err.message }, request_id: requestId };
}

const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

function usageBody(inputTokens: number, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    service_tier: 'standard',
  };
}

/** A text block is sent when there is text, or when there is nothing else to send. */
function hasTextBlock(plan: ReplyPlan): boolean {
  return plan.text !== '' || plan.toolCalls.length === 0;
}

export function anthropicMessage(plan: ReplyPlan, request: LlmRequest): unknown {
  const content: unknown[] = [];
  if (hasTextBlock(plan)) content.push({ type: 'text', text: plan.text });
  for (const call of plan.toolCalls) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.argumentsJson) });
  }
  return {
    id: randomId('msg_'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: STOP_REASONS[plan.finishReason],
    stop_sequence: null,
    usage: usageBody(plan.usage.inputTokens, plan.usage.outputTokens),
  };
}

export function anthropicStreamFrames(plan: ReplyPlan, request: LlmRequest): SseFrame[] {
  const frame = (event: string, payload: Record<string, unknown>, kind: SseFrame['kind'] = 'meta'): SseFrame => ({
    event,
    data: JSON.stringify({ type: event, ...payload }),
    kind,
  });
  const frames: SseFrame[] = [
    frame('message_start', {
      message: {
        id: randomId('msg_'),
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageBody(plan.usage.inputTokens, 1),
      },
    }),
  ];
  let index = 0;
  const startBlock = (contentBlock: unknown): void => {
    frames.push(frame('content_block_start', { index, content_block: contentBlock }));
    // The real API pings right after the first block opens.
    if (index === 0) frames.push(frame('ping', {}));
  };
  if (hasTextBlock(plan)) {
    startBlock({ type: 'text', text: '' });
    for (const text of plan.textChunks) {
      frames.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text } }, 'content'));
    }
    frames.push(frame('content_block_stop', { index }));
    index += 1;
  }
  for (const call of plan.toolCalls) {
    startBlock({ type: 'tool_use', id: call.id, name: call.name, input: {} });
    for (const piece of call.argumentChunks) {
      frames.push(frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }, 'content'));
    }
    frames.push(frame('content_block_stop', { index }));
    index += 1;
  }
  frames.push(
    frame(
      'message_delta',
      { delta: { stop_reason: STOP_REASONS[plan.finishReason], stop_sequence: null }, usage: { output_tokens: plan.usage.outputTokens } },
      'final',
    ),
  );
  frames.push(frame('message_stop', {}, 'final'));
  return frames;
}

/** A named event whose JSON is cut off mid-string (unnamed events are ignored by the SDK). */
export const ANTHROPIC_GARBAGE_SSE =
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated\n\n';

export function anthropicModelList(names: string[]): unknown {
  const data = names.map((name) => ({
    type: 'model',
    id: `scripted/${name}`,
    display_name: `Scripted: ${name}`,
    created_at: '2025-01-01T00:00:00Z',
  }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
