// Sends an LlmHttpError in the calling vendor's error shape.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { anthropicErrorBody } from './anthropic-format.ts';
import { openAiErrorBody } from './openai-format.ts';
import { sendJson } from './http-util.ts';
import type { LlmHttpError, Protocol } from './llm-request.ts';

export function sendVendorError(res: ServerResponse, protocol: Protocol, err: LlmHttpError, requestId: string): void {
  if (res.headersSent) {
    // Too late for a status code; a dead connection is the only honest signal left.
    res.destroy();
    return;
  }
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  if (err.retryAfter !== null) headers['retry-after'] = String(err.retryAfter);
  const body = protocol === 'anthropic' ? anthropicErrorBody(err, requestId) : openAiErrorBody(err);
  sendJson(res, err.status, body, headers);
}

/** For routes shared by both vendors (/v1/models, 404s): guess from the headers each SDK sends. */
export function protocolFromHeaders(headers: IncomingHttpHeaders): Protocol {
  return headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined ? 'anthropic' : 'openai';
}
