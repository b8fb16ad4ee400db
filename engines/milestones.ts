import type { CaseState, Milestone } from './case-state';
import type { InvestigationEvent } from './events';

/**
 * Records that a milestone was reached (or re-asserted) this turn. Milestones only ever go
 * from "not reached" to a turn number (research §2b); re-asserting one after a loop-back
 * moves its turn forward, which is how a reopened phase sees it met again.
 * Mutates the draft it is given: only engines call it, on their private copy.
 */
export function reachMilestone(draft: CaseState, milestone: Milestone, events: InvestigationEvent[]): void {
  const previous = draft.milestones[milestone];
  draft.milestones[milestone] = draft.turn;
  if (previous === undefined) events.push({ type: 'milestone-reached', milestone });
}

export function milestoneReachedSince(state: CaseState, milestone: Milestone, sinceTurn: number): boolean {
  const at = state.milestones[milestone];
  return at !== undefined && at >= sinceTurn;
}
