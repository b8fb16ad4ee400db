// The completion flow shared by POST /v1/chat/completions and POST /v1/messages:
// pick the scenario, check the key, take the next matching reply, then answer it
// (normally, or with the reply's fault).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { anthropicMessage, anthropicStreamFrames, ANTHROPIC_GARBAGE_SSE, checkAnthropicHeaders, parseAnthropicRequest } from './anthropic-format.ts';
import { brokenJson, faultError } from './faults.ts';
import { BodyError, headerValue, readJsonBody, sendJson } from './http-util.ts';
import { invalidRequest, isRecord, LlmHttpError, type LlmRequest, type Protocol } from './llm-request.ts';
import { openAiCompletion, openAiStreamFrames, OPENAI_GARBAGE_SSE, parseOpenAiRequest } from './openai-format.ts';
import { planReply, type ReplyPlan } from './reply-plan.ts';
import type { Reply } from './scenario-schema.ts';
import type { ScenarioStore } from './scenario-store.ts';
import { sleep, writeSseStream, type SseOptions, type SseOutcome } from './sse.ts';
import { sendVendorError } from './vendor-error.ts';

export interface RecordedRequest {
  time: string;
  method: string;
  path: string;
  protocol: Protocol | null;
  scenario: string | null;
  /** Index of the reply that answered, in the scenario's `replies`. */
  replyIndex: number | null;
  /**
   * 'ok', the fault name, or 'error <status> <code>' when the server refused the request;
   * ' (client aborted)' is appended when the client left mid-stream.
   */
  outcome: string;
  /** HTTP status sent; null while pending, for a timeout, or when the connection was cut. */
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
}

export interface CompletionContext {
  store: ScenarioStore;
  defaultScenario: string;
  serverApiKey: string | undefined;
  record: RecordedRequest;
  requestId: string;
  /** Aborted when the client disconnects or the server closes. */
  signal: AbortSignal;
}

export const SCENARIO_HEADER = 'x-fm-scenario';
const MODEL_PREFIX = 'scripted/';

/** Header first, then a `scripted/<name>` model, then the server default. */
export function selectScenario(headers: IncomingHttpHeaders, body: unknown, fallback: string): string {
  const fromHeader = headerValue(headers, SCENARIO_HEADER);
  if (fromHeader) return fromHeader;
  const model = isRecord(body) ? body['model'] : undefined;
  if (typeof model === 'string' && model.startsWith(MODEL_PREFIX) && model.length > MODEL_PREFIX.length) {
    return model.slice(MODEL_PREFIX.length);
  }
  return fallback;
}

export function checkApiKey(headers: IncomingHttpHeaders, protocol: Protocol, required: string | undefined): void {
  if (required === undefined) return;
  const bearer = /^Bearer\s+(.+)$/i.exec(headerValue(headers, 'authorization') ?? '')?.[1];
  // The Anthropic SDK sends x-api-key, or a Bearer token when given authToken.
  const presented = protocol === 'anthropic' ? (headerValue(headers, 'x-api-key') ?? bearer) : bearer;
  if (presented === required) return;
  const message =
    presented === undefined
      ? protocol === 'anthropic'
        ? 'x-api-key header is required'
        : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth."
      : protocol === 'anthropic'
        ? 'invalid x-api-key'
        : 'Incorrect API key provided.';
  throw new LlmHttpError(401, 'authentication', message, protocol === 'openai' ? 'invalid_api_key' : null);
}

export async function handleCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  protocol: Protocol,
  ctx: CompletionContext,
): Promise<void> {
  const { record } = ctx;
  try {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (err) {
      throw invalidRequest(err instanceof BodyError ? err.message : 'Could not read the request body.');
    }
    record.body = body;
    const name = selectScenario(req.headers, body, ctx.defaultScenario);
    record.scenario = name;
    res.setHeader(SCENARIO_HEADER, name);
    const scenario = ctx.store.load(name);
    checkApiKey(req.headers, protocol, scenario.apiKey ?? ctx.serverApiKey);
    if (protocol === 'anthropic') checkAnthropicHeaders(req.headers);
    const request = protocol === 'openai' ? parseOpenAiRequest(body) : parseAnthropicRequest(body);
    const { index, reply } = ctx.store.take(name, scenario, request);
    record.replyIndex = index;
    record.outcome = reply.fault ?? 'ok';

    await sleep(reply.firstByteDelayMs ?? 0, ctx.signal);
    if (ctx.signal.aborted) return;
    // Accept the request and never answer: the client's own timeout must fire.
    if (reply.fault === 'timeout') return;
    const error = faultError(reply, protocol, name);
    if (error) throw error;

    const plan = planReply(reply, request);
    if (request.stream) {
      const outcome = await answerStream(res, reply, plan, request, ctx.signal);
      if (outcome === 'client-gone') record.outcome += ' (client aborted)';
    } else {
      await answerJson(res, reply, plan, request);
    }
    // A cut or abandoned response never finished, so it has no status worth reporting.
    record.status = res.writableFinished ? res.statusCode : null;
  } catch (err) {
    const httpError =
      err instanceof LlmHttpError
        ? err
        : new LlmHttpError(500, 'server', `llm-server bug: ${err instanceof Error ? err.message : String(err)}`);
    // A scripted fault keeps its name as the outcome; anything else is the server refusing.
    const scriptedFault = err instanceof LlmHttpError && record.replyIndex !== null;
    if (!scriptedFault) record.outcome = `error ${httpError.status} ${httpError.code ?? httpError.kind}`;
    record.status = httpError.status;
    sendVendorError(res, protocol, httpError, ctx.requestId);
  }
}

async function answerStream(
  res: ServerResponse,
  reply: Reply,
  plan: ReplyPlan,
  request: LlmRequest,
  signal: AbortSignal,
): Promise<SseOutcome> {
  const openai = request.protocol === 'openai';
  const frames = openai ? openAiStreamFrames(plan, request) : anthropicStreamFrames(plan, request);
  const options: SseOptions = { chunkDelayMs: plan.chunkDelayMs, signal };
  if (reply.fault === 'cut-stream') options.cutAfterChunks = reply.cutAfterChunks ?? 1;
  if (reply.fault === 'malformed-json') {
    options.garbage = { afterChunks: reply.cutAfterChunks ?? 1, raw: openai ? OPENAI_GARBAGE_SSE : ANTHROPIC_GARBAGE_SSE };
  }
  return writeSseStream(res, frames, options);
}

async function answerJson(res: ServerResponse, reply: Reply, plan: ReplyPlan, request: LlmRequest): Promise<void> {
  const wantsJson = request.jsonSchema !== null || reply.json !== undefined;
  // malformed-json on a structured reply: a well-formed response whose content is broken JSON.
  const content = reply.fault === 'malformed-json' && wantsJson ? { ...plan, text: brokenJson(plan.text) } : plan;
  const body = request.protocol === 'openai' ? openAiCompletion(content, request) : anthropicMessage(content, request);
  const text = JSON.stringify(body);

  if (reply.fault === 'malformed-json' && !wantsJson) {
    // Nothing structured to corrupt, so the response body itself is cut short.
    const broken = brokenJson(text);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken) });
    res.end(broken);
    return;
  }
  if (reply.fault === 'cut-stream') {
    // Promise the full length, deliver half, then drop the connection.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    await new Promise<void>((resolve) => res.write(text.slice(0, Math.floor(text.length / 2)), () => resolve()));
    res.socket?.destroy();
    return;
  }
  sendJson(res, 200, body);
}
