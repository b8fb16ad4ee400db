import { z } from 'zod';
import { PHASES, INITIAL_PHASE, type Phase } from './phases';
import { URGENCIES, SEVERITY_URGENCY, type Severity } from './severity';

/**
 * The investigation state of one case: everything the five engines read and write, and
 * nothing else. It is plain JSON so the service worker can persist it after every step (an
 * MV3 worker may be stopped at any moment) and the CLI can print it. Engines never mutate a
 * state they are given; they return a new one.
 *
 * `stateVersion` is bumped whenever the shape changes, and `migrateCaseState` upgrades any
 * older persisted state, so a record written by an older extension build still loads.
 */
export const STATE_VERSION = 2;

const turnNumber = z.number().int().min(0);
const likelihood = z.number().min(0).max(1);

export const UrgencySchema = z.enum(URGENCIES);
export const PhaseSchema = z.enum(PHASES);

/** Later design's case states (research §2b): inquiry → investigating → resolved | closed. */
export const CASE_STATUSES = ['inquiry', 'investigating', 'resolved', 'closed'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;
export const TERMINAL_STATUSES = ['resolved', 'closed'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** Original HypothesisStatus (Mono) merged with the current design's INCONCLUSIVE. */
export const HYPOTHESIS_STATUSES = ['captured', 'active', 'validated', 'refuted', 'inconclusive', 'retired', 'superseded'] as const;
export const HypothesisStatusSchema = z.enum(HYPOTHESIS_STATUSES);
export type HypothesisStatus = z.infer<typeof HypothesisStatusSchema>;

/** Categories drive anchoring detection (≥ 4 open hypotheses in one category). */
export const HYPOTHESIS_CATEGORIES = [
  'deployment',
  'configuration',
  'code',
  'infrastructure',
  'network',
  'database',
  'dependency',
  'capacity',
  'security',
  'data',
  'other',
] as const;
export const HypothesisCategorySchema = z.enum(HYPOTHESIS_CATEGORIES);
export type HypothesisCategory = z.infer<typeof HypothesisCategorySchema>;

export const STANCES = ['supports', 'refutes', 'neutral'] as const;
export const StanceSchema = z.enum(STANCES);
export type Stance = z.infer<typeof StanceSchema>;

export const EvidenceLinkSchema = z.object({
  evidenceId: z.string(),
  stance: StanceSchema,
  /** The original's `stance_confidence`: how strongly this item bears on the hypothesis (0–1). */
  confidence: likelihood,
  note: z.string(),
  turn: turnNumber,
});
export type EvidenceLink = z.infer<typeof EvidenceLinkSchema>;

export const HypothesisSchema = z.object({
  /** `H1`, `H2`…: short, stable, and what the model uses to refer to it. */
  id: z.string(),
  statement: z.string(),
  category: HypothesisCategorySchema,
  status: HypothesisStatusSchema,
  /** Likelihood at creation, capped at NEW_HYPOTHESIS_MAX_PRIOR. */
  prior: likelihood,
  /** Current likelihood: prior + evidence, with stagnation decay. */
  likelihood,
  /** Likelihood changes ≥ 0.05 (original `confidence_trajectory`), newest last, bounded. */
  trajectory: z.array(z.object({ turn: turnNumber, likelihood })),
  links: z.array(EvidenceLinkSchema),
  iterationsWithoutProgress: z.number().int().min(0),
  createdTurn: turnNumber,
  statusChangedTurn: turnNumber,
  /** Why it was refuted, retired or superseded (≤ 200 chars, original `refutation_reason`). */
  statusReason: z.string().nullable(),
  supersededBy: z.string().nullable(),
});
export type Hypothesis = z.infer<typeof HypothesisSchema>;

export const EvidenceRefSchema = z.object({
  /** Id of the stored evidence item (the lead's database id). */
  id: z.string(),
  /** `E1`, `E2`… in the order the case received them; stable even if an item is removed. */
  label: z.string(),
  title: z.string(),
  kind: z.string(),
  addedTurn: turnNumber,
  removed: z.boolean(),
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

/** Progress milestones (research §2b "original design" six, plus solution_verified as a gate). */
export const MILESTONES = [
  'symptom_verified',
  'scope_assessed',
  'timeline_established',
  'changes_identified',
  'root_cause_identified',
  'solution_proposed',
  'solution_verified',
] as const;
export const MilestoneSchema = z.enum(MILESTONES);
export type Milestone = z.infer<typeof MilestoneSchema>;

export const LOOP_OUTCOMES = ['hypothesis_refuted', 'scope_changed', 'timeline_wrong'] as const;
export const PHASE_OUTCOMES = [
  'completed',
  ...LOOP_OUTCOMES,
  'need_more_data',
  'stalled',
  'escalation_needed',
  /** Ours: an urgent case asks to jump to SOLUTION (the original allowed it at high/critical urgency). */
  'skip_to_solution',
] as const;
export const PhaseOutcomeSchema = z.enum(PHASE_OUTCOMES);
export type PhaseOutcome = z.infer<typeof PhaseOutcomeSchema>;
export type LoopOutcome = (typeof LOOP_OUTCOMES)[number];

/** Degraded modes cap the working conclusion's confidence (original `critical_evidence_missing` 50%, `hypothesis_space_exhausted` 0%). */
export const DEGRADED_MODES = ['critical_evidence_missing', 'hypothesis_space_exhausted'] as const;
export const DegradedModeSchema = z.enum(DEGRADED_MODES);
export type DegradedMode = z.infer<typeof DegradedModeSchema>;

export const PhaseStateSchema = z.object({
  current: PhaseSchema,
  /** Investigative turns spent in the current phase (original `current_iteration`). */
  iteration: z.number().int().min(0),
  enteredTurn: turnNumber,
  /** Turn a phase was last reopened by a loop-back: its criteria must be met again after it. */
  reopenedTurn: z.partialRecord(PhaseSchema, turnNumber),
  completed: z.array(PhaseSchema),
  skipped: z.array(PhaseSchema),
  loopBacks: z.array(
    z.object({ from: PhaseSchema, to: PhaseSchema, outcome: z.enum(LOOP_OUTCOMES), reason: z.string(), turn: turnNumber }),
  ),
  escalation: z.object({ reason: z.string(), turn: turnNumber }).nullable(),
  degraded: z.object({ mode: DegradedModeSchema, reason: z.string(), turn: turnNumber }).nullable(),
});
export type PhaseState = z.infer<typeof PhaseStateSchema>;

export const AnchoringSchema = z.object({
  reasons: z.array(z.string()),
  detectedTurn: turnNumber,
  dominantCategory: HypothesisCategorySchema.nullable(),
  /** New hypotheses from other categories the model must add before it may move on. */
  alternativesRequired: z.number().int().min(0),
});
export type Anchoring = z.infer<typeof AnchoringSchema>;

export const OodaStateSchema = z.object({
  /** Investigative turns since the case entered INVESTIGATING. */
  iteration: z.number().int().min(0),
  topHypothesisId: z.string().nullable(),
  /** Consecutive iterations the same hypothesis has been on top. */
  topStreak: z.number().int().min(0),
  anchoring: AnchoringSchema.nullable(),
  anchoringEpisodes: z.number().int().min(0),
});
export type OodaState = z.infer<typeof OodaStateSchema>;

export const SUGGESTED_ACTION_KINDS = ['decide', 'run', 'evidence'] as const;
export const SuggestedActionKindSchema = z.enum(SUGGESTED_ACTION_KINDS);

export const UserIntentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('confirm-problem-statement') }),
  z.object({ type: z.literal('reject-problem-statement') }),
  z.object({ type: z.literal('decide-to-investigate') }),
  z.object({ type: z.literal('confirm-transition') }),
  z.object({ type: z.literal('decline-transition') }),
  z.object({
    type: z.literal('hypothesis-action'),
    hypothesisId: z.string(),
    action: z.enum(['validate', 'refute', 'retire']),
    reason: z.string().optional(),
  }),
  z.object({ type: z.literal('set-urgency'), urgency: UrgencySchema }),
]);
/** A typed choice the engineer made by clicking a suggested action (original `QueryIntent`). */
export type UserIntent = z.infer<typeof UserIntentSchema>;

