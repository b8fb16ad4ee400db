import { z } from 'zod';
import {
  HypothesisCategorySchema,
  MilestoneSchema,
  PhaseOutcomeSchema,
  StanceSchema,
  SuggestedActionKindSchema,
  TERMINAL_STATUSES,
  UrgencySchema,
} from './case-state';
import { toProviderJsonSchema, type JsonSchema } from './json-schema';

/*
 * The structured model-output contract: what the agent returns every turn (the original's
 * "form-filler" `{agent_response, state_updates}`, research §2b, flattened into one schema so
 * it fits every provider's JSON-schema or tool mode). The model fills in state updates; the
 * engines decide what they mean (see apply-agent-output.ts).
 */

const nullableText = (description: string) => z.string().nullable().default(null).describe(description);
const list = <T extends z.ZodType>(item: T, description: string) => z.array(item).default([]).describe(description);

export const AgentTurnOutputSchema = z
  .object({
    answer: z.string().describe('Your reply to the engineer, in Markdown. Cite evidence by label, e.g. [E2].'),
    problem: z
      .object({
        proposedStatement: nullableText('A one-sentence problem statement for the engineer to confirm, or null'),
        userConfirmedStatement: z.boolean().default(false).describe("True only if the engineer's latest message confirms the problem statement you proposed earlier"),
        userDecidedToInvestigate: z.boolean().default(false).describe("True only if the engineer's latest message agrees to start a structured investigation"),
        urgency: UrgencySchema.nullable().default(null).describe('Urgency if you assess it differently from the current one, else null'),
      })
      .default({ proposedStatement: null, userConfirmedStatement: false, userDecidedToInvestigate: false, urgency: null }),
    keyFacts: list(
      z.object({
        fact: z.string().describe('One short, specific fact learned this turn'),
        pin: z.boolean().default(false).describe('True if it must be remembered for the whole case (impact, timeline anchors, confirmed findings)'),
      }),
      'Facts learned this turn',
    ),
    milestones: list(MilestoneSchema, 'Milestones reached this turn (justify each in your answer)'),
    hypothesesToAdd: list(
      z.object({
        statement: z.string().describe('A testable root-cause hypothesis'),
        category: HypothesisCategorySchema,
        likelihood: z.number().nullable().default(null).describe('Prior likelihood 0–0.5, or null'),
      }),
      'New hypotheses; they get the next ids in order (see "Next hypothesis id")',
    ),
    hypothesisUpdates: list(
      z.object({
        hypothesisId: z.string(),
        action: z.enum(['validate', 'refute', 'retire', 'supersede']),
        reason: nullableText('Why (required to refute; at most 200 characters)'),
        supersededBy: nullableText('For supersede: the id of the replacing hypothesis'),
      }),
      'Status changes you request for existing hypotheses',
    ),
    evidenceLinks: list(
      z.object({
        hypothesisId: z.string(),
        evidenceLabel: z.string().describe('Evidence label such as E3'),
        stance: StanceSchema,
        confidence: z.number().nullable().default(null).describe('How strongly it bears on the hypothesis, 0–1'),
        note: nullableText('What in the evidence supports or refutes it'),
      }),
      'How evidence bears on hypotheses',
    ),
    phaseSignal: z
      .object({ outcome: PhaseOutcomeSchema, reason: z.string().default('') })
      .nullable()
      .default(null)
      .describe('Outcome of the current phase if something changed, else null'),
    suggestedActions: list(
      z.object({
        kind: SuggestedActionKindSchema.describe('decide: a reply the engineer can click; run: a command they copy and run; evidence: something to capture'),
        label: z.string(),
        payload: z.string().describe('decide: the reply text; run: the exact command; evidence: what to capture'),
      }),
      'Two to four next steps for the engineer',
    ),
    conclusion: z
      .object({
        statement: nullableText('Your working conclusion in one sentence'),
        caveats: list(z.string(), 'What could make it wrong'),
        nextEvidenceNeeded: list(z.string(), 'The most useful evidence to get next'),
      })
      .nullable()
      .default(null),
    proposedTransition: z
      .object({
        toStatus: z.enum(TERMINAL_STATUSES),
        reason: z.string(),
        summary: z.string().describe('Write-up: impact, timeline, root cause, fix, follow-ups'),
        evidenceLabels: list(z.string(), 'Evidence the summary rests on'),
      })
      .nullable()
      .default(null)
      .describe('Propose resolving or closing the case; the engineer must confirm in their next message'),
    transitionReply: z
      .enum(['none', 'confirmed', 'declined'])
      .default('none')
      .describe("The engineer's answer to a transition you proposed earlier, from their latest message"),
    abstain: z
      .object({ reason: z.string(), missingEvidence: list(z.string(), 'What evidence would settle it') })
      .nullable()
      .default(null)
      .describe('Set when the evidence cannot establish the cause; never guess instead'),
  })
  .describe('FaultMaven turn');

