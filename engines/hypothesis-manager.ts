import {
  cloneState,
  type CaseState,
  type Hypothesis,
  type HypothesisCategory,
  type HypothesisStatus,
  type Stance,
} from './case-state';
import type { EngineResult, InvestigationEvent } from './events';
import { reachMilestone } from './milestones';
import type { Phase } from './phases';

/*
 * HypothesisManager: lifecycle captured → active → validated | refuted | inconclusive |
 * retired | superseded, evidence links with a stance, likelihood from evidence, stagnation
 * decay and forced alternatives. Constants are the original's (research/faultmaven.md §2a
 * `hypothesis_manager.py` and §2b current framework) unless marked "ours".
 */

/** Cap on a new hypothesis's prior; must stay below VALIDATION_LIKELIHOOD (original `NEW_HYPOTHESIS_MAX_PRIOR`). */
export const NEW_HYPOTHESIS_MAX_PRIOR = 0.5;
/** Ours: the prior when the model gives none. */
export const DEFAULT_PRIOR = 0.4;
/** `initial + 0.15×supporting − 0.20×refuting`, clamped to [0, 1]. */
export const SUPPORTING_EVIDENCE_WEIGHT = 0.15;
export const REFUTING_EVIDENCE_WEIGHT = 0.2;
/** Changes smaller than this are not logged in the trajectory. */
export const LIKELIHOOD_LOG_THRESHOLD = 0.05;
/** VALIDATED: likelihood ≥ 0.70 and ≥ 2 supporting items (also `CAUSE_IDENTIFIED_LIKELIHOOD`). */
export const VALIDATION_LIKELIHOOD = 0.7;
export const VALIDATION_MIN_SUPPORTING = 2;
/** REFUTED: likelihood ≤ 0.20 and ≥ 2 refuting items. */
export const REFUTATION_LIKELIHOOD = 0.2;
export const REFUTATION_MIN_REFUTING = 2;
/** RETIRED below this (original `LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD`). */
export const LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD = 0.3;
/** INCONCLUSIVE: likelihood 0.3–0.5 and stagnant for STAGNATION_HORIZON_ITERATIONS. */
export const INCONCLUSIVE_MAX_LIKELIHOOD = 0.5;
export const STAGNATION_HORIZON_ITERATIONS = 3;
/** Decay `× 0.85^iterations_without_progress`, applied once that count is ≥ 2, floored at 0.1. */
export const STAGNATION_DECAY_FACTOR = 0.85;
export const STAGNATION_DECAY_START = 2;
export const STAGNATION_DECAY_FLOOR = 0.1;
/** Original `ANCHORING_SAME_CATEGORY_THRESHOLD`. */
export const ANCHORING_SAME_CATEGORY_THRESHOLD = 4;
/** A refutation needs a reason of at most 200 characters. */
export const REFUTATION_REASON_MAX_CHARS = 200;
/** Ours: links below this stance confidence move the likelihood but do not count toward thresholds. */
export const MIN_COUNTED_STANCE_CONFIDENCE = 0.5;
/** Ours: bounds that keep the persisted state small. */
export const MAX_OPEN_HYPOTHESES = 8;
export const TRAJECTORY_MAX_POINTS = 12;
/** Ours: alternatives the model must add, from other categories, once anchoring is detected. */
export const FORCED_ALTERNATIVES_COUNT = 2;

/**
 * Ours: iterations only count as "without progress" in the phases that test hypotheses. While
 * the case is still mapping scope and timeline nobody is expected to test them, and decaying
 * them there retired good early ideas before they were looked at.
 */
export const STAGNATION_PHASES: readonly Phase[] = ['HYPOTHESIS', 'VALIDATION'];

export const OPEN_STATUSES: readonly HypothesisStatus[] = ['captured', 'active', 'inconclusive'];

