// Turns a scenario reply into a protocol-neutral plan (text pieces, tool calls
// with argument pieces, finish reason, usage) that both vendor formats render.
import { randomBytes } from 'node:crypto';
import type { Reply } from './scenario-schema.ts';
import { estimateTokens, type LlmRequest } from './llm-request.ts';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface PlannedToolCall {
  id: string;
  name: string;
  argumentsJson: string;
  argumentChunks: string[];
}

export interface ReplyPlan {
  text: string;
  textChunks: string[];
  toolCalls: PlannedToolCall[];
  finishReason: FinishReason;
  usage: { inputTokens: number; outputTokens: number };
  chunkDelayMs: number;
}

const DEFAULT_CHUNK_CHARS = 20;

export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** Splits by code point so a chunk never ends in half a surrogate pair (emoji). */
export function splitChunks(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(''));
  return chunks;
}

export function replyText(reply: Reply): string {
  if (reply.chunks !== undefined) return reply.chunks.join('');
  if (reply.text !== undefined) return reply.text;
  if (reply.json !== undefined) return JSON.stringify(reply.json);
  return '';
}

export function planReply(reply: Reply, request: LlmRequest): ReplyPlan {
  const chunkChars = reply.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const text = replyText(reply);
  const textChunks = reply.chunks ?? splitChunks(text, chunkChars);
  const idPrefix = request.protocol === 'openai' ? 'call_' : 'toolu_';
  const toolCalls = (reply.toolCalls ?? []).map((call): PlannedToolCall => {
    const argumentsJson = JSON.stringify(call.arguments);
    return {
      id: call.id ?? randomId(idPrefix),
      name: call.name,
      argumentsJson,
      argumentChunks: splitChunks(argumentsJson, chunkChars),
    };
  });
  const outputText = text + toolCalls.map((call) => call.name + call.argumentsJson).join('');
  return {
    text,
    textChunks,
    toolCalls,
    finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: {
      inputTokens: reply.usage?.inputTokens ?? estimateTokens(request.promptText),
      outputTokens: reply.usage?.outputTokens ?? estimateTokens(outputText),
    },
    chunkDelayMs: reply.chunkDelayMs ?? 0,
  };
}