export type AgentTurnOutput = z.output<typeof AgentTurnOutputSchema>;

/** Name to register the schema under in a provider's JSON-schema mode. */
export const AGENT_OUTPUT_SCHEMA_NAME = 'faultmaven_turn';

let cachedJsonSchema: JsonSchema | null = null;
/** The contract as provider-portable JSON Schema (strict-mode compatible). */
export function agentOutputJsonSchema(): JsonSchema {
  cachedJsonSchema ??= toProviderJsonSchema(AgentTurnOutputSchema);
  return structuredClone(cachedJsonSchema);
}

/** Limits applied when normalising (kept out of the provider schema for portability). */
export const OUTPUT_LIMITS = {
  answerChars: 20_000,
  statementChars: 300,
  reasonChars: 200,
  factChars: 200,
  keyFacts: 8,
  hypothesesToAdd: 5,
  hypothesisUpdates: 8,
  evidenceLinks: 12,
  milestones: 7,
  suggestedActions: 6,
  listItems: 5,
  summaryChars: 2_000,
} as const;

const ENUM_KEYS = new Set(['stance', 'action', 'outcome', 'kind', 'category', 'urgency', 'toStatus', 'transitionReply']);

/** Lower-cases enum values (models often send "SUPPORTS" or "Active"). */
function relaxEnums(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => relaxEnums(item, key === 'milestones' ? key : undefined));
  if (typeof node === 'string') return key && (ENUM_KEYS.has(key) || key === 'milestones') ? node.trim().toLowerCase() : node;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, relaxEnums(v, k)]));
}

/** Extracts the JSON object from a reply that may be fenced or surrounded by prose. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const attempts = [trimmed];
  // Only look for a fence at the very start: answers often contain code fences of their own.
  const fenced = trimmed.match(/^```(?:json)?\s*([\s\S]*?)```\s*$/i)?.[1];
  if (fenced) attempts.push(fenced);
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) attempts.push(trimmed.slice(start, end + 1));
  for (const candidate of attempts) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  throw new Error('no JSON object found');
}

const ARRAY_ITEM_SCHEMAS = {
  keyFacts: AgentTurnOutputSchema.shape.keyFacts.unwrap().element,
  milestones: MilestoneSchema,
  hypothesesToAdd: AgentTurnOutputSchema.shape.hypothesesToAdd.unwrap().element,
  hypothesisUpdates: AgentTurnOutputSchema.shape.hypothesisUpdates.unwrap().element,
  evidenceLinks: AgentTurnOutputSchema.shape.evidenceLinks.unwrap().element,
  suggestedActions: AgentTurnOutputSchema.shape.suggestedActions.unwrap().element,
} as const;

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

const clamp01 = (n: number | null) => (n === null || !Number.isFinite(n) ? null : Math.min(1, Math.max(0, n)));

/** Trims, clips and caps everything so engines and prompts never see unbounded model text. */
export function normaliseAgentOutput(o: AgentTurnOutput): AgentTurnOutput {
  const L = OUTPUT_LIMITS;
  const texts = (items: string[]) => items.map((s) => clip(s, L.statementChars)).filter(Boolean).slice(0, L.listItems);
  return {
    answer: clip(o.answer, L.answerChars),
    problem: {
      ...o.problem,
      proposedStatement: o.problem.proposedStatement?.trim() ? clip(o.problem.proposedStatement, L.statementChars) : null,
    },
    keyFacts: o.keyFacts
      .map((f) => ({ fact: clip(f.fact, L.factChars), pin: f.pin }))
      .filter((f) => f.fact)
      .slice(0, L.keyFacts),
    milestones: [...new Set(o.milestones)].slice(0, L.milestones),
    hypothesesToAdd: o.hypothesesToAdd
      .map((h) => ({ ...h, statement: clip(h.statement, L.statementChars), likelihood: clamp01(h.likelihood) }))
      .filter((h) => h.statement)
      .slice(0, L.hypothesesToAdd),
    hypothesisUpdates: o.hypothesisUpdates
      .map((u) => ({ ...u, hypothesisId: u.hypothesisId.trim().toUpperCase(), reason: u.reason ? clip(u.reason, L.reasonChars) : null }))
      .slice(0, L.hypothesisUpdates),
    evidenceLinks: o.evidenceLinks
      .map((l) => ({
        ...l,
        hypothesisId: l.hypothesisId.trim().toUpperCase(),
        evidenceLabel: l.evidenceLabel.trim().replace(/^\[|\]$/g, ''),
        confidence: clamp01(l.confidence),
        note: l.note ? clip(l.note, L.reasonChars) : null,
      }))
      .slice(0, L.evidenceLinks),
    phaseSignal: o.phaseSignal ? { outcome: o.phaseSignal.outcome, reason: clip(o.phaseSignal.reason, L.reasonChars) } : null,
    suggestedActions: o.suggestedActions.filter((a) => a.payload.trim()).slice(0, L.suggestedActions),
    conclusion: o.conclusion
      ? {
          statement: o.conclusion.statement?.trim() ? clip(o.conclusion.statement, L.statementChars) : null,
          caveats: texts(o.conclusion.caveats),
          nextEvidenceNeeded: texts(o.conclusion.nextEvidenceNeeded),
        }
      : null,
    proposedTransition: o.proposedTransition
      ? {
          ...o.proposedTransition,
          reason: clip(o.proposedTransition.reason, L.statementChars),
          summary: clip(o.proposedTransition.summary, L.summaryChars),
          evidenceLabels: o.proposedTransition.evidenceLabels.slice(0, 20),
        }
      : null,
    transitionReply: o.transitionReply,
    abstain: o.abstain?.reason.trim()
      ? { reason: clip(o.abstain.reason, L.statementChars), missingEvidence: texts(o.abstain.missingEvidence) }
      : null,
  };
}

