import { cloneState, isTerminal, type CaseState, type LoopOutcome, type PhaseOutcome } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import { VALIDATION_LIKELIHOOD, activeHypotheses, isOpen, topHypothesis } from './hypothesis-manager';
import { milestoneReachedSince } from './milestones';
import { PHASES, PHASE_DEFINITIONS, phaseIndex, type Phase, type PhaseCriterion } from './phases';
import { isUrgent } from './severity';

/*
 * PhaseOrchestrator: moves a case through the seven phases. Forward moves happen when the
 * state meets a phase's completion criteria (several in one turn if milestones were reached
 * opportunistically); backward moves only through loop-backs, capped at MAX_LOOP_BACKS, after
 * which the case is escalated (original `phase_loopback.py`, research §2a).
 */

/** Original `MAX_LOOP_BACKS`. */
export const MAX_LOOP_BACKS = 3;
/** Ours: HYPOTHESIS completes with this many active hypotheses (the original loops back from VALIDATION below 2). */
export const MIN_CANDIDATE_HYPOTHESES = 2;
/** ACTIVE_INCIDENT strategy: skipping at high urgency needs a hypothesis at this likelihood (original `strategy_selector.py`). */
export const URGENT_SKIP_HYPOTHESIS_LIKELIHOOD = 0.6;

export const LOOP_TARGETS: Record<LoopOutcome, Phase> = {
  hypothesis_refuted: 'HYPOTHESIS',
  scope_changed: 'BLAST_RADIUS',
  timeline_wrong: 'TIMELINE',
};

function reopenedSince(state: CaseState, phase: Phase): number {
  return state.phase.reopenedTurn[phase] ?? 0;
}

export function criterionMet(state: CaseState, criterion: PhaseCriterion, sinceTurn = 0): boolean {
  switch (criterion) {
    case 'problem_confirmed':
      return state.problem.confirmedTurn !== null;
    case 'investigation_decided':
      return state.problem.investigationDecidedTurn !== null && state.status !== 'inquiry';
    case 'scope_assessed':
      return milestoneReachedSince(state, 'scope_assessed', sinceTurn);
    case 'timeline_established':
      return milestoneReachedSince(state, 'timeline_established', sinceTurn);
    case 'candidate_hypotheses': {
      const validatedSince = state.hypotheses.some((h) => h.status === 'validated' && h.statusChangedTurn >= sinceTurn);
      const active = activeHypotheses(state);
      const freshIdea = sinceTurn === 0 || state.hypotheses.some((h) => h.createdTurn >= sinceTurn);
      return validatedSince || (active.length >= MIN_CANDIDATE_HYPOTHESES && freshIdea);
    }
    case 'root_cause_validated':
      return state.hypotheses.some(
        (h) => h.status === 'validated' && h.likelihood >= VALIDATION_LIKELIHOOD && h.statusChangedTurn >= sinceTurn,
      );
    case 'solution_verified':
      return milestoneReachedSince(state, 'solution_verified', sinceTurn);
    case 'case_closed_out':
      return isTerminal(state.status);
  }
}

export function unmetCompletionCriteria(state: CaseState, phase: Phase = state.phase.current): PhaseCriterion[] {
  const since = reopenedSince(state, phase);
  return PHASE_DEFINITIONS[phase].completionCriteria.filter((c) => !criterionMet(state, c, since));
}

export function unmetEntryCriteria(state: CaseState, phase: Phase): PhaseCriterion[] {
  return PHASE_DEFINITIONS[phase].entryCriteria.filter((c) => !criterionMet(state, c));
}

function enterPhase(draft: CaseState, to: Phase, via: 'advance' | 'skip' | 'loop-back', reason: string, events: InvestigationEvent[]): void {
  const from = draft.phase.current;
  draft.phase.current = to;
  draft.phase.iteration = 0;
  draft.phase.enteredTurn = draft.turn;
  events.push({ type: 'phase-changed', from, to, via, reason });
}