export const SuggestedActionSchema = z.object({
  id: z.string(),
  kind: SuggestedActionKindSchema,
  label: z.string(),
  /**
   * decide: the message sent as the engineer's reply when clicked; run: a shell command that
   * is copied to the clipboard, never executed; evidence: what to capture or upload.
   */
  payload: z.string(),
  /** A run command that deletes, restarts or rewrites something: the UI must warn. */
  destructive: z.boolean(),
  /** For decide actions generated by the engines: the typed intent sent with the payload. */
  intent: UserIntentSchema.nullable(),
  turn: turnNumber,
});
export type SuggestedAction = z.infer<typeof SuggestedActionSchema>;

export const CONFIDENCE_LEVELS = ['speculation', 'probable', 'confident', 'verified'] as const;
export const ConfidenceLevelSchema = z.enum(CONFIDENCE_LEVELS);
export type ConfidenceLevel = z.infer<typeof ConfidenceLevelSchema>;
export const MOMENTUMS = ['blocked', 'high', 'moderate', 'low'] as const;

export const WorkingConclusionSchema = z.object({
  statement: z.string(),
  confidence: likelihood,
  level: ConfidenceLevelSchema,
  /** Hypothesis the conclusion rests on, if any. */
  hypothesisId: z.string().nullable(),
  caveats: z.array(z.string()),
  alternatives: z.array(z.object({ hypothesisId: z.string(), statement: z.string(), likelihood })),
  nextEvidenceNeeded: z.array(z.string()),
  canProposeSolution: z.boolean(),
  momentum: z.enum(MOMENTUMS),
  abstained: z.boolean(),
  turn: turnNumber,
});
export type WorkingConclusion = z.infer<typeof WorkingConclusionSchema>;

