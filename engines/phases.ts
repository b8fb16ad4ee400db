/**
 * The seven investigation phases of the original FaultMaven (research/faultmaven.md §2a).
 * Pure data: the PhaseOrchestrator builds its transitions on this list.
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
