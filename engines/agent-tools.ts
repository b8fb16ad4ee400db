import { z } from 'zod';
import { toProviderJsonSchema, type JsonSchema } from './json-schema';

/*
 * Read-only tools the agent may call during a turn. Only their contracts live here (name,
 * description, input schema); the implementations belong to the app layer. None of them
 * changes anything: they read the knowledge base or the case's evidence, or hand a question
 * to the engineer. Commands are never run by the agent: they are suggested actions.
 */

export interface AgentToolDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  inputSchema: S;
  /** True for ask_user: the turn ends and the question is shown to the engineer. */
  endsTurn: boolean;
}

export const SearchKnowledgeInputSchema = z.object({
  query: z.string().describe('What to look for, in plain words or with exact error text'),
  scope: z.enum(['all', 'global', 'user', 'case']).nullable().default(null).describe('Knowledge tier to search; null for all'),
  maxResults: z.number().int().nullable().default(null).describe('At most this many hits (default 5, at most 10)'),
});

export const ReadEvidenceInputSchema = z.object({
  label: z.string().describe('Evidence label, e.g. E3'),
  offset: z.number().int().nullable().default(null).describe('Character offset to start reading from; null for the start'),
  maxChars: z.number().int().nullable().default(null).describe('How many characters to read (default 4000, at most 16000)'),
});

export const AnalyzeLogInputSchema = z.object({
  label: z.string().describe('Label of a log evidence item, e.g. E2'),
  focus: z.enum(['errors', 'timeline', 'patterns', 'summary']).describe('errors: error lines grouped; timeline: first/last occurrences; patterns: repeated templates with counts; summary: all three, short'),
  query: z.string().nullable().default(null).describe('Optional text or regular expression to restrict the analysis to'),
});

export const AskUserInputSchema = z.object({
  question: z.string().describe('One specific question the engineer can answer'),
  reason: z.string().describe('Why the answer matters for the investigation'),
  options: z.array(z.string()).default([]).describe('Up to four short answers to offer as buttons; empty for free text'),
});

export const AGENT_TOOLS = {
  search_knowledge: {
    name: 'search_knowledge',
    description: 'Search the knowledge base (runbooks, past cases, notes) for material relevant to the incident. Read-only.',
    inputSchema: SearchKnowledgeInputSchema,
    endsTurn: false,
  },
  read_evidence: {
    name: 'read_evidence',
    description: 'Read the full text of one evidence item of this case, or a slice of it, when its summary in the prompt is not enough. Read-only.',
    inputSchema: ReadEvidenceInputSchema,
    endsTurn: false,
  },
  analyze_log: {
    name: 'analyze_log',
    description: 'Analyse a log evidence item without reading it whole: error groups, first and last occurrences, repeated patterns. Read-only.',
    inputSchema: AnalyzeLogInputSchema,
    endsTurn: false,
  },
  ask_user: {
    name: 'ask_user',
    description: 'Ask the engineer one question you cannot answer from the evidence. Ends your turn; their answer arrives as the next message.',
    inputSchema: AskUserInputSchema,
    endsTurn: true,
  },
} as const satisfies Record<string, AgentToolDefinition>;

export type AgentToolName = keyof typeof AGENT_TOOLS;
export type AgentToolInput<N extends AgentToolName> = z.output<(typeof AGENT_TOOLS)[N]['inputSchema']>;

export const AGENT_TOOL_NAMES = Object.keys(AGENT_TOOLS) as AgentToolName[];

/** Tool definitions in the provider-neutral `{name, description, parameters}` form. */
export function agentToolJsonSchemas(): { name: AgentToolName; description: string; parameters: JsonSchema }[] {
  return AGENT_TOOL_NAMES.map((name) => ({
    name,
    description: AGENT_TOOLS[name].description,
    parameters: toProviderJsonSchema(AGENT_TOOLS[name].inputSchema),
  }));
}

/** Bounds for values the model chose; applied after validation. */
export const TOOL_LIMITS = { maxResults: 10, defaultResults: 5, readChars: 16_000, defaultReadChars: 4_000, askOptions: 4 } as const;

export type ParsedToolCall =
  | { ok: true; call: { [N in AgentToolName]: { name: N; input: AgentToolInput<N> } }[AgentToolName] }
  | { ok: false; error: string };

/** Validates a tool call from the model (arguments as JSON text or object) and applies the bounds. */
export function parseToolCall(name: string, args: unknown): ParsedToolCall {
  if (!(AGENT_TOOL_NAMES as string[]).includes(name)) {
    return { ok: false, error: `Unknown tool "${name}". Available: ${AGENT_TOOL_NAMES.join(', ')}` };
  }
  let value = args;
  if (typeof args === 'string') {
    try {
      value = args.trim() ? JSON.parse(args) : {};
    } catch {
      return { ok: false, error: `Arguments for ${name} are not valid JSON` };
    }
  }
  const tool = AGENT_TOOLS[name as AgentToolName];
  const parsed = (tool.inputSchema as z.ZodType).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `Invalid arguments for ${name}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const input = parsed.data as Record<string, unknown>;
  switch (name as AgentToolName) {
    case 'search_knowledge': {
      const n = (input.maxResults as number | null) ?? TOOL_LIMITS.defaultResults;
      input.maxResults = Math.min(TOOL_LIMITS.maxResults, Math.max(1, n));
      break;
    }
    case 'read_evidence': {
      input.offset = Math.max(0, (input.offset as number | null) ?? 0);
      const n = (input.maxChars as number | null) ?? TOOL_LIMITS.defaultReadChars;
      input.maxChars = Math.min(TOOL_LIMITS.readChars, Math.max(1, n));
      input.label = String(input.label).trim().replace(/^\[|\]$/g, '').toUpperCase();
      break;
    }
    case 'analyze_log':
      input.label = String(input.label).trim().replace(/^\[|\]$/g, '').toUpperCase();
      break;
    case 'ask_user':
      input.options = (input.options as string[]).map((o) => o.trim()).filter(Boolean).slice(0, TOOL_LIMITS.askOptions);
      break;
  }
  return { ok: true, call: { name, input } as never };
}