export function isOpen(h: Hypothesis): boolean {
  return OPEN_STATUSES.includes(h.status);
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function countStances(h: Pick<Hypothesis, 'links'>): { supports: number; refutes: number } {
  let supports = 0;
  let refutes = 0;
  for (const link of h.links) {
    if (link.confidence < MIN_COUNTED_STANCE_CONFIDENCE) continue;
    if (link.stance === 'supports') supports++;
    if (link.stance === 'refutes') refutes++;
  }
  return { supports, refutes };
}

/**
 * Evidence-derived likelihood with stagnation decay. Each link counts with its stance
 * confidence as weight (ours: the original counted items; the current design added
 * `stance_confidence` but the research does not say how it was used).
 */
export function computeLikelihood(h: Pick<Hypothesis, 'prior' | 'links' | 'iterationsWithoutProgress'>): number {
  let base = h.prior;
  for (const link of h.links) {
    if (link.stance === 'supports') base += SUPPORTING_EVIDENCE_WEIGHT * link.confidence;
    if (link.stance === 'refutes') base -= REFUTING_EVIDENCE_WEIGHT * link.confidence;
  }
  base = clamp01(base);
  if (h.iterationsWithoutProgress < STAGNATION_DECAY_START) return round3(base);
  const decayed = base * STAGNATION_DECAY_FACTOR ** h.iterationsWithoutProgress;
  // The floor only limits decay: a hypothesis that evidence already pushed below it stays there.
  return round3(Math.min(base, Math.max(STAGNATION_DECAY_FLOOR, decayed)));
}

function normaliseStatement(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export function openHypotheses(state: CaseState): Hypothesis[] {
  return state.hypotheses.filter(isOpen);
}

export function activeHypotheses(state: CaseState): Hypothesis[] {
  return state.hypotheses.filter((h) => h.status === 'active');
}

/** Highest-likelihood active hypothesis; ties go to the older one. */
export function topHypothesis(state: CaseState): Hypothesis | null {
  let best: Hypothesis | null = null;
  for (const h of activeHypotheses(state)) if (!best || h.likelihood > best.likelihood) best = h;
  return best;
}

export function validatedHypothesis(state: CaseState): Hypothesis | null {
  let best: Hypothesis | null = null;
  for (const h of state.hypotheses) {
    if (h.status === 'validated' && (!best || h.likelihood > best.likelihood)) best = h;
  }
  return best;
}

function findHypothesis(draft: CaseState, id: string): Hypothesis | undefined {
  const wanted = id.trim().toUpperCase();
  return draft.hypotheses.find((h) => h.id.toUpperCase() === wanted);
}

function setStatus(
  draft: CaseState,
  h: Hypothesis,
  to: HypothesisStatus,
  reason: string | null,
  events: InvestigationEvent[],
): void {
  if (h.status === to) return;
  const from = h.status;
  h.status = to;
  h.statusChangedTurn = draft.turn;
  h.statusReason = reason ? reason.slice(0, REFUTATION_REASON_MAX_CHARS) : null;
  events.push({ type: 'hypothesis-status-changed', hypothesisId: h.id, from, to, reason: h.statusReason });
  if (to === 'validated') reachMilestone(draft, 'root_cause_identified', events);
}

/** Recomputes the likelihood and logs it in the trajectory when it moved by ≥ LIKELIHOOD_LOG_THRESHOLD. */
function refreshLikelihood(draft: CaseState, h: Hypothesis, events: InvestigationEvent[]): void {
  const next = computeLikelihood(h);
  h.likelihood = next;
  const lastLogged = h.trajectory.at(-1)?.likelihood ?? h.prior;
  if (Math.abs(next - lastLogged) >= LIKELIHOOD_LOG_THRESHOLD) {
    h.trajectory.push({ turn: draft.turn, likelihood: next });
    if (h.trajectory.length > TRAJECTORY_MAX_POINTS) h.trajectory.splice(0, h.trajectory.length - TRAJECTORY_MAX_POINTS);
    events.push({ type: 'likelihood-changed', hypothesisId: h.id, from: lastLogged, to: next });
  }
}

export interface NewHypothesis {
  statement: string;
  category: HypothesisCategory;
  likelihood?: number | null;
}

/** Adds a hypothesis. Before the investigation starts it is only CAPTURED (queued), as in the current design. */
export function addHypothesis(state: CaseState, input: NewHypothesis): EngineResult<CaseState> & { hypothesisId: string | null } {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const statement = input.statement.trim();
  const reject = (reason: string) => {
    events.push({ type: 'update-rejected', update: `add hypothesis "${statement.slice(0, 80)}"`, reason });
    return { state: draft, events, hypothesisId: null };
  };
  if (!statement) return reject('the statement is empty');
  const key = normaliseStatement(statement);
  const duplicate = draft.hypotheses.find((h) => isOpen(h) && normaliseStatement(h.statement) === key);
  if (duplicate) return reject(`it duplicates ${duplicate.id}`);
  if (openHypotheses(draft).length >= MAX_OPEN_HYPOTHESES) {
    return reject(`${MAX_OPEN_HYPOTHESES} hypotheses are already open; retire or refute some first`);
  }
  const prior = round3(Math.min(NEW_HYPOTHESIS_MAX_PRIOR, clamp01(input.likelihood ?? DEFAULT_PRIOR)));
  const id = `H${draft.nextHypothesisNumber++}`;
  const status: HypothesisStatus = draft.status === 'investigating' ? 'active' : 'captured';
  draft.hypotheses.push({
    id,
    statement,
    category: input.category,
    status,
    prior,
    likelihood: prior,
    trajectory: [],
    links: [],
    iterationsWithoutProgress: 0,
    createdTurn: draft.turn,
    statusChangedTurn: draft.turn,
    statusReason: null,
    supersededBy: null,
  });
  events.push({ type: 'hypothesis-added', hypothesisId: id, statement, status, likelihood: prior });
  return { state: draft, events, hypothesisId: id };
}

export interface EvidenceLinkInput {
  hypothesisId: string;
  evidenceId: string;
  stance: Stance;
  confidence?: number;
  note?: string | null;
}

/**
 * Links an evidence item to a hypothesis with a stance. Linking the same item again replaces
 * the earlier stance instead of counting twice, so a model that repeats itself cannot inflate
 * a likelihood. A new supporting or refuting link reopens an INCONCLUSIVE hypothesis.
 */
export function linkEvidence(state: CaseState, input: EvidenceLinkInput): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const h = findHypothesis(draft, input.hypothesisId);
  const describe = `link ${input.evidenceId} to ${input.hypothesisId}`;
  if (!h) {
    events.push({ type: 'update-rejected', update: describe, reason: `there is no hypothesis ${input.hypothesisId}` });
    return { state: draft, events };
  }
  if (!isOpen(h) && h.status !== 'validated') {
    events.push({ type: 'update-rejected', update: describe, reason: `${h.id} is ${h.status}` });
    return { state: draft, events };
  }
  const confidence = round3(clamp01(input.confidence ?? 1));
  const note = (input.note ?? '').trim().slice(0, REFUTATION_REASON_MAX_CHARS);
  const existing = h.links.find((l) => l.evidenceId === input.evidenceId);
  if (existing && existing.stance === input.stance && existing.confidence === confidence) return { state: draft, events };
  if (existing) Object.assign(existing, { stance: input.stance, confidence, note: note || existing.note, turn: draft.turn });
  else h.links.push({ evidenceId: input.evidenceId, stance: input.stance, confidence, note, turn: draft.turn });
  events.push({ type: 'evidence-linked', hypothesisId: h.id, evidenceId: input.evidenceId, stance: input.stance });
  if (input.stance !== 'neutral') h.iterationsWithoutProgress = 0;
  if (h.status === 'inconclusive' && input.stance !== 'neutral') setStatus(draft, h, 'active', 'new evidence', events);
  refreshLikelihood(draft, h, events);
  return { state: draft, events };
}

export type HypothesisActionName = 'validate' | 'refute' | 'retire' | 'supersede';

export interface HypothesisAction {
  hypothesisId: string;
  action: HypothesisActionName;
  reason?: string | null;
  supersededBy?: string | null;
}

/**
 * An explicit status change. The engineer's word is final (they may hold evidence we do not);
 * the agent's request must satisfy the evidence rules, so a model cannot talk a hypothesis
 * into "validated".
 */
export function applyHypothesisAction(
  state: CaseState,
  input: HypothesisAction,
  actor: 'agent' | 'user',
): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const h = findHypothesis(draft, input.hypothesisId);
  const reason = (input.reason ?? '').trim().slice(0, REFUTATION_REASON_MAX_CHARS);
  const reject = (why: string) => {
    events.push({ type: 'update-rejected', update: `${input.action} ${input.hypothesisId}`, reason: why });
    return { state: draft, events };
  };
  if (!h) return reject(`there is no hypothesis ${input.hypothesisId}`);
  const { supports, refutes } = countStances(h);
  switch (input.action) {
    case 'validate': {
      if (!isOpen(h)) return reject(`${h.id} is ${h.status}`);
      if (actor === 'agent' && (h.likelihood < VALIDATION_LIKELIHOOD || supports < VALIDATION_MIN_SUPPORTING)) {
        return reject(
          `validation needs likelihood ≥ ${VALIDATION_LIKELIHOOD} and ${VALIDATION_MIN_SUPPORTING} supporting items; ${h.id} has ${h.likelihood.toFixed(2)} and ${supports}`,
        );
      }
      if (h.likelihood < VALIDATION_LIKELIHOOD) {
        h.likelihood = VALIDATION_LIKELIHOOD;
        h.trajectory.push({ turn: draft.turn, likelihood: VALIDATION_LIKELIHOOD });
      }
      setStatus(draft, h, 'validated', reason || (actor === 'user' ? 'Confirmed by the engineer' : 'Validated by evidence'), events);
      break;
    }
    case 'refute': {
      if (!isOpen(h) && h.status !== 'validated') return reject(`${h.id} is ${h.status}`);
      if (actor === 'agent') {
        if (!reason) return reject('a refutation needs a reason');
        if (refutes < 1) return reject(`link the refuting evidence to ${h.id} first`);
      }
      setStatus(draft, h, 'refuted', reason || 'Refuted by the engineer', events);
      break;
    }
    case 'retire': {
      if (!isOpen(h)) return reject(`${h.id} is ${h.status}`);
      setStatus(draft, h, 'retired', reason || (actor === 'user' ? 'Retired by the engineer' : 'Retired by the agent'), events);
      break;
    }
    case 'supersede': {
      if (!isOpen(h)) return reject(`${h.id} is ${h.status}`);
      const by = input.supersededBy ? findHypothesis(draft, input.supersededBy) : undefined;
      if (!by || by.id === h.id) return reject('supersede needs the id of the hypothesis that replaces it');
      h.supersededBy = by.id;
      setStatus(draft, h, 'superseded', reason || `Superseded by ${by.id}`, events);
      break;
    }
  }
  return { state: draft, events };
}

