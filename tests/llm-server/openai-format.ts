// OpenAI Chat Completions wire format: request parsing, JSON responses,
// chat.completion.chunk SSE frames and the {error:{...}} error body.
import type { SseFrame } from './sse.ts';
import type { ReplyPlan } from './reply-plan.ts';
import { randomId } from './reply-plan.ts';
import {
  invalidRequest,
  isRecord,
  textOfContent,
  type ErrorKind,
  type LlmHttpError,
  type LlmRequest,
} from './llm-request.ts';

const SYSTEM_FINGERPRINT = 'fp_scripted';

export function parseOpenAiRequest(body: unknown): LlmRequest {
  if (!isRecord(body)) throw invalidRequest('Request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model === '') throw invalidRequest('you must provide a model parameter', 'missing_model');
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalidRequest("'messages' must be a non-empty array.", 'invalid_messages');
  }
  const records = messages.filter(isRecord);
  const lastUser = [...records].reverse().find((m) => m['role'] === 'user');
  const lastRole = records.at(-1)?.['role'];
  const streamOptions = body['stream_options'];
  const tools = body['tools'] ?? body['functions'];
  return {
    protocol: 'openai',
    model,
    stream: body['stream'] === true,
    includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
    lastUserText: lastUser ? textOfContent(lastUser['content']) : '',
    promptText: records.map((m) => textOfContent(m['content'])).join('\n'),
    hasTools: Array.isArray(tools) && tools.length > 0,
    toolResult: lastRole === 'tool' || lastRole === 'function',
    jsonSchema: jsonSchemaOf(body['response_format']),
  };
}

function jsonSchemaOf(format: unknown): { name: string } | null {
  if (!isRecord(format)) return null;
  if (format['type'] === 'json_object') return { name: '' };
  if (format['type'] !== 'json_schema') return null;
  const schema = format['json_schema'];
  const name = isRecord(schema) && typeof schema['name'] === 'string' ? schema['name'] : '';
  return { name };
}

const ERROR_TYPES: Record<ErrorKind, { type: string; code: string | null }> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'invalid_request_error', code: 'invalid_api_key' },
  not_found: { type: 'invalid_request_error', code: null },
  rate_limit: { type: 'requests', code: 'rate_limit_exceeded' },
  server: { type: 'server_error', code: null },
  overloaded: { type: 'server_error', code: 'overloaded' },
};

export function openAiErrorBody(err: LlmHttpError): unknown {
  const mapped = ERROR_TYPES[err.kind];
  return { error: { message: err.message, type: mapped.type, param: null, code: err.code ?? mapped.code } };
}

function usageBody(plan: ReplyPlan): Record<string, unknown> {
  const { inputTokens, outputTokens } = plan.usage;
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

export function openAiCompletion(plan: ReplyPlan, request: LlmRequest): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    // Like the real API: null content when the model only called tools.
    content: plan.text === '' && plan.toolCalls.length > 0 ? null : plan.text,
    refusal: null,
    annotations: [],
  };
  if (plan.toolCalls.length > 0) {
    message['tool_calls'] = plan.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
  }
  return {
    id: randomId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: usageBody(plan),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export function openAiStreamFrames(plan: ReplyPlan, request: LlmRequest): SseFrame[] {
  const base = {
    id: randomId('chatcmpl-'),
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  // With include_usage the real API sends `usage: null` on every chunk but the last.
  const usageNull = request.includeUsage ? { usage: null } : {};
  const chunk = (delta: unknown, finishReason: string | null = null): string =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...usageNull });

  const frames: SseFrame[] = [{ data: chunk({ role: 'assistant', content: '', refusal: null }), kind: 'meta' }];
  for (const text of plan.textChunks) frames.push({ data: chunk({ content: text }), kind: 'content' });
  plan.toolCalls.forEach((call, index) => {
    // The first delta of a call names it; the argument string follows in pieces.
    frames.push({
      data: chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }),
      kind: 'meta',
    });
    for (const piece of call.argumentChunks) {
      frames.push({ data: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }), kind: 'content' });
    }
  });
  frames.push({ data: chunk({}, plan.finishReason), kind: 'final' });
  if (request.includeUsage) {
    frames.push({ data: JSON.stringify({ ...base, choices: [], usage: usageBody(plan) }), kind: 'final' });
  }
  frames.push({ data: '[DONE]', kind: 'final' });
  return frames;
}

/** A `data:` line whose JSON is cut off mid-string. */
export const OPENAI_GARBAGE_SSE = 'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"unterminated\n\n';

export function openAiModelList(names: string[]): unknown {
  return {
    object: 'list',
    data: names.map((name) => ({ id: `scripted/${name}`, object: 'model', created: 0, owned_by: 'faultmaven-llm-server' })),
  };
}
