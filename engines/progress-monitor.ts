import { cloneState, type CaseState, type RepairType } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import { activeHypotheses, isOpen } from './hypothesis-manager';
import { MAX_LOOP_BACKS, unmetCompletionCriteria } from './phase-orchestrator';
import { CRITERION_DESCRIPTIONS, PHASE_LABELS } from './phases';

/*
 * Progress transparency (original `progress_monitor.py`, research §2b): silent by default;
 * after PROGRESS_TRANSPARENCY_TURNS investigative turns without a milestone the agent must say
 * openly what is blocking and offer ways out. Dead ends that more turns cannot fix (the
 * hypothesis space is exhausted, fixes keep failing) go transparent at once.
 */

export const PROGRESS_TRANSPARENCY_TURNS = 5;
/** Ours: the same suggested action this many times in the recent list is an action loop. */
export const ACTION_LOOP_REPEATS = 3;
export const RECENT_ACTION_KEYS_MAX = 12;
/** Ours: two failed fixes in one case is a fix-failure cycle. */
export const FIX_FAILURE_CYCLE_COUNT = 2;
/** Ours: the two leading hypotheses within this likelihood margin and not moving = deadlock. */
export const DEADLOCK_LIKELIHOOD_MARGIN = 0.1;

const IMMEDIATE_REPAIRS: readonly RepairType[] = ['exhausted', 'fix_failure_cycle'];

export const REPAIR_ADVICE: Record<RepairType, string> = {
  hypothesis_anchoring: 'The investigation keeps circling one idea. Propose alternatives from other categories.',
  hypothesis_deadlock: 'The leading hypotheses cannot be told apart. Ask for the one piece of evidence that discriminates between them.',
  exhausted: 'Every hypothesis has been eliminated. Say so plainly, and offer to abstain, escalate, or widen the scope.',
  fix_failure_cycle: 'Fixes keep failing. Stop proposing fixes; re-examine the root cause with fresh evidence.',
  action_loop: 'The same action keeps being suggested. Suggest something different or explain why it is still needed.',
};

export function chooseRepairType(state: CaseState): RepairType | null {
  const noneLeft = !state.hypotheses.some((h) => isOpen(h) || h.status === 'validated');
  if (state.phase.degraded?.mode === 'hypothesis_space_exhausted') return 'exhausted';
  if (noneLeft && state.phase.loopBacks.length >= MAX_LOOP_BACKS && state.hypotheses.length > 0) return 'exhausted';
  if (state.progress.failedFixes >= FIX_FAILURE_CYCLE_COUNT) return 'fix_failure_cycle';
  if (state.ooda.anchoring || state.ooda.anchoringEpisodes >= 2) return 'hypothesis_anchoring';
  const counts = new Map<string, number>();
  for (const key of state.progress.recentActionKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  if ([...counts.values()].some((n) => n >= ACTION_LOOP_REPEATS)) return 'action_loop';
  const active = [...activeHypotheses(state)].sort((a, b) => b.likelihood - a.likelihood);
  const [first, second] = active;
  if (
    first &&
    second &&
    first.likelihood - second.likelihood <= DEADLOCK_LIKELIHOOD_MARGIN &&
    first.iterationsWithoutProgress >= 1 &&
    second.iterationsWithoutProgress >= 1
  ) {
    return 'hypothesis_deadlock';
  }
  return null;
}

/**
 * Counts one investigative turn. `madeProgress` is true when the turn reached a milestone,
 * completed or skipped a phase, or validated or refuted a hypothesis.
 */
export function updateProgress(state: CaseState, madeProgress: boolean): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const progress = draft.progress;
  progress.investigativeTurns++;
  if (madeProgress) {
    progress.lastProgressTurn = draft.turn;
    progress.turnsWithoutProgress = 0;
    if (progress.transparency) {
      progress.transparency = null;
      events.push({ type: 'progress-transparency', active: false, repairType: null, description: 'Progress resumed' });
    }
    return { state: draft, events };
  }
  progress.turnsWithoutProgress++;
  const repairType = chooseRepairType(draft);
  const due = progress.turnsWithoutProgress >= PROGRESS_TRANSPARENCY_TURNS || (repairType !== null && IMMEDIATE_REPAIRS.includes(repairType));
  if (!due) return { state: draft, events };
  const pending = unmetCompletionCriteria(draft)[0] ?? null;
  const phaseName = PHASE_LABELS[draft.phase.current];
  const missing = pending ? `still missing: ${CRITERION_DESCRIPTIONS[pending].toLowerCase()}` : 'no criterion is pending';
  const description =
    `No milestone for ${progress.turnsWithoutProgress} investigative turn${progress.turnsWithoutProgress === 1 ? '' : 's'} in ${phaseName}; ${missing}.` +
    (repairType ? ` ${REPAIR_ADVICE[repairType]}` : '');
  const changed = progress.transparency?.repairType !== repairType || !progress.transparency;
  progress.transparency = {
    pendingCriterion: pending,
    description,
    repairType,
    turnsWithoutProgress: progress.turnsWithoutProgress,
    sinceTurn: progress.transparency?.sinceTurn ?? draft.turn,
  };
  if (changed) events.push({ type: 'progress-transparency', active: true, repairType, description });
  return { state: draft, events };
}

/** Which events of a turn count as progress for the monitor. */
export function isProgressEvent(event: InvestigationEvent): boolean {
  switch (event.type) {
    case 'milestone-reached':
    case 'investigation-started':
      return true;
    case 'phase-changed':
      return event.via !== 'loop-back';
    case 'hypothesis-status-changed':
      return event.to === 'validated' || event.to === 'refuted';
    default:
      return false;
  }
}