/** Captured hypotheses become active once the investigation starts (current design's queue). */
export function promoteCaptured(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  for (const h of draft.hypotheses) if (h.status === 'captured') setStatus(draft, h, 'active', null, events);
  return { state: draft, events };
}

/**
 * End-of-iteration stagnation: every open hypothesis that got no supporting or refuting
 * evidence this turn counts one more iteration without progress; likelihoods are recomputed
 * with decay. Status rules run separately (`applyAutomaticTransitions`) so callers control
 * the order of stagnation, status rules and anchoring detection.
 */
export function updateStagnation(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  if (!STAGNATION_PHASES.includes(draft.phase.current)) return { state: draft, events };
  for (const h of draft.hypotheses) {
    if (h.status !== 'active' && h.status !== 'inconclusive') continue;
    const progressed = h.links.some((l) => l.turn === draft.turn && l.stance !== 'neutral') || h.createdTurn === draft.turn;
    h.iterationsWithoutProgress = progressed ? 0 : h.iterationsWithoutProgress + 1;
    refreshLikelihood(draft, h, events);
  }
  return { state: draft, events };
}

function refutationReasonFromLinks(h: Hypothesis): string {
  const refuting = h.links.filter((l) => l.stance === 'refutes');
  const notes = refuting.map((l) => l.note).filter(Boolean);
  return `Refuted by ${refuting.length} evidence items${notes.length ? `: ${notes.join('; ')}` : ''}`;
}

