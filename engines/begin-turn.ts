import { cloneState, type CaseState, type UserIntent } from './case-state';
import {
  confirmProblemStatement,
  confirmTransition,
  declineTransition,
  decideToInvestigate,
  rejectProblemStatement,
  setUrgency,
} from './case-lifecycle';
import { markEvidenceRemoved, registerEvidence, type EvidenceInput } from './evidence-registry';
import type { EngineResult, InvestigationEvent } from './events';
import { applyHypothesisAction } from './hypothesis-manager';
import { recordTurn, HOT_USER_TEXT_MAX_CHARS } from './memory-manager';
import { updateWorkingConclusion } from './working-conclusion';

/*
 * Step 1 of a turn, run when the engineer's message has been stored and before the model is
 * called: counts the turn, registers new evidence, applies the typed intent of a clicked
 * suggested action, and marks the turn as pending. Persist the result before calling the
 * model: a worker restarted mid-turn calls beginTurn again with the same messageId and gets
 * the same state back (idempotent), then retries the model call.
 */

export interface BeginTurnInput {
  /** Id of the stored user message this turn answers. */
  messageId: string;
  userText: string;
  /** Set when the engineer clicked a suggested action that carries an intent. */
  intent?: UserIntent | null;
  /** Every evidence item of the case as stored now; new ones are registered, missing ones marked removed. */
  evidence?: readonly EvidenceInput[];
  now: number;
}

/** Applies a typed intent. The engineer's clicks are authoritative; the engines still check order. */
export function applyUserIntent(state: CaseState, intent: UserIntent): EngineResult<CaseState> {
  switch (intent.type) {
    case 'confirm-problem-statement':
      return confirmProblemStatement(state);
    case 'reject-problem-statement':
      return rejectProblemStatement(state);
    case 'decide-to-investigate':
      return decideToInvestigate(state);
    case 'confirm-transition':
      return confirmTransition(state);
    case 'decline-transition':
      return declineTransition(state);
    case 'hypothesis-action':
      return applyHypothesisAction(state, { hypothesisId: intent.hypothesisId, action: intent.action, reason: intent.reason ?? null }, 'user');
    case 'set-urgency':
      return setUrgency(state, intent.urgency);
  }
}

export function beginTurn(state: CaseState, input: BeginTurnInput): EngineResult<CaseState> {
  if (state.pendingTurn?.messageId === input.messageId || state.lastAppliedMessageId === input.messageId) {
    return { state: cloneState(state), events: [] };
  }
  let draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const step = (result: EngineResult<CaseState>) => {
    draft = result.state;
    events.push(...result.events);
  };

  // A previous turn that never got an answer still happened: remember what the engineer said.
  if (draft.pendingTurn) {
    const abandoned = draft.pendingTurn;
    const memory = recordTurn(draft.memory, {
      record: {
        turn: abandoned.turn,
        phase: draft.phase.current,
        userText: abandoned.userText,
        agentText: '(no answer was produced for this message)',
        keyFacts: [],
        decisions: [],
        confidenceChanges: [],
        evidenceLabels: [],
      },
      pinnedFacts: [],
    });
    draft.memory = memory.state;
    events.push(...memory.events);
  }

  draft.turn++;
  draft.pendingTurn = {
    messageId: input.messageId,
    turn: draft.turn,
    userText: input.userText.slice(0, HOT_USER_TEXT_MAX_CHARS * 4),
    startedAt: input.now,
  };
  draft.updatedAt = input.now;
  events.push({ type: 'turn-began', turn: draft.turn, messageId: input.messageId });

  if (input.evidence) {
    step(registerEvidence(draft, input.evidence));
    const present = new Set(input.evidence.map((e) => e.id));
    const gone = draft.evidence.filter((e) => !e.removed && !present.has(e.id)).map((e) => e.id);
    if (gone.length) draft = markEvidenceRemoved(draft, gone);
  }
  if (input.intent) {
    step(applyUserIntent(draft, input.intent));
    step(updateWorkingConclusion(draft));
  }
  return { state: draft, events };
}
