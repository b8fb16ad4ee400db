import { abstain, liftAbstentionIfProven } from './abstention';
import type { AgentTurnOutput } from './agent-output';
import {
  confirmProblemStatement,
  confirmTransition,
  declineTransition,
  decideToInvestigate,
  proposeProblemStatement,
  proposeTransition,
  setUrgency,
} from './case-lifecycle';
import { cloneState, isTerminal, type CaseState, type ConfidenceChange, type Milestone } from './case-state';
import { resolveEvidence } from './evidence-registry';
import type { EngineResult, InvestigationEvent } from './events';
import {
  addHypothesis,
  applyAutomaticTransitions,
  applyHypothesisAction,
  linkEvidence,
  updateStagnation,
  validatedHypothesis,
} from './hypothesis-manager';
import { recordTurn } from './memory-manager';
import { reachMilestone } from './milestones';
import { advanceOoda, resolveAnchoring } from './ooda-engine';
import { advanceWhileComplete, applyPhaseSignal, checkAutomaticLoopBack } from './phase-orchestrator';
import { isProgressEvent, updateProgress, RECENT_ACTION_KEYS_MAX } from './progress-monitor';
import { actionKey, buildSuggestedActions } from './suggested-actions';
import { updateWorkingConclusion } from './working-conclusion';

/*
 * Step 2 of a turn: applies the model's structured output through the engines, in a fixed
 * order, and closes the turn (memory, notes, pending marker). Whatever the model asks for, the
 * engines decide: a refused update becomes an `update-rejected` event and a note the model
 * sees next turn. Pure and deterministic, so re-running a stored output gives the same state.
 */

export interface ApplyContext {
  /** The user message id given to beginTurn; guards against applying a stale reply. */
  messageId?: string;
  now: number;
}

/** Decisions worth remembering, in words, from a turn's events (MemorySnapshot `decisions_made`). */
export function decisionsFromEvents(events: readonly InvestigationEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'problem-statement-confirmed':
        out.push(`Problem statement confirmed: ${e.statement}`);
        break;
      case 'investigation-started':
        out.push('Investigation started');
        break;
      case 'hypothesis-added':
        out.push(`Added ${e.hypothesisId}: ${e.statement}`);
        break;
      case 'hypothesis-status-changed':
        if (e.to !== 'active') out.push(`${e.hypothesisId} ${e.to}${e.reason ? `: ${e.reason}` : ''}`);
        break;
      case 'phase-changed':
        out.push(`${e.via === 'loop-back' ? 'Looped back' : e.via === 'skip' ? 'Skipped' : 'Moved'} from ${e.from} to ${e.to} (${e.reason})`);
        break;
      case 'escalated':
        out.push(`Escalated: ${e.reason}`);
        break;
      case 'abstained':
        out.push(`Abstained: ${e.reason}`);
        break;
      case 'anchoring-detected':
        out.push(`Anchoring detected: ${e.reasons.join('; ')}`);
        break;
      case 'case-status-changed':
        out.push(`Case ${e.to}`);
        break;
      default:
        break;
    }
  }
  return out;
}

function confidenceChangesFromEvents(events: readonly InvestigationEvent[]): ConfidenceChange[] {
  return events.flatMap((e) => (e.type === 'likelihood-changed' ? [{ hypothesisId: e.hypothesisId, from: e.from, to: e.to }] : []));
}

function noteFromRejection(e: Extract<InvestigationEvent, { type: 'update-rejected' }>): string {
  return `Not applied: ${e.update} (${e.reason})`;
}