/** Anchoring must be broken before the hypothesis phases may complete. */
function blockedByAnchoring(state: CaseState): boolean {
  return state.ooda.anchoring !== null && (state.phase.current === 'HYPOTHESIS' || state.phase.current === 'VALIDATION');
}

/** Moves forward through every consecutive phase whose completion criteria are met. */
export function advanceWhileComplete(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  if (draft.status !== 'investigating') return { state: draft, events };
  for (;;) {
    const phase = draft.phase.current;
    const next = PHASE_DEFINITIONS[phase].next;
    if (!next || blockedByAnchoring(draft) || unmetCompletionCriteria(draft, phase).length > 0) break;
    if (unmetEntryCriteria(draft, next).length > 0) break;
    if (!draft.phase.completed.includes(phase)) draft.phase.completed.push(phase);
    enterPhase(draft, next, 'advance', `${phase} complete`, events);
  }
  return { state: draft, events };
}

/** Sends the case back to an earlier phase; beyond MAX_LOOP_BACKS it escalates instead. */
export function loopBack(state: CaseState, outcome: LoopOutcome, reason: string): EngineResult<CaseState> {
  let draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const from = draft.phase.current;
  const to = LOOP_TARGETS[outcome];
  if (draft.status !== 'investigating' || phaseIndex(to) >= phaseIndex(from)) {
    events.push({ type: 'update-rejected', update: `loop back (${outcome})`, reason: `the case is in ${from}, not past ${to}` });
    return { state: draft, events };
  }
  if (draft.phase.loopBacks.length >= MAX_LOOP_BACKS) {
    events.push({ type: 'loop-back-requested', outcome, granted: false });
    const escalated = escalate(draft, `max_loops_exceeded: ${MAX_LOOP_BACKS} loop-backs used, then ${outcome}: ${reason}`);
    draft = escalated.state;
    events.push(...escalated.events);
    return { state: draft, events };
  }
  if (from === 'SOLUTION' && outcome === 'hypothesis_refuted') draft.progress.failedFixes++;
  draft.phase.loopBacks.push({ from, to, outcome, reason, turn: draft.turn });
  for (const phase of PHASES.slice(phaseIndex(to), phaseIndex(from) + 1)) {
    draft.phase.reopenedTurn[phase] = draft.turn;
  }
  draft.phase.completed = draft.phase.completed.filter((p) => phaseIndex(p) < phaseIndex(to));
  draft.phase.skipped = draft.phase.skipped.filter((p) => phaseIndex(p) < phaseIndex(to));
  events.push({ type: 'loop-back-requested', outcome, granted: true });
  enterPhase(draft, to, 'loop-back', `${outcome}: ${reason}`, events);
  return { state: draft, events };
}

export function escalate(state: CaseState, reason: string): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  if (draft.phase.escalation) return { state: draft, events };
  draft.phase.escalation = { reason, turn: draft.turn };
  events.push({ type: 'escalated', reason });
  return { state: draft, events };
}

/** Original `stalled` outcome: enter a degraded mode that caps the conclusion's confidence. */
export function enterDegradedMode(state: CaseState, reason: string): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const exhausted = !draft.hypotheses.some((h) => isOpen(h) || h.status === 'validated');
  const mode = exhausted ? 'hypothesis_space_exhausted' : 'critical_evidence_missing';
  if (draft.phase.degraded?.mode === mode) return { state: draft, events };
  draft.phase.degraded = { mode, reason, turn: draft.turn };
  events.push({ type: 'degraded-mode', mode, reason });
  return { state: draft, events };
}

/**
 * Urgent cases may jump to SOLUTION (original: only at high/critical urgency). At critical
 * urgency mitigation comes first, whatever the hypotheses say; at high urgency a hypothesis
 * must be at least URGENT_SKIP_HYPOTHESIS_LIKELIHOOD likely (ACTIVE_INCIDENT strategy).
 */