export const REPAIR_TYPES = ['hypothesis_anchoring', 'hypothesis_deadlock', 'exhausted', 'fix_failure_cycle', 'action_loop'] as const;
export const RepairTypeSchema = z.enum(REPAIR_TYPES);
export type RepairType = z.infer<typeof RepairTypeSchema>;

export const TransparencySchema = z.object({
  pendingCriterion: z.string().nullable(),
  description: z.string(),
  repairType: RepairTypeSchema.nullable(),
  turnsWithoutProgress: z.number().int().min(0),
  sinceTurn: turnNumber,
});
export type Transparency = z.infer<typeof TransparencySchema>;

export const ProgressStateSchema = z.object({
  investigativeTurns: z.number().int().min(0),
  lastProgressTurn: turnNumber,
  turnsWithoutProgress: z.number().int().min(0),
  failedFixes: z.number().int().min(0),
  /** Normalised payloads of recent suggested actions, to spot an action loop. */
  recentActionKeys: z.array(z.string()),
  transparency: TransparencySchema.nullable(),
});
export type ProgressState = z.infer<typeof ProgressStateSchema>;

export const ConfidenceChangeSchema = z.object({ hypothesisId: z.string(), from: likelihood, to: likelihood });
export type ConfidenceChange = z.infer<typeof ConfidenceChangeSchema>;