export function applyAgentOutput(state: CaseState, output: AgentTurnOutput, context: ApplyContext): EngineResult<CaseState> {
  const pending = state.pendingTurn;
  if (!pending) {
    return {
      state: cloneState(state),
      events: [{ type: 'update-rejected', update: 'apply agent output', reason: 'no turn is in progress (call beginTurn first, or it was already applied)' }],
    };
  }
  if (context.messageId !== undefined && context.messageId !== pending.messageId) {
    return {
      state: cloneState(state),
      events: [{ type: 'update-rejected', update: 'apply agent output', reason: `the output answers ${context.messageId}, but the turn in progress is ${pending.messageId}` }],
    };
  }

  let s = cloneState(state);
  const events: InvestigationEvent[] = [];
  const step = (result: EngineResult<CaseState>) => {
    s = result.state;
    events.push(...result.events);
  };
  const reject = (update: string, reason: string) => events.push({ type: 'update-rejected', update, reason });
  const phaseAtStart = s.phase.current;
  const wasInvestigating = s.status === 'investigating';

  // 1. Lifecycle: urgency, the engineer's answer to an earlier proposal, the two-step confirmation.
  if (output.problem.urgency) step(setUrgency(s, output.problem.urgency));
  if (output.transitionReply !== 'none') {
    if (!s.pendingTransition) reject(`transition ${output.transitionReply}`, 'no transition was proposed');
    else step(output.transitionReply === 'confirmed' ? confirmTransition(s) : declineTransition(s));
  }
  if (output.problem.userConfirmedStatement) step(confirmProblemStatement(s));
  if (output.problem.proposedStatement) step(proposeProblemStatement(s, output.problem.proposedStatement));
  if (output.problem.userDecidedToInvestigate) step(decideToInvestigate(s));
  const terminal = isTerminal(s.status);

  // 2. Hypotheses and evidence.
  const addedIds: string[] = [];
  if (!terminal) {
    for (const h of output.hypothesesToAdd) {
      const result = addHypothesis(s, { statement: h.statement, category: h.category, likelihood: h.likelihood });
      step(result);
      if (result.hypothesisId) addedIds.push(result.hypothesisId);
    }
    if (wasInvestigating) step(resolveAnchoring(s, addedIds));
    for (const link of output.evidenceLinks) {
      const ref = resolveEvidence(s, link.evidenceLabel);
      if (!ref) {
        reject(`link ${link.evidenceLabel} to ${link.hypothesisId}`, `there is no evidence ${link.evidenceLabel}`);
        continue;
      }
      step(linkEvidence(s, { hypothesisId: link.hypothesisId, evidenceId: ref.id, stance: link.stance, confidence: link.confidence ?? undefined, note: link.note }));
    }
    for (const update of output.hypothesisUpdates) {
      step(applyHypothesisAction(s, { hypothesisId: update.hypothesisId, action: update.action, reason: update.reason, supersededBy: update.supersededBy }, 'agent'));
    }
  }

  // 3. Milestones. The engines derive root_cause_identified from a validated hypothesis.
  for (const milestone of output.milestones as Milestone[]) {
    if (milestone === 'root_cause_identified' && !validatedHypothesis(s)) {
      reject('milestone root_cause_identified', 'no hypothesis is validated yet');
      continue;
    }
    const events0: InvestigationEvent[] = [];
    if (milestone === 'solution_verified') reachMilestone(s, 'solution_proposed', events0);
    reachMilestone(s, milestone, events0);
    events.push(...events0);
  }

  // 4. One OODA iteration of the investigation: stagnation, anchoring, status rules, phases.
  if (wasInvestigating && s.status === 'investigating') {
    step(updateStagnation(s));
    // Status rules before anchoring detection: a stale idea that the rules already retire or
    // mark inconclusive is not an anchor.
    step(applyAutomaticTransitions(s));
    step(advanceOoda(s));
    s.phase.iteration++;
    const eliminated = events.some((e) => e.type === 'hypothesis-status-changed' && (e.to === 'refuted' || e.to === 'retired'));
    let loopedBack = false;
    if (output.phaseSignal) {
      const before = events.length;
      step(applyPhaseSignal(s, output.phaseSignal.outcome, output.phaseSignal.reason));
      loopedBack = events.slice(before).some((e) => e.type === 'loop-back-requested');
    }
    if (!loopedBack) step(checkAutomaticLoopBack(s, eliminated));
    step(advanceWhileComplete(s));
  } else if (output.phaseSignal && !terminal) {
    reject(`phase signal ${output.phaseSignal.outcome}`, 'the investigation has not started: the engineer must confirm the problem statement and agree to investigate');
  }

  // 5. Abstention and the agent's half of the terminal handshake.
  if (output.abstain) step(abstain(s, output.abstain));
  step(liftAbstentionIfProven(s));
  if (output.proposedTransition) {
    const evidenceIds = output.proposedTransition.evidenceLabels.flatMap((label) => resolveEvidence(s, label)?.id ?? []);
    step(proposeTransition(s, { ...output.proposedTransition, evidenceIds }));
  }

  // 6. Progress transparency counts investigative turns only.
  if (wasInvestigating && s.status === 'investigating') step(updateProgress(s, events.some(isProgressEvent)));

  // 7. Suggested actions, working conclusion.
  if (isTerminal(s.status)) {
    s.suggestedActions = [];
  } else {
    const built = buildSuggestedActions(s, output.suggestedActions);
    s.suggestedActions = built.actions;
    s.nextActionNumber = built.nextActionNumber;
    s.progress.recentActionKeys = [...s.progress.recentActionKeys, ...built.actions.filter((a) => !a.intent).map(actionKey)].slice(-RECENT_ACTION_KEYS_MAX);
    if (built.actions.length) events.push({ type: 'suggested-actions', actions: built.actions });
  }
  s.agentConclusion = output.conclusion
    ? { statement: output.conclusion.statement, caveats: output.conclusion.caveats, nextEvidenceNeeded: output.conclusion.nextEvidenceNeeded, turn: s.turn }
    : null;
  step(updateWorkingConclusion(s));

  // 8. Memory, then close the turn.
  const linkedLabels = [
    ...new Set(
      events.flatMap((e) => (e.type === 'evidence-linked' ? [s.evidence.find((r) => r.id === e.evidenceId)?.label ?? e.evidenceId] : [])),
    ),
  ];
  const memory = recordTurn(s.memory, {
    record: {
      turn: s.turn,
      phase: phaseAtStart,
      userText: pending.userText,
      agentText: output.answer,
      keyFacts: output.keyFacts.filter((f) => !f.pin).map((f) => f.fact),
      decisions: decisionsFromEvents(events),
      confidenceChanges: confidenceChangesFromEvents(events),
      evidenceLabels: linkedLabels,
    },
    pinnedFacts: output.keyFacts.filter((f) => f.pin).map((f) => f.fact),
  });
  s.memory = memory.state;
  events.push(...memory.events);

  s.notes = events.flatMap((e) => (e.type === 'update-rejected' ? [noteFromRejection(e)] : []));
  s.pendingTurn = null;
  s.lastAppliedMessageId = pending.messageId;
  s.updatedAt = context.now;
  return { state: s, events };
}
