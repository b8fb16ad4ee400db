// Decides whether a scenario reply's `match` fits a request. An absent field
// means "don't care", so an empty or missing match fits everything.
import type { ReplyMatch } from './scenario-schema.ts';
import type { LlmRequest } from './llm-request.ts';

export function replyMatches(match: ReplyMatch | undefined, request: LlmRequest): boolean {
  if (match === undefined) return true;
  if (match.protocol !== undefined && match.protocol !== request.protocol) return false;
  if (match.stream !== undefined && match.stream !== request.stream) return false;
  if (match.hasTools !== undefined && match.hasTools !== request.hasTools) return false;
  if (match.toolResult !== undefined && match.toolResult !== request.toolResult) return false;
  if (match.jsonSchema !== undefined) {
    const wanted = match.jsonSchema;
    const actual = request.jsonSchema;
    if (typeof wanted === 'boolean' ? wanted !== (actual !== null) : actual?.name !== wanted) return false;
  }
  if (match.lastUser !== undefined && !new RegExp(match.lastUser, 'i').test(request.lastUserText)) return false;
  return true;
}

/** One-line summary used in "no reply matched" errors, so a failing test says why. */
export function describeRequest(request: LlmRequest): string {
  const lastUser = request.lastUserText.length > 80 ? `${request.lastUserText.slice(0, 80)}…` : request.lastUserText;
  const json = request.jsonSchema === null ? 'none' : JSON.stringify(request.jsonSchema.name);
  return (
    `protocol=${request.protocol}, stream=${request.stream}, hasTools=${request.hasTools}, ` +
    `toolResult=${request.toolResult}, jsonSchema=${json}, lastUser=${JSON.stringify(lastUser)}`
  );
}
