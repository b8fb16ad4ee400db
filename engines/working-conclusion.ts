import {
  cloneState,
  type CaseState,
  type ConfidenceLevel,
  type DegradedMode,
  type Hypothesis,
  type WorkingConclusion,
} from './case-state';
import type { EngineResult } from './events';
import {
  LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD,
  countStances,
  isOpen,
  topHypothesis,
  validatedHypothesis,
} from './hypothesis-manager';
import { PHASE_DEFINITIONS } from './phases';

/*
 * WorkingConclusionGenerator (original `working_conclusion_generator.py`, run every turn).
 * The confidence is the engines' number, derived from hypothesis likelihoods and capped by
 * degraded modes; the model may phrase the statement and add caveats, never set confidence.
 */

/** `ConfidenceLevel` thresholds: speculation < 0.5; probable 0.5–0.69; confident 0.7–0.89; verified ≥ 0.9. */
export const CONFIDENCE_LEVEL_THRESHOLDS = { probable: 0.5, confident: 0.7, verified: 0.9 } as const;
/** `can_proceed_with_solution` at confidence ≥ 0.70. */
export const CAN_PROPOSE_SOLUTION_CONFIDENCE = 0.7;
/** Degraded modes cap confidence (original: `critical_evidence_missing` 50%, `hypothesis_space_exhausted` 0%). */
export const DEGRADED_CONFIDENCE_CAPS: Record<DegradedMode, number> = {
  critical_evidence_missing: 0.5,
  hypothesis_space_exhausted: 0,
};
/** Ours: while abstaining the conclusion stays speculation. */
export const ABSTENTION_CONFIDENCE_CAP = 0.49;
/** Ours: an alternative this close to the leader is named as a caveat. */
export const CLOSE_ALTERNATIVE_MARGIN = 0.15;
export const MAX_CAVEATS = 5;
export const MAX_ALTERNATIVES = 3;
export const MAX_NEXT_EVIDENCE = 4;
/** Momentum: a confidence change of this size, or this many new stance links, is HIGH. */
export const HIGH_MOMENTUM_CONFIDENCE_DELTA = 0.15;
export const MODERATE_MOMENTUM_CONFIDENCE_DELTA = 0.05;

export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= CONFIDENCE_LEVEL_THRESHOLDS.verified) return 'verified';
  if (confidence >= CONFIDENCE_LEVEL_THRESHOLDS.confident) return 'confident';
  if (confidence >= CONFIDENCE_LEVEL_THRESHOLDS.probable) return 'probable';
  return 'speculation';
}

function unique(items: string[], max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const text = item.trim();
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
    if (out.length === max) break;
  }
  return out;
}

function baseHypothesis(state: CaseState): Hypothesis | null {
  return validatedHypothesis(state) ?? topHypothesis(state);
}

