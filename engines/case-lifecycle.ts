import { cloneState, isTerminal, type CaseState, type TerminalStatus } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import { promoteCaptured } from './hypothesis-manager';
import { advanceWhileComplete } from './phase-orchestrator';
import type { Urgency } from './severity';

/*
 * Case lifecycle from the original's later design (research §2b): inquiry → investigating →
 * resolved | closed. Investigating needs two-step confirmation (the engineer confirms the
 * problem statement, then agrees to investigate); a terminal status needs a user–agent
 * handshake (the agent proposes, nothing happens until the engineer confirms in a later turn).
 * "Later turn" is the point: the model can never propose and accept on the user's behalf
 * in the same reply.
 */

export const PROBLEM_STATEMENT_MAX_CHARS = 300;

function rejected(state: CaseState, update: string, reason: string): EngineResult<CaseState> {
  return { state: cloneState(state), events: [{ type: 'update-rejected', update, reason }] };
}

export function proposeProblemStatement(state: CaseState, statement: string): EngineResult<CaseState> {
  const text = statement.trim().slice(0, PROBLEM_STATEMENT_MAX_CHARS);
  if (!text) return rejected(state, 'propose problem statement', 'the statement is empty');
  if (text === state.problem.proposed || text === state.problem.confirmed) return { state: cloneState(state), events: [] };
  const draft = cloneState(state);
  draft.problem.proposed = text;
  draft.problem.proposedTurn = draft.turn;
  return { state: draft, events: [{ type: 'problem-statement-proposed', statement: text }] };
}

/** Step 1 of 2. Only a statement the engineer has already seen (proposed in an earlier turn) can be confirmed. */
export function confirmProblemStatement(state: CaseState): EngineResult<CaseState> {
  const { proposed, proposedTurn, confirmed } = state.problem;
  if (!proposed || proposedTurn === null) {
    return rejected(state, 'confirm problem statement', 'no problem statement has been proposed');
  }
  if (proposed === confirmed) return { state: cloneState(state), events: [] };
  if (proposedTurn >= state.turn) {
    return rejected(state, 'confirm problem statement', 'the engineer has not seen this statement yet; ask them to confirm it');
  }
  const draft = cloneState(state);
  draft.problem.confirmed = proposed;
  draft.problem.confirmedTurn = draft.turn;
  return { state: draft, events: [{ type: 'problem-statement-confirmed', statement: proposed }] };
}

export function rejectProblemStatement(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  draft.problem.proposed = null;
  draft.problem.proposedTurn = null;
  return { state: draft, events: [{ type: 'problem-statement-rejected' }] };
}

/** Step 2 of 2: the engineer agrees to a structured investigation. Captured hypotheses become active. */
export function decideToInvestigate(state: CaseState): EngineResult<CaseState> {
  if (state.status !== 'inquiry') return { state: cloneState(state), events: [] };
  if (state.problem.confirmedTurn === null) {
    return rejected(state, 'start investigation', 'the problem statement must be confirmed first');
  }
  let draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  draft.status = 'investigating';
  draft.problem.investigationDecidedTurn = draft.turn;
  events.push({ type: 'case-status-changed', from: 'inquiry', to: 'investigating' }, { type: 'investigation-started', turn: draft.turn });
  const promoted = promoteCaptured(draft);
  draft = promoted.state;
  events.push(...promoted.events);
  const advanced = advanceWhileComplete(draft);
  return { state: advanced.state, events: [...events, ...advanced.events] };
}

export interface TransitionProposal {
  toStatus: TerminalStatus;
  reason: string;
  summary: string;
  evidenceIds: string[];
}

/**
 * The agent's half of the handshake. Resolving claims the problem is fixed, so it needs a
 * verified solution; closing (won't fix, duplicate, abstained, handed over) is always allowed.
 */
export function proposeTransition(state: CaseState, proposal: TransitionProposal): EngineResult<CaseState> {
  const update = `propose ${proposal.toStatus}`;
  if (isTerminal(state.status)) return rejected(state, update, `the case is already ${state.status}`);
  if (proposal.toStatus === 'resolved' && state.milestones.solution_verified === undefined) {
    return rejected(state, update, 'resolving needs a solution the engineer verified; propose "closed" otherwise');
  }
  const draft = cloneState(state);
  draft.pendingTransition = {
    toStatus: proposal.toStatus,
    reason: proposal.reason.trim().slice(0, 300),
    summary: proposal.summary.trim().slice(0, 2000),
    evidenceIds: proposal.evidenceIds,
    proposedTurn: draft.turn,
  };
  return { state: draft, events: [{ type: 'transition-proposed', toStatus: proposal.toStatus, reason: draft.pendingTransition.reason }] };
}

/** The engineer's half of the handshake. */
export function confirmTransition(state: CaseState): EngineResult<CaseState> {
  const pending = state.pendingTransition;
  if (!pending) return rejected(state, 'confirm transition', 'no transition has been proposed');
  if (pending.proposedTurn >= state.turn) {
    return rejected(state, 'confirm transition', 'the engineer must confirm the proposal in a later turn');
  }
  const draft = cloneState(state);
  const from = draft.status;
  draft.status = pending.toStatus;
  draft.resolution = { ...pending, confirmedTurn: state.turn };
  draft.pendingTransition = null;
  draft.suggestedActions = [];
  const events: InvestigationEvent[] = [{ type: 'case-status-changed', from, to: pending.toStatus }];
  if (draft.phase.current === 'DOCUMENT' && !draft.phase.completed.includes('DOCUMENT')) draft.phase.completed.push('DOCUMENT');
  return { state: draft, events };
}

export function declineTransition(state: CaseState): EngineResult<CaseState> {
  const pending = state.pendingTransition;
  if (!pending) return { state: cloneState(state), events: [] };
  const draft = cloneState(state);
  draft.pendingTransition = null;
  return { state: draft, events: [{ type: 'transition-declined', toStatus: pending.toStatus }] };
}

export function setUrgency(state: CaseState, urgency: Urgency): EngineResult<CaseState> {
  if (state.urgency === urgency) return { state: cloneState(state), events: [] };
  const draft = cloneState(state);
  draft.urgency = urgency;
  return { state: draft, events: [{ type: 'urgency-changed', from: state.urgency, to: urgency }] };
}

/** Reopens a resolved or closed case where it left off. */
export function reopenCase(state: CaseState): EngineResult<CaseState> {
  if (!isTerminal(state.status)) return { state: cloneState(state), events: [] };
  const draft = cloneState(state);
  const to = draft.problem.investigationDecidedTurn === null ? 'inquiry' : 'investigating';
  draft.status = to;
  return { state: draft, events: [{ type: 'case-status-changed', from: state.status, to }] };
}
