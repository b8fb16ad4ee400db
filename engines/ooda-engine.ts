import { cloneState, type CaseState, type HypothesisCategory } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import {
  FORCED_ALTERNATIVES_COUNT,
  STAGNATION_HORIZON_ITERATIONS,
  VALIDATION_LIKELIHOOD,
  activeHypotheses,
  crowdedCategory,
  forceAlternatives,
  topHypothesis,
  validatedHypothesis,
} from './hypothesis-manager';
import { OODA_STEPS, PHASE_DEFINITIONS, PHASE_OODA_WEIGHTS, type OodaStep, type Phase } from './phases';

/*
 * OODAEngine: plans each turn's observe/orient/decide/act focus with an intensity that adapts
 * to phase and iteration (original `AdaptiveIntensityController`), and detects anchoring
 * (research/faultmaven.md §2a).
 */

export const OODA_INTENSITIES = ['none', 'light', 'medium', 'full'] as const;
export type OodaIntensity = (typeof OODA_INTENSITIES)[number];

/** Original settings default `DEFAULT_OODA_INTENSITY=medium`, used for any phase without a rule. */
export const DEFAULT_OODA_INTENSITY: OodaIntensity = 'medium';
/** HYPOTHESIS stays light and VALIDATION medium for this many iterations, then steps up. */
export const INTENSITY_ESCALATION_AFTER_ITERATIONS = 2;
/** Anchoring detection runs from this investigative iteration on. */
export const ANCHORING_MIN_ITERATION = 3;
/** Top hypothesis unchanged for this many iterations while below VALIDATION_LIKELIHOOD = anchoring. */
export const TOP_HYPOTHESIS_UNCHANGED_ITERATIONS = 3;

const STEPS_PER_INTENSITY: Record<OodaIntensity, number> = { none: 0, light: 2, medium: 3, full: 4 };

/** `iteration` is the 1-based iteration about to run in `phase`. */
export function intensityFor(phase: Phase, iteration: number): OodaIntensity {
  switch (phase) {
    case 'INTAKE':
      return 'none';
    case 'BLAST_RADIUS':
    case 'TIMELINE':
    case 'DOCUMENT':
      return 'light';
    case 'HYPOTHESIS':
      return iteration <= INTENSITY_ESCALATION_AFTER_ITERATIONS ? 'light' : 'medium';
    case 'VALIDATION':
      return iteration <= INTENSITY_ESCALATION_AFTER_ITERATIONS ? 'medium' : 'full';
    case 'SOLUTION':
      return 'medium';
    default:
      return DEFAULT_OODA_INTENSITY;
  }
}

export interface OodaPlan {
  phase: Phase;
  /** 1-based iteration of the coming turn within the phase. */
  iteration: number;
  intensity: OodaIntensity;
  /** Steps to work through this turn, in OODA order, with the phase's weight for each. */
  steps: { step: OodaStep; weight: number }[];
  /** CONSULTANT before the investigation starts, LEAD_INVESTIGATOR after (original `engagement_modes.py`). */
  engagement: 'consultant' | 'lead_investigator';
  shouldContinue: boolean;
  overrun: boolean;
}

/** What the coming turn should focus on; pure function of the state. */
export function planOodaTurn(state: CaseState): OodaPlan {
  const phase = state.phase.current;
  const iteration = state.phase.iteration + 1;
  const intensity = state.status === 'investigating' ? intensityFor(phase, iteration) : 'none';
  const weights = PHASE_OODA_WEIGHTS[phase];
  const allowed = PHASE_DEFINITIONS[phase].oodaSteps.filter((s) => weights[s] > 0);
  const chosen = [...allowed].sort((a, b) => weights[b] - weights[a]).slice(0, STEPS_PER_INTENSITY[intensity]);
  const steps = OODA_STEPS.filter((s) => chosen.includes(s)).map((step) => ({ step, weight: weights[step] }));
  const { max } = PHASE_DEFINITIONS[phase].expectedIterations;
  return {
    phase,
    iteration,
    intensity,
    steps,
    engagement: state.status === 'inquiry' ? 'consultant' : 'lead_investigator',
    shouldContinue: shouldContinueIterations(state),
    overrun: max > 0 && state.phase.iteration >= max,
  };
}

/**
 * Original `should_continue_iterations`: stop at the phase maximum, continue below the
 * minimum; in VALIDATION continue until a hypothesis is validated with likelihood ≥ 0.7.
 */
export function shouldContinueIterations(state: CaseState): boolean {
  const { min, max } = PHASE_DEFINITIONS[state.phase.current].expectedIterations;
  const done = state.phase.iteration;
  if (state.phase.current === 'VALIDATION') {
    const validated = validatedHypothesis(state);
    if (validated && validated.likelihood >= VALIDATION_LIKELIHOOD) return false;
    return done < max;
  }
  if (done < min) return true;
  return done < max;
}