/** The original's status thresholds, checked for every active hypothesis. */
export function applyAutomaticTransitions(state: CaseState): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  for (const h of draft.hypotheses) {
    if (h.status !== 'active') continue;
    const { supports, refutes } = countStances(h);
    if (h.likelihood >= VALIDATION_LIKELIHOOD && supports >= VALIDATION_MIN_SUPPORTING) {
      setStatus(draft, h, 'validated', `Supported by ${supports} evidence items`, events);
    } else if (h.likelihood <= REFUTATION_LIKELIHOOD && refutes >= REFUTATION_MIN_REFUTING) {
      setStatus(draft, h, 'refuted', refutationReasonFromLinks(h), events);
    } else if (h.likelihood < LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD && h.iterationsWithoutProgress >= STAGNATION_DECAY_START) {
      setStatus(draft, h, 'retired', `Likelihood fell below ${LOW_CONFIDENCE_RETIREMENT_LIKELIHOOD} without new evidence`, events);
    } else if (h.likelihood <= REFUTATION_LIKELIHOOD) {
      // Ours: weak refuting evidence piled up below the refutation line without two decisive
      // items; keeping it "active" at that likelihood would only crowd the prompt.
      setStatus(draft, h, 'retired', `Evidence lowered its likelihood to ${h.likelihood.toFixed(2)}`, events);
    } else if (
      h.likelihood <= INCONCLUSIVE_MAX_LIKELIHOOD &&
      h.iterationsWithoutProgress >= STAGNATION_HORIZON_ITERATIONS
    ) {
      setStatus(draft, h, 'inconclusive', `No evidence either way for ${h.iterationsWithoutProgress} iterations`, events);
    }
  }
  return { state: draft, events };
}

