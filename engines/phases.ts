/**
 * The seven investigation phases of the original FaultMaven (research/faultmaven.md §2a,
 * `InvestigationPhase` and `PhaseDefinition`). Pure data: the PhaseOrchestrator and the
 * OODAEngine build their behaviour on these definitions.
 */
export const PHASES = [
  'INTAKE',
  'BLAST_RADIUS',
  'TIMELINE',
  'HYPOTHESIS',
  'VALIDATION',
  'SOLUTION',
  'DOCUMENT',
] as const;

export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  INTAKE: 'Intake',
  BLAST_RADIUS: 'Blast radius',
  TIMELINE: 'Timeline',
  HYPOTHESIS: 'Hypotheses',
  VALIDATION: 'Validation',
  SOLUTION: 'Solution',
  DOCUMENT: 'Document',
};

export const INITIAL_PHASE: Phase = 'INTAKE';

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

export const OODA_STEPS = ['observe', 'orient', 'decide', 'act'] as const;
export type OodaStep = (typeof OODA_STEPS)[number];

/**
 * Machine-checkable completion criteria. Each maps to a rule in the PhaseOrchestrator
 * (`criterionMet`), so a phase completes because the state says so, not because the model
 * claims it did.
 */
export const PHASE_CRITERIA = [
  'problem_confirmed',
  'investigation_decided',
  'scope_assessed',
  'timeline_established',
  'candidate_hypotheses',
  'root_cause_validated',
  'solution_verified',
  'case_closed_out',
] as const;
export type PhaseCriterion = (typeof PHASE_CRITERIA)[number];

export const CRITERION_DESCRIPTIONS: Record<PhaseCriterion, string> = {
  problem_confirmed: 'The engineer has confirmed the problem statement',
  investigation_decided: 'The engineer has agreed to start a structured investigation',
  scope_assessed: 'Who and what is affected (services, regions, users) is established',
  timeline_established: 'When it started and what changed around that time is established',
  candidate_hypotheses: 'At least two active, testable hypotheses exist',
  root_cause_validated: 'One hypothesis is validated by evidence (likelihood ≥ 0.70, two supporting items)',
  solution_verified: 'A fix or mitigation was applied and the engineer reports that it worked',
  case_closed_out: 'The write-up is done and the engineer confirmed resolving or closing the case',
};

export interface PhaseDefinition {
  phase: Phase;
  /** OODA steps this phase uses at all (original `ooda_steps`). */
  oodaSteps: readonly OodaStep[];
  /** Original `expected_iterations` (min, max). */
  expectedIterations: { min: number; max: number };
  primaryGoal: string;
  entryCriteria: readonly PhaseCriterion[];
  completionCriteria: readonly PhaseCriterion[];
  /** Whether an urgent case may jump over this phase on its way to SOLUTION. */
  canSkip: boolean;
  next: Phase | null;
}

/** Values of `expected_iterations`, `can_skip` and the step lists follow the original's `phases.py`. */
export const PHASE_DEFINITIONS: Record<Phase, PhaseDefinition> = {
  INTAKE: {
    phase: 'INTAKE',
    oodaSteps: ['observe', 'orient'],
    expectedIterations: { min: 0, max: 0 },
    primaryGoal: 'Understand the problem, agree on a one-sentence problem statement, and decide whether to investigate',
    entryCriteria: [],
    completionCriteria: ['problem_confirmed', 'investigation_decided'],
    canSkip: false,
    next: 'BLAST_RADIUS',
  },
  BLAST_RADIUS: {
    phase: 'BLAST_RADIUS',
    oodaSteps: ['observe', 'orient'],
    expectedIterations: { min: 1, max: 2 },
    primaryGoal: 'Establish the scope and impact: which services, regions, users and error rates are affected',
    entryCriteria: ['problem_confirmed', 'investigation_decided'],
    completionCriteria: ['scope_assessed'],
    canSkip: true,
    next: 'TIMELINE',
  },
  TIMELINE: {
    phase: 'TIMELINE',
    oodaSteps: ['observe', 'orient'],
    expectedIterations: { min: 1, max: 2 },
    primaryGoal: 'Establish when the problem started and what changed around that time (deploys, config, traffic)',
    entryCriteria: ['problem_confirmed', 'investigation_decided'],
    completionCriteria: ['timeline_established'],
    canSkip: true,
    next: 'HYPOTHESIS',
  },
  HYPOTHESIS: {
    phase: 'HYPOTHESIS',
    oodaSteps: ['observe', 'orient', 'decide'],
    expectedIterations: { min: 2, max: 3 },
    primaryGoal: 'Form at least two testable root-cause hypotheses from different categories, each with a way to confirm or refute it',
    entryCriteria: ['problem_confirmed', 'investigation_decided'],
    completionCriteria: ['candidate_hypotheses'],
    canSkip: true,
    next: 'VALIDATION',
  },
  VALIDATION: {
    phase: 'VALIDATION',
    oodaSteps: ['observe', 'orient', 'decide', 'act'],
    expectedIterations: { min: 3, max: 6 },
    primaryGoal: 'Test the hypotheses against evidence until one is validated and the others are refuted or retired',
    entryCriteria: ['candidate_hypotheses'],
    completionCriteria: ['root_cause_validated'],
    canSkip: true,
    next: 'SOLUTION',
  },
  SOLUTION: {
    phase: 'SOLUTION',
    oodaSteps: ['orient', 'decide', 'act'],
    expectedIterations: { min: 2, max: 4 },
    primaryGoal: 'Propose a fix or mitigation with exact commands and their risks, and confirm with the engineer that it worked',
    entryCriteria: ['problem_confirmed', 'investigation_decided'],
    completionCriteria: ['solution_verified'],
    canSkip: false,
    next: 'DOCUMENT',
  },
  DOCUMENT: {
    phase: 'DOCUMENT',
    oodaSteps: ['orient'],
    expectedIterations: { min: 1, max: 1 },
    primaryGoal: 'Write up the incident (impact, timeline, root cause, fix, follow-ups) and agree with the engineer to resolve the case',
    entryCriteria: ['solution_verified'],
    completionCriteria: ['case_closed_out'],
    canSkip: false,
    next: null,
  },
};

/**
 * OODA weights per phase (original `PHASE_OODA_WEIGHTS`). The research file documents the shape:
 * observe+orient dominate early phases, VALIDATION is balanced at .25 each, SOLUTION is
 * act-heavy and DOCUMENT is orient only. The exact numbers outside VALIDATION are ours.
 */
export const PHASE_OODA_WEIGHTS: Record<Phase, Record<OodaStep, number>> = {
  INTAKE: { observe: 0.5, orient: 0.5, decide: 0, act: 0 },
  BLAST_RADIUS: { observe: 0.5, orient: 0.3, decide: 0.1, act: 0.1 },
  TIMELINE: { observe: 0.45, orient: 0.35, decide: 0.1, act: 0.1 },
  HYPOTHESIS: { observe: 0.2, orient: 0.4, decide: 0.3, act: 0.1 },
  VALIDATION: { observe: 0.25, orient: 0.25, decide: 0.25, act: 0.25 },
  SOLUTION: { observe: 0.1, orient: 0.2, decide: 0.3, act: 0.4 },
  DOCUMENT: { observe: 0, orient: 1, decide: 0, act: 0 },
};