export interface AnchoringFinding {
  reasons: string[];
  dominantCategory: HypothesisCategory | null;
}

/** The original's three anchoring signals; null when none fires or it is too early to tell. */
export function detectAnchoring(state: CaseState): AnchoringFinding | null {
  if (state.ooda.iteration < ANCHORING_MIN_ITERATION) return null;
  if (state.phase.current !== 'HYPOTHESIS' && state.phase.current !== 'VALIDATION') return null;
  const reasons: string[] = [];
  let dominant: HypothesisCategory | null = null;
  const crowded = crowdedCategory(state);
  if (crowded) {
    reasons.push(`${crowded.count} open hypotheses are all about ${crowded.category}`);
    dominant = crowded.category;
  }
  const stalled = activeHypotheses(state).filter((h) => h.iterationsWithoutProgress >= STAGNATION_HORIZON_ITERATIONS);
  for (const h of stalled) reasons.push(`${h.id} has had no new evidence for ${h.iterationsWithoutProgress} iterations`);
  if (!dominant && stalled[0]) dominant = stalled[0].category;
  const top = topHypothesis(state);
  if (top && state.ooda.topHypothesisId === top.id && state.ooda.topStreak >= TOP_HYPOTHESIS_UNCHANGED_ITERATIONS && top.likelihood < VALIDATION_LIKELIHOOD) {
    reasons.push(`${top.id} has led for ${state.ooda.topStreak} iterations without reaching ${VALIDATION_LIKELIHOOD}`);
    dominant ??= top.category;
  }
  return reasons.length ? { reasons, dominantCategory: dominant } : null;
}

/**
 * Closes one investigative OODA iteration: counts it, tracks the leading hypothesis, and when
 * anchoring is detected forces alternatives (retires stalled ones in the dominant category and
 * requires the model to add hypotheses from other categories).
 */
export function advanceOoda(state: CaseState): EngineResult<CaseState> {
  let draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  draft.ooda.iteration++;
  const top = topHypothesis(draft);
  if (!top) {
    draft.ooda.topHypothesisId = null;
    draft.ooda.topStreak = 0;
  } else if (draft.ooda.topHypothesisId === top.id) {
    draft.ooda.topStreak++;
  } else {
    draft.ooda.topHypothesisId = top.id;
    draft.ooda.topStreak = 0;
  }
  const pending = draft.ooda.anchoring;
  if (pending) {
    // Evidence settled it: a hypothesis validated since the detection ends the anchoring concern.
    const validated = validatedHypothesis(draft);
    if (validated && validated.statusChangedTurn >= pending.detectedTurn) {
      draft.ooda.anchoring = null;
      draft.ooda.topStreak = 0;
      events.push({ type: 'anchoring-cleared', reason: `${validated.id} was validated by evidence` });
    }
    return { state: draft, events };
  }
  const finding = detectAnchoring(draft);
  if (!finding) return { state: draft, events };
  const forced = forceAlternatives(draft, finding.dominantCategory);
  draft = forced.state;
  draft.ooda.anchoring = {
    reasons: finding.reasons,
    detectedTurn: draft.turn,
    dominantCategory: finding.dominantCategory,
    alternativesRequired: FORCED_ALTERNATIVES_COUNT,
  };
  draft.ooda.anchoringEpisodes++;
  events.push(
    {
      type: 'anchoring-detected',
      reasons: finding.reasons,
      dominantCategory: finding.dominantCategory,
      alternativesRequired: FORCED_ALTERNATIVES_COUNT,
    },
    ...forced.events,
  );
  return { state: draft, events };
}

/**
 * Checks the hypotheses the model added this turn against a pending anchoring requirement.
 * Alternatives only count when they come from a different category than the anchor.
 */
export function resolveAnchoring(state: CaseState, addedHypothesisIds: readonly string[]): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const anchoring = draft.ooda.anchoring;
  if (!anchoring || anchoring.detectedTurn >= draft.turn) return { state: draft, events };
  const alternatives = draft.hypotheses.filter(
    (h) => addedHypothesisIds.includes(h.id) && (anchoring.dominantCategory === null || h.category !== anchoring.dominantCategory),
  );
  const remaining = anchoring.alternativesRequired - alternatives.length;
  if (remaining <= 0) {
    draft.ooda.anchoring = null;
    draft.ooda.topStreak = 0;
    events.push({ type: 'alternatives-provided', hypothesisIds: alternatives.map((h) => h.id) });
  } else {
    anchoring.alternativesRequired = remaining;
    const where = anchoring.dominantCategory ? ` outside ${anchoring.dominantCategory}` : '';
    events.push({
      type: 'update-rejected',
      update: 'continue while anchored',
      reason: `add ${remaining} more alternative ${remaining > 1 ? 'hypotheses' : 'hypothesis'}${where} before moving on`,
    });
  }
  return { state: draft, events };
}
