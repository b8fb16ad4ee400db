// Scenario faults that are not plain stream timing (sse.ts handles cut/garbage
// frames): HTTP error faults and the broken-JSON body used by malformed-json.
import type { Fault } from './scenario-schema.ts';
import { LlmHttpError, type Protocol } from './llm-request.ts';

interface ErrorFaultReply {
  fault?: Fault | undefined;
  retryAfter?: number | undefined;
  errorMessage?: string | undefined;
}

/** The HTTP error a reply's fault should produce, or null if the fault is not an error response. */
export function faultError(reply: ErrorFaultReply, protocol: Protocol, scenario: string): LlmHttpError | null {
  const why = `(scripted by scenario "${scenario}")`;
  const retryAfter = reply.retryAfter ?? null;
  const message = (fallback: string): string => reply.errorMessage ?? `${fallback} ${why}`;
  switch (reply.fault) {
    case 'rate-limit':
      return new LlmHttpError(429, 'rate_limit', message('Rate limit reached for requests.'), null, retryAfter);
    case 'server-error':
      return new LlmHttpError(500, 'server', message('The server had an error while processing your request.'), null, retryAfter);
    case 'overloaded':
      // Anthropic's own overloaded status is the non-standard 529; OpenAI uses 503.
      return new LlmHttpError(protocol === 'anthropic' ? 529 : 503, 'overloaded', message('Overloaded.'), null, retryAfter);
    case 'auth':
      return new LlmHttpError(401, 'authentication', message('Incorrect API key provided.'), null, retryAfter);
    default:
      return null;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Roughly the first half of `text`, guaranteed not to parse (like a model that stopped mid-object). */
export function brokenJson(text: string): string {
  const prefix = Array.from(text)
    .slice(0, Math.max(1, Math.floor(text.length / 2)))
    .join('');
  return parsesAsJson(prefix) ? `${prefix}{"` : prefix;
}