export function skipToSolution(state: CaseState, reason: string): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const from = draft.phase.current;
  const reject = (why: string) => {
    events.push({ type: 'update-rejected', update: 'skip to SOLUTION', reason: why });
    return { state: draft, events };
  };
  if (draft.status !== 'investigating') return reject('the investigation has not started');
  if (phaseIndex(from) >= phaseIndex('SOLUTION')) return reject(`the case is already in ${from}`);
  if (!isUrgent(draft.urgency)) return reject(`skipping is only allowed at high or critical urgency (this case is ${draft.urgency})`);
  const top = topHypothesis(draft);
  if (draft.urgency === 'high' && (!top || top.likelihood < URGENT_SKIP_HYPOTHESIS_LIKELIHOOD)) {
    return reject(`at high urgency a hypothesis must reach ${URGENT_SKIP_HYPOTHESIS_LIKELIHOOD} first`);
  }
  const between = PHASES.slice(phaseIndex(from), phaseIndex('SOLUTION'));
  const blocking = between.slice(1).find((p) => !PHASE_DEFINITIONS[p].canSkip);
  if (blocking) return reject(`${blocking} cannot be skipped`);
  for (const phase of between) {
    const done = unmetCompletionCriteria(draft, phase).length === 0;
    const list = done ? draft.phase.completed : draft.phase.skipped;
    if (!list.includes(phase)) list.push(phase);
  }
  enterPhase(draft, 'SOLUTION', 'skip', reason || `urgency ${draft.urgency}`, events);
  return { state: draft, events };
}

/**
 * Original rule: loop back from VALIDATION when every hypothesis is refuted, or fewer than two
 * are active and none is validated. We only apply the second half on a turn that refuted or
 * retired something, so a single strong hypothesis being tested is not bounced back. In
 * SOLUTION, a validated cause refuted by a failed fix also loops back.
 */
export function checkAutomaticLoopBack(state: CaseState, eliminatedThisTurn: boolean): EngineResult<CaseState> {
  const phase = state.phase.current;
  const hasValidated = state.hypotheses.some((h) => h.status === 'validated');
  if (phase === 'VALIDATION' && !hasValidated) {
    const open = state.hypotheses.filter(isOpen);
    const allRefuted = open.length === 0 && state.hypotheses.some((h) => h.status === 'refuted');
    if (allRefuted) return loopBack(state, 'hypothesis_refuted', 'every hypothesis was refuted');
    if (eliminatedThisTurn && activeHypotheses(state).length < MIN_CANDIDATE_HYPOTHESES) {
      return loopBack(state, 'hypothesis_refuted', `fewer than ${MIN_CANDIDATE_HYPOTHESES} active hypotheses remain`);
    }
  }
  if (phase === 'SOLUTION' && !hasValidated && eliminatedThisTurn && state.hypotheses.some((h) => h.status === 'refuted' && h.statusChangedTurn === state.turn)) {
    const wasValidated = state.phase.completed.includes('VALIDATION');
    if (wasValidated) return loopBack(state, 'hypothesis_refuted', 'the fix failed and its root cause was refuted');
  }
  return { state: cloneState(state), events: [] };
}

/** Applies the model's phase signal (original `PhaseOutcome`). */
export function applyPhaseSignal(state: CaseState, outcome: PhaseOutcome, reason: string): EngineResult<CaseState> {
  switch (outcome) {
    case 'completed': {
      const unmet = unmetCompletionCriteria(state);
      if (unmet.length === 0) return advanceWhileComplete(state);
      const draft = cloneState(state);
      return {
        state: draft,
        events: [{ type: 'update-rejected', update: `complete ${state.phase.current}`, reason: `not yet met: ${unmet.join(', ')}` }],
      };
    }
    case 'hypothesis_refuted':
    case 'scope_changed':
    case 'timeline_wrong':
      return loopBack(state, outcome, reason);
    case 'need_more_data':
      return { state: cloneState(state), events: [] };
    case 'stalled':
      return enterDegradedMode(state, reason || 'the agent reported a stall');
    case 'escalation_needed':
      return escalate(state, reason || 'the agent asked for a human expert');
    case 'skip_to_solution':
      return skipToSolution(state, reason);
  }
}