/** Category holding the most non-retired hypotheses, when it reaches the anchoring threshold. */
export function crowdedCategory(state: CaseState): { category: HypothesisCategory; count: number } | null {
  const counts = new Map<HypothesisCategory, number>();
  for (const h of state.hypotheses) {
    if (h.status === 'retired' || h.status === 'refuted' || h.status === 'superseded') continue;
    counts.set(h.category, (counts.get(h.category) ?? 0) + 1);
  }
  let best: { category: HypothesisCategory; count: number } | null = null;
  for (const [category, count] of counts) if (!best || count > best.count) best = { category, count };
  return best && best.count >= ANCHORING_SAME_CATEGORY_THRESHOLD ? best : null;
}

/**
 * Original `force_alternative_generation`: retires stalled hypotheses in the dominant
 * category so the model has room, and must, look elsewhere.
 */
export function forceAlternatives(state: CaseState, dominantCategory: HypothesisCategory | null): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  if (!dominantCategory) return { state: draft, events };
  for (const h of draft.hypotheses) {
    if (h.category !== dominantCategory || !isOpen(h)) continue;
    if (h.iterationsWithoutProgress >= STAGNATION_DECAY_START) {
      setStatus(draft, h, 'retired', 'Retired to break anchoring: no progress while others in its category crowd the list', events);
    }
  }
  return { state: draft, events };
}
