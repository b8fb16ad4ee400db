import type { Phase } from './phases';
import type {
  CaseStatus,
  ConfidenceLevel,
  DegradedMode,
  HypothesisStatus,
  LoopOutcome,
  Milestone,
  RepairType,
  Stance,
  SuggestedAction,
  TerminalStatus,
} from './case-state';
import type { Urgency } from './severity';

/**
 * What the engines report about a step. Events are for the side panel (live state updates)
 * and for the MemoryManager (decisions and confidence changes of a turn); the state itself is
 * the source of truth. Every event is plain JSON.
 */
export type InvestigationEvent =
  | { type: 'turn-began'; turn: number; messageId: string }
  | { type: 'evidence-registered'; evidenceId: string; label: string; title: string }
  | { type: 'urgency-changed'; from: Urgency; to: Urgency }
  | { type: 'problem-statement-proposed'; statement: string }
  | { type: 'problem-statement-confirmed'; statement: string }
  | { type: 'problem-statement-rejected' }
  | { type: 'investigation-started'; turn: number }
  | { type: 'milestone-reached'; milestone: Milestone }
  | { type: 'hypothesis-added'; hypothesisId: string; statement: string; status: HypothesisStatus; likelihood: number }
  | { type: 'evidence-linked'; hypothesisId: string; evidenceId: string; stance: Stance }
  | { type: 'likelihood-changed'; hypothesisId: string; from: number; to: number }
  | { type: 'hypothesis-status-changed'; hypothesisId: string; from: HypothesisStatus; to: HypothesisStatus; reason: string | null }
  | { type: 'anchoring-detected'; reasons: string[]; dominantCategory: string | null; alternativesRequired: number }
  | { type: 'alternatives-provided'; hypothesisIds: string[] }
  | { type: 'anchoring-cleared'; reason: string }
  | { type: 'phase-changed'; from: Phase; to: Phase; via: 'advance' | 'skip' | 'loop-back'; reason: string }
  | { type: 'escalated'; reason: string }
  | { type: 'degraded-mode'; mode: DegradedMode; reason: string }
  | { type: 'progress-transparency'; active: boolean; repairType: RepairType | null; description: string }
  | { type: 'abstained'; reason: string; missingEvidence: string[] }
  | { type: 'transition-proposed'; toStatus: TerminalStatus; reason: string }
  | { type: 'transition-declined'; toStatus: TerminalStatus }
  | { type: 'case-status-changed'; from: CaseStatus; to: CaseStatus }
  | { type: 'conclusion-updated'; statement: string; confidence: number; level: ConfidenceLevel; canProposeSolution: boolean }
  | { type: 'suggested-actions'; actions: SuggestedAction[] }
  | { type: 'memory-compressed'; tier: 'warm' | 'cold'; fromTurn: number; toTurn: number }
  | { type: 'update-rejected'; update: string; reason: string }
  | { type: 'loop-back-requested'; outcome: LoopOutcome; granted: boolean };

export type InvestigationEventType = InvestigationEvent['type'];

/** The result of every engine step. */
export interface EngineResult<S> {
  state: S;
  events: InvestigationEvent[];
}