export const TurnRecordSchema = z.object({
  turn: turnNumber,
  phase: PhaseSchema,
  userText: z.string(),
  agentText: z.string(),
  keyFacts: z.array(z.string()),
  decisions: z.array(z.string()),
  confidenceChanges: z.array(ConfidenceChangeSchema),
  evidenceLabels: z.array(z.string()),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

/** Original `MemorySnapshot{iteration_range, summary, key_facts, confidence_changes, evidence_collected, decisions_made}`. */
export const MemorySnapshotSchema = z.object({
  fromTurn: turnNumber,
  toTurn: turnNumber,
  turnCount: z.number().int().min(1),
  summary: z.string(),
  keyFacts: z.array(z.string()),
  decisions: z.array(z.string()),
  confidenceChanges: z.array(ConfidenceChangeSchema),
  evidenceLabels: z.array(z.string()),
});
export type MemorySnapshot = z.infer<typeof MemorySnapshotSchema>;

export const PinnedFactSchema = z.object({ text: z.string(), turn: turnNumber });
export type PinnedFact = z.infer<typeof PinnedFactSchema>;

export const MemoryStateSchema = z.object({
  hot: z.array(TurnRecordSchema),
  warm: z.array(MemorySnapshotSchema),
  cold: z.array(MemorySnapshotSchema),
  persistent: z.array(PinnedFactSchema),
});
export type MemoryState = z.infer<typeof MemoryStateSchema>;

export const CaseStateSchema = z.object({
  stateVersion: z.literal(STATE_VERSION),
  caseId: z.string(),
  /** Original `metadata.current_turn`: incremented by every `beginTurn`. */
  turn: turnNumber,
  status: CaseStatusSchema,
  urgency: UrgencySchema,
  problem: z.object({
    proposed: z.string().nullable(),
    proposedTurn: turnNumber.nullable(),
    confirmed: z.string().nullable(),
    confirmedTurn: turnNumber.nullable(),
    investigationDecidedTurn: turnNumber.nullable(),
  }),
  phase: PhaseStateSchema,
  ooda: OodaStateSchema,
  /** Turn each milestone was last asserted; milestones only ever go from null to a turn. */
  milestones: z.partialRecord(MilestoneSchema, turnNumber),
  hypotheses: z.array(HypothesisSchema),
  nextHypothesisNumber: z.number().int().min(1),
  evidence: z.array(EvidenceRefSchema),
  conclusion: WorkingConclusionSchema.nullable(),
  /** What the model last said about its conclusion; merged into the generated one. */
  agentConclusion: z
    .object({ statement: z.string().nullable(), caveats: z.array(z.string()), nextEvidenceNeeded: z.array(z.string()), turn: turnNumber })
    .nullable(),
  suggestedActions: z.array(SuggestedActionSchema),
  nextActionNumber: z.number().int().min(1),
  pendingTransition: z
    .object({
      toStatus: z.enum(TERMINAL_STATUSES),
      reason: z.string(),
      summary: z.string(),
      evidenceIds: z.array(z.string()),
      proposedTurn: turnNumber,
    })
    .nullable(),
  abstention: z.object({ reason: z.string(), missingEvidence: z.array(z.string()), turn: turnNumber }).nullable(),
  /**
   * The write-up the engineer confirmed when the case was resolved or closed (version 2). Kept
   * after the pending proposal is cleared, because the postmortem quotes it.
   */
  resolution: z
    .object({
      toStatus: z.enum(TERMINAL_STATUSES),
      reason: z.string(),
      summary: z.string(),
      evidenceIds: z.array(z.string()),
      proposedTurn: turnNumber,
      confirmedTurn: turnNumber,
    })
    .nullable(),
  progress: ProgressStateSchema,
  memory: MemoryStateSchema,
  /** The turn begun but not yet applied: lets a restarted worker resume, and makes both steps idempotent. */
  pendingTurn: z
    .object({ messageId: z.string(), turn: turnNumber, userText: z.string(), startedAt: z.number() })
    .nullable(),
  lastAppliedMessageId: z.string().nullable(),
  /** Updates the engines refused last turn, shown to the model so it can correct itself. */
  notes: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CaseState = z.infer<typeof CaseStateSchema>;

export interface CreateCaseStateInput {
  caseId: string;
  severity: Severity;
  now: number;
}

export function createCaseState({ caseId, severity, now }: CreateCaseStateInput): CaseState {
  return {
    stateVersion: STATE_VERSION,
    caseId,
    turn: 0,
    status: 'inquiry',
    urgency: SEVERITY_URGENCY[severity],
    problem: { proposed: null, proposedTurn: null, confirmed: null, confirmedTurn: null, investigationDecidedTurn: null },
    phase: {
      current: INITIAL_PHASE,
      iteration: 0,
      enteredTurn: 0,
      reopenedTurn: {},
      completed: [],
      skipped: [],
      loopBacks: [],
      escalation: null,
      degraded: null,
    },
    ooda: { iteration: 0, topHypothesisId: null, topStreak: 0, anchoring: null, anchoringEpisodes: 0 },
    milestones: {},
    hypotheses: [],
    nextHypothesisNumber: 1,
    evidence: [],
    conclusion: null,
    agentConclusion: null,
    suggestedActions: [],
    nextActionNumber: 1,
    pendingTransition: null,
    resolution: null,
    abstention: null,
    progress: {
      investigativeTurns: 0,
      lastProgressTurn: 0,
      turnsWithoutProgress: 0,
      failedFixes: 0,
      recentActionKeys: [],
      transparency: null,
    },
    memory: { hot: [], warm: [], cold: [], persistent: [] },
    pendingTurn: null,
    lastAppliedMessageId: null,
    notes: [],
    createdAt: now,
    updatedAt: now,
  };
}

export function isTerminal(status: CaseStatus): status is TerminalStatus {
  return status === 'resolved' || status === 'closed';
}

/** Maps the engine's case status onto the stored case row's `open | resolved | closed`. */
export function caseRecordStatus(status: CaseStatus): 'open' | 'resolved' | 'closed' {
  return isTerminal(status) ? status : 'open';
}

export function currentPhase(state: CaseState): Phase {
  return state.phase.current;
}

/** Engines return a new state; internally they work on a private deep copy of it. */
export function cloneState(state: CaseState): CaseState {
  return structuredClone(state);
}