/** Pure: the conclusion the state supports right now. */
export function generateWorkingConclusion(state: CaseState): WorkingConclusion {
  const base = baseHypothesis(state);
  const previous = state.conclusion;
  const agent = state.agentConclusion?.turn === state.turn ? state.agentConclusion : null;
  const abstained = state.abstention !== null;

  let confidence = base?.likelihood ?? 0;
  const caveats: string[] = [];
  const degraded = state.phase.degraded;
  if (degraded && confidence > DEGRADED_CONFIDENCE_CAPS[degraded.mode]) {
    confidence = DEGRADED_CONFIDENCE_CAPS[degraded.mode];
    caveats.push(`Confidence capped at ${Math.round(confidence * 100)}%: ${degraded.mode.replace(/_/g, ' ')}`);
  }
  if (abstained && confidence > ABSTENTION_CONFIDENCE_CAP) confidence = ABSTENTION_CONFIDENCE_CAP;

  let statement: string;
  if (abstained) {
    statement = `The available evidence cannot establish the root cause: ${state.abstention!.reason}`;
  } else if (agent?.statement) {
    statement = agent.statement;
  } else if (base?.status === 'validated') {
    statement = `Root cause: ${base.statement} (${base.id}, validated)`;
  } else if (base) {
    statement = `Leading hypothesis: ${base.statement} (${base.id}, ${base.likelihood.toFixed(2)})`;
  } else if (state.status === 'inquiry') {
    statement = state.problem.proposed ? `Problem under discussion: ${state.problem.proposed}` : 'Gathering the problem description';
  } else {
    statement = `No root-cause hypothesis yet; ${PHASE_DEFINITIONS[state.phase.current].primaryGoal.toLowerCase()}`;
  }

  const alternatives = state.hypotheses
    .filter((h) => h !== base && isOpen(h) && h.likelihood >= LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD)
    .sort((a, b) => b.likelihood - a.likelihood)
    .slice(0, MAX_ALTERNATIVES)
    .map((h) => ({ hypothesisId: h.id, statement: h.statement, likelihood: h.likelihood }));

  if (base) {
    const { supports } = countStances(base);
    const refuting = base.links.filter((l) => l.stance === 'refutes').map((l) => l.evidenceId);
    if (base.status !== 'validated') caveats.push(`${base.id} rests on ${supports} supporting evidence item${supports === 1 ? '' : 's'} and is not validated`);
    if (refuting.length) caveats.push(`Some evidence contradicts ${base.id} (${refuting.join(', ')})`);
    for (const alt of alternatives) {
      if (base.likelihood - alt.likelihood <= CLOSE_ALTERNATIVE_MARGIN) caveats.push(`${alt.hypothesisId} (${alt.likelihood.toFixed(2)}) is not ruled out`);
    }
  }
  const skippedValidation = state.phase.skipped.includes('VALIDATION');
  if (skippedValidation && base?.status !== 'validated') caveats.push('Validation was skipped for urgency: treat any fix as mitigation until the cause is confirmed');
  if (state.phase.escalation) caveats.push(`Escalated: ${state.phase.escalation.reason}`);

  const nextEvidence: string[] = [...(agent?.nextEvidenceNeeded ?? [])];
  if (abstained) nextEvidence.push(...state.abstention!.missingEvidence);
  if (base && base.status !== 'validated') nextEvidence.push(`Evidence that confirms or refutes ${base.id}: ${base.statement}`);

  const previousConfidence = previous?.confidence ?? 0;
  const delta = Math.abs(confidence - previousConfidence);
  const newLinks = state.hypotheses.flatMap((h) => h.links).filter((l) => l.turn === state.turn && l.stance !== 'neutral').length;
  const blocked =
    state.progress.transparency !== null || state.phase.escalation !== null || degraded?.mode === 'hypothesis_space_exhausted';
  const momentum = blocked
    ? 'blocked'
    : delta >= HIGH_MOMENTUM_CONFIDENCE_DELTA || newLinks >= 2
      ? 'high'
      : delta >= MODERATE_MOMENTUM_CONFIDENCE_DELTA || newLinks >= 1
        ? 'moderate'
        : 'low';

  const roundedConfidence = Math.round(confidence * 1000) / 1000;
  return {
    statement,
    confidence: roundedConfidence,
    level: confidenceLevel(roundedConfidence),
    hypothesisId: base?.id ?? null,
    caveats: unique([...(agent?.caveats ?? []), ...caveats], MAX_CAVEATS),
    alternatives,
    nextEvidenceNeeded: unique(nextEvidence, MAX_NEXT_EVIDENCE),
    canProposeSolution: !abstained && roundedConfidence >= CAN_PROPOSE_SOLUTION_CONFIDENCE,
    momentum,
    abstained,
    turn: state.turn,
  };
}

/** Regenerates the conclusion and reports it when anything the engineer sees changed. */
export function updateWorkingConclusion(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const next = generateWorkingConclusion(draft);
  const previous = draft.conclusion;
  draft.conclusion = next;
  const changed =
    !previous ||
    previous.statement !== next.statement ||
    previous.confidence !== next.confidence ||
    previous.canProposeSolution !== next.canProposeSolution;
  return {
    state: draft,
    events: changed
      ? [{ type: 'conclusion-updated', statement: next.statement, confidence: next.confidence, level: next.level, canProposeSolution: next.canProposeSolution }]
      : [],
  };
}