export type ParseAgentOutputResult =
  | { ok: true; output: AgentTurnOutput; warnings: string[] }
  | { ok: false; error: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`;
}

/**
 * Validates and normalises a model's structured reply (a JSON string or an already parsed
 * value). Invalid items inside lists are dropped with a warning rather than failing the whole
 * turn; a reply without a usable `answer` fails with a message the caller can send back to the
 * model for one self-correction retry (the original's validator allowed one).
 */
export function parseAgentOutput(raw: unknown): ParseAgentOutputResult {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = extractJson(raw);
    } catch (error) {
      return { ok: false, error: `The reply is not valid JSON (${(error as Error).message})` };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The reply must be a JSON object' };
  }
  const relaxed = relaxEnums(value) as Record<string, unknown>;
  const warnings: string[] = [];
  for (const [key, itemSchema] of Object.entries(ARRAY_ITEM_SCHEMAS)) {
    const items = relaxed[key];
    if (items === undefined || items === null) {
      delete relaxed[key];
      continue;
    }
    if (!Array.isArray(items)) {
      warnings.push(`${key}: expected a list, ignored`);
      delete relaxed[key];
      continue;
    }
    relaxed[key] = items.filter((item, index) => {
      const check = (itemSchema as z.ZodType).safeParse(item);
      if (!check.success) warnings.push(`${key}[${index}] ignored: ${describeIssue(check.error.issues[0]!)}`);
      return check.success;
    });
  }
  for (const key of ['problem', 'conclusion', 'phaseSignal', 'proposedTransition', 'abstain', 'transitionReply'] as const) {
    if (relaxed[key] === undefined) continue;
    const check = AgentTurnOutputSchema.shape[key].safeParse(relaxed[key]);
    if (!check.success) {
      warnings.push(`${key} ignored: ${describeIssue(check.error.issues[0]!)}`);
      delete relaxed[key];
    }
  }
  const parsed = AgentTurnOutputSchema.safeParse(relaxed);
  if (!parsed.success) return { ok: false, error: `The reply does not match the schema: ${parsed.error.issues.map(describeIssue).join('; ')}` };
  if (!parsed.data.answer.trim()) return { ok: false, error: 'The reply has an empty answer' };
  return { ok: true, output: normaliseAgentOutput(parsed.data), warnings };
}

/** A turn with only an answer and no state updates: for a provider that returned plain text. */
export function plainAnswerOutput(answer: string): AgentTurnOutput {
  return normaliseAgentOutput(AgentTurnOutputSchema.parse({ answer }));
}
