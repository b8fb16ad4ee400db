import {
  AGENT_OUTPUT_INSTRUCTIONS,
  applyAgentOutput,
  beginTurn,
  buildInvestigationContext,
  DEFAULT_CONTEXT_TOKENS,
  parseAgentOutput,
  plainAnswerOutput,
  type CaseState,
  type InvestigationEvent,
} from '@/engines/investigation';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord, MessageRecord } from '@/lib/db/records';
import { getCase } from '@/lib/cases/case-service';
import { readCaseState, saveCaseState } from './case-state-store';

/**
 * The service-worker side of an investigation turn. The engines are pure; this file loads
 * their state, persists it after each step (a worker may die between any two), and turns
 * the model's structured reply into state changes.
 */

export interface BegunInvestigation {
  state: CaseState;
  events: InvestigationEvent[];
  warning?: string;
}

/** Step 1: register the question and the case's evidence with the engines, then persist. */
export async function beginInvestigationTurn(
  db: FaultMavenDB,
  caseId: string,
  question: MessageRecord,
  evidence: EvidenceRecord[],
): Promise<BegunInvestigation> {
  const kase = await getCase(db, caseId);
  const { state, warning } = readCaseState(kase);
  const result = beginTurn(state, {
    messageId: question.id,
    userText: question.content,
    ...(question.intent ? { intent: question.intent } : {}),
    evidence: evidence.map((e) => ({ id: e.id, title: e.title, kind: e.kind, createdAt: e.createdAt })),
    now: Date.now(),
  });
  await saveCaseState(db, caseId, result.state);
  return { state: result.state, events: result.events, ...(warning ? { warning } : {}) };
}

/** Step 2: the standing output instructions and the engines' view of the case, for the prompt. */
export function investigationPromptSections(state: CaseState): { instructions: string; context: string } {
  return {
    instructions: AGENT_OUTPUT_INSTRUCTIONS,
    context: buildInvestigationContext(state, { maxTokens: DEFAULT_CONTEXT_TOKENS }).text,
  };
}

export interface CompletedInvestigation {
  /** The Markdown answer to store and show. */
  answer: string;
  state: CaseState;
  events: InvestigationEvent[];
  /** Set when the reply was not valid structured output and was kept as a plain answer. */
  warning?: string;
}

/**
 * Step 3: applies the model's reply. A reply that is not valid structured output still
 * counts as an answer (no state changes beyond the turn itself), so the user never loses it.
 */
export async function completeInvestigationTurn(
  db: FaultMavenDB,
  caseId: string,
  messageId: string,
  rawReply: string,
  fallbackAnswer: string,
): Promise<CompletedInvestigation> {
  const kase = await getCase(db, caseId);
  const { state } = readCaseState(kase);
  const parsed = parseAgentOutput(rawReply);
  const output = parsed.ok ? parsed.output : plainAnswerOutput(fallbackAnswer || rawReply);
  const result = applyAgentOutput(state, output, { messageId, now: Date.now() });
  await saveCaseState(db, caseId, result.state);
  return {
    answer: output.answer,
    state: result.state,
    events: result.events,
    ...(parsed.ok ? {} : { warning: `The model's reply was not structured as asked (${parsed.error}); kept as a plain answer.` }),
  };
}
