import { cloneState, type CaseState } from './case-state';
import type { EngineResult } from './events';
import { validatedHypothesis } from './hypothesis-manager';

/*
 * Abstaining (original later design): when the evidence cannot prove a cause, the agent says
 * so instead of guessing. While abstaining the working conclusion stays at "speculation" and no
 * solution may be proposed as a root-cause fix. A hypothesis validated afterwards lifts it.
 */

export const ABSTENTION_REASON_MAX_CHARS = 300;

export function abstain(state: CaseState, input: { reason: string; missingEvidence: string[] }): EngineResult<CaseState> {
  const reason = input.reason.trim().slice(0, ABSTENTION_REASON_MAX_CHARS);
  if (!reason) {
    return { state: cloneState(state), events: [{ type: 'update-rejected', update: 'abstain', reason: 'an abstention needs a reason' }] };
  }
  const draft = cloneState(state);
  const missingEvidence = input.missingEvidence.map((m) => m.trim()).filter(Boolean).slice(0, 5);
  draft.abstention = { reason, missingEvidence, turn: draft.turn };
  return { state: draft, events: [{ type: 'abstained', reason, missingEvidence }] };
}

/** Lifts the abstention once a hypothesis is validated after it. */
export function liftAbstentionIfProven(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const validated = validatedHypothesis(draft);
  if (draft.abstention && validated && validated.statusChangedTurn > draft.abstention.turn) draft.abstention = null;
  return { state: draft, events: [] };
}
