import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import {
  MAX_LOOP_BACKS,
  advanceWhileComplete,
  applyPhaseSignal,
  checkAutomaticLoopBack,
  loopBack,
  skipToSolution,
  unmetCompletionCriteria,
} from './phase-orchestrator';

describe('forward moves', () => {
  it('advances through every consecutive phase whose criteria are met', () => {
    const state = withHypotheses(investigatingState({ phase: 'BLAST_RADIUS' }), hypothesis({ id: 'H1' }), hypothesis({ id: 'H2' }));
    state.milestones = { scope_assessed: 3, timeline_established: 4 };
    const { state: next, events } = advanceWhileComplete(state);
    expect(next.phase.current).toBe('VALIDATION');
    expect(next.phase.completed).toEqual(['BLAST_RADIUS', 'TIMELINE', 'HYPOTHESIS']);
    expect(events.map((e) => (e.type === 'phase-changed' ? e.to : e.type))).toEqual(['TIMELINE', 'HYPOTHESIS', 'VALIDATION']);
    expect(next.phase.iteration).toBe(0);
  });

  it('does not move while the criteria are unmet, while anchored, or before the investigation starts', () => {
    const state = investigatingState({ phase: 'HYPOTHESIS' });
    state.hypotheses = [hypothesis({ id: 'H1' })];
    expect(unmetCompletionCriteria(state)).toEqual(['candidate_hypotheses']);
    expect(advanceWhileComplete(state).state.phase.current).toBe('HYPOTHESIS');
    const anchored = withHypotheses(investigatingState({ phase: 'HYPOTHESIS' }), hypothesis({ id: 'H1' }), hypothesis({ id: 'H2' }));
    anchored.ooda.anchoring = { reasons: ['x'], detectedTurn: 4, dominantCategory: null, alternativesRequired: 2 };
    expect(advanceWhileComplete(anchored).state.phase.current).toBe('HYPOTHESIS');
    const inquiry = { ...investigatingState({ phase: 'INTAKE' }), status: 'inquiry' as const };
    expect(advanceWhileComplete(inquiry).state.phase.current).toBe('INTAKE');
  });

  it('rejects a "completed" signal that the state does not back, naming what is missing', () => {
    const { events } = applyPhaseSignal(investigatingState({ phase: 'TIMELINE' }), 'completed', '');
    expect(events).toEqual([{ type: 'update-rejected', update: 'complete TIMELINE', reason: 'not yet met: timeline_established' }]);
  });
});

describe('loop-backs', () => {
  it('goes back, reopens the phases in between, and needs their criteria met again', () => {
    const state = investigatingState({ phase: 'VALIDATION', turn: 9 });
    state.milestones = { scope_assessed: 3, timeline_established: 4 };
    state.phase.completed = ['INTAKE', 'BLAST_RADIUS', 'TIMELINE', 'HYPOTHESIS'];
    const { state: next, events } = loopBack(state, 'scope_changed', 'EU is affected too');
    expect(next.phase.current).toBe('BLAST_RADIUS');
    expect(next.phase.completed).toEqual(['INTAKE']);
    expect(next.phase.loopBacks).toEqual([{ from: 'VALIDATION', to: 'BLAST_RADIUS', outcome: 'scope_changed', reason: 'EU is affected too', turn: 9 }]);
    expect(events.map((e) => e.type)).toEqual(['loop-back-requested', 'phase-changed']);
    // The old scope milestone (turn 3) no longer completes the reopened phase.
    expect(unmetCompletionCriteria(next)).toEqual(['scope_assessed']);
    next.milestones.scope_assessed = 9;
    expect(unmetCompletionCriteria(next)).toEqual([]);
  });

  it(`escalates instead of looping back more than ${MAX_LOOP_BACKS} times`, () => {
    const state = investigatingState({ phase: 'VALIDATION' });
    state.phase.loopBacks = Array.from({ length: MAX_LOOP_BACKS }, () => ({ from: 'VALIDATION' as const, to: 'HYPOTHESIS' as const, outcome: 'hypothesis_refuted' as const, reason: 'r', turn: 1 }));
    const { state: next, events } = loopBack(state, 'hypothesis_refuted', 'again');
    expect(next.phase.current).toBe('VALIDATION');
    expect(next.phase.escalation?.reason).toContain('max_loops_exceeded');
    expect(events.map((e) => e.type)).toEqual(['loop-back-requested', 'escalated']);
    expect(events[0]).toMatchObject({ granted: false });
  });

  it('refuses to "loop back" forward, and counts a failed fix when leaving SOLUTION', () => {
    expect(loopBack(investigatingState({ phase: 'TIMELINE' }), 'hypothesis_refuted', 'x').events[0]!.type).toBe('update-rejected');
    const solution = investigatingState({ phase: 'SOLUTION' });
    expect(loopBack(solution, 'hypothesis_refuted', 'fix failed').state.progress.failedFixes).toBe(1);
  });

  it('loops back automatically when every hypothesis is refuted or too few remain after an elimination', () => {
    const allRefuted = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'refuted' }), hypothesis({ id: 'H2', status: 'retired' }));
    expect(checkAutomaticLoopBack(allRefuted, false).state.phase.current).toBe('HYPOTHESIS');
    const oneLeft = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'refuted' }), hypothesis({ id: 'H2' }));
    expect(checkAutomaticLoopBack(oneLeft, true).state.phase.current).toBe('HYPOTHESIS');
    expect(checkAutomaticLoopBack(oneLeft, false).state.phase.current).toBe('VALIDATION');
  });
});

describe('urgent skip and other outcomes', () => {
  it('allows skipping to SOLUTION only at high (with a 0.6 hypothesis) or critical urgency', () => {
    const medium = investigatingState({ phase: 'BLAST_RADIUS', severity: 'sev3' });
    expect(skipToSolution(medium, 'x').events[0]).toMatchObject({ reason: expect.stringContaining('only allowed at high or critical') });
    const high = withHypotheses(investigatingState({ phase: 'BLAST_RADIUS', severity: 'sev2' }), hypothesis({ id: 'H1', likelihood: 0.55 }));
    expect(skipToSolution(high, 'x').state.phase.current).toBe('BLAST_RADIUS');
    high.hypotheses[0]!.likelihood = 0.6;
    expect(skipToSolution(high, 'x').state.phase.current).toBe('SOLUTION');
    const critical = skipToSolution(investigatingState({ phase: 'TIMELINE', severity: 'sev1' }), 'stop the bleeding');
    expect(critical.state.phase.current).toBe('SOLUTION');
    expect(critical.state.phase.skipped).toEqual(['TIMELINE', 'HYPOTHESIS', 'VALIDATION']);
    expect(critical.events).toEqual([{ type: 'phase-changed', from: 'TIMELINE', to: 'SOLUTION', via: 'skip', reason: 'stop the bleeding' }]);
  });

  it('enters the right degraded mode on "stalled" and escalates on request', () => {
    const missing = withHypotheses(investigatingState(), hypothesis({ id: 'H1' }));
    expect(applyPhaseSignal(missing, 'stalled', 'no logs').state.phase.degraded).toMatchObject({ mode: 'critical_evidence_missing', reason: 'no logs' });
    const exhausted = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'refuted' }));
    expect(applyPhaseSignal(exhausted, 'stalled', '').state.phase.degraded?.mode).toBe('hypothesis_space_exhausted');
    expect(applyPhaseSignal(missing, 'escalation_needed', 'needs DBA').state.phase.escalation?.reason).toBe('needs DBA');
    expect(applyPhaseSignal(missing, 'need_more_data', '').events).toEqual([]);
  });
});
