import { parseToolCall, type CaseState } from '@/engines/investigation';
import { TOOL_LIMITS } from '@/engines/agent-tools';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { ToolCall } from '@/lib/llm/model';
import { ModelInputPreparer } from '@/lib/evidence/prepare-for-model';
import { analyzeLogText } from '@/lib/evidence/logs/log-analyzer';
import { summarizeLog } from '@/lib/evidence/logs/summarize';
import { fenceUntrusted } from '@/lib/turns/build-prompt';

/**
 * Runs the agent's read-only tools. Every result goes back to a model, so it is redacted
 * with the case's masks and fenced as untrusted data, exactly like evidence in the prompt.
 */
export interface ToolContext {
  db: FaultMavenDB;
  caseId: string;
  state: CaseState;
  searchKnowledge?: (query: string) => Promise<{ text: string }>;
}

export type ToolOutcome =
  | { kind: 'result'; content: string; isError: boolean }
  /** `ask_user`: the turn ends with this question to the engineer. */
  | { kind: 'ask-user'; question: string; options: string[] };

export async function executeAgentTool(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const parsed = parseToolCall(call.name, call.argumentsJson);
  if (!parsed.ok) return { kind: 'result', content: parsed.error, isError: true };
  const preparer = new ModelInputPreparer(ctx.caseId);
  const { name, input } = parsed.call;
  switch (name) {
    case 'ask_user':
      return { kind: 'ask-user', question: input.question, options: input.options };
    case 'search_knowledge': {
      if (!ctx.searchKnowledge) return { kind: 'result', content: 'The knowledge base is not available.', isError: true };
      const found = await ctx.searchKnowledge(input.query);
      return { kind: 'result', content: preparer.redact(found.text, 'knowledge hits'), isError: false };
    }
    case 'read_evidence':
    case 'analyze_log': {
      const ref = ctx.state.evidence.find((e) => e.label === input.label.trim().toUpperCase());
      const item = ref ? await ctx.db.evidence.get(ref.id) : undefined;
      if (!item || item.caseId !== ctx.caseId) {
        const labels = ctx.state.evidence.map((e) => e.label).join(', ') || 'none';
        return { kind: 'result', content: `No evidence ${input.label} in this case (available: ${labels}).`, isError: true };
      }
      preparer.learn([item.title], [{ id: item.id, text: item.text }]);
      if (name === 'read_evidence') {
        const offset = Math.max(0, input.offset ?? 0);
        const length = Math.min(input.maxChars ?? TOOL_LIMITS.defaultReadChars, TOOL_LIMITS.readChars);
        const slice = item.text.slice(offset, offset + length);
        const more = offset + length < item.text.length ? `\n…[${item.text.length - offset - length} more characters; read on with offset ${offset + length}]` : '';
        return { kind: 'result', content: fenceUntrusted(preparer.redact(slice, `evidence ${input.label}`) + more), isError: false };
      }
      const source = input.query ? filterLines(item.text, input.query) : item.text;
      if (!source.trim()) return { kind: 'result', content: `No line of ${input.label} matches "${input.query}".`, isError: false };
      const summary = summarizeLog(analyzeLogText(source));
      return { kind: 'result', content: fenceUntrusted(preparer.redact(summary, `evidence ${input.label}`)), isError: false };
    }
  }
}

/** Lines matching `query` as a case-insensitive regular expression, or as plain text if it is not one. */
function filterLines(text: string, query: string): string {
  let test: (line: string) => boolean;
  try {
    const pattern = new RegExp(query, 'i');
    test = (line) => pattern.test(line);
  } catch {
    const needle = query.toLowerCase();
    test = (line) => line.toLowerCase().includes(needle);
  }
  return text
    .split('\n')
    .filter((line) => test(line))
    .join('\n');
}
