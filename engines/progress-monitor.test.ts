import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import { PROGRESS_TRANSPARENCY_TURNS, chooseRepairType, isProgressEvent, updateProgress } from './progress-monitor';

describe('progress transparency', () => {
  it(`stays silent until ${PROGRESS_TRANSPARENCY_TURNS} turns pass without a milestone, then explains what is missing`, () => {
    let state = investigatingState({ phase: 'TIMELINE' });
    for (let i = 1; i < PROGRESS_TRANSPARENCY_TURNS; i++) {
      const step = updateProgress(state, false);
      expect(step.events).toEqual([]);
      state = step.state;
    }
    const due = updateProgress(state, false);
    expect(due.state.progress.transparency).toMatchObject({ pendingCriterion: 'timeline_established', repairType: null, turnsWithoutProgress: 5 });
    expect(due.events[0]).toMatchObject({ type: 'progress-transparency', active: true, description: expect.stringContaining('still missing: when it started') });
    const resumed = updateProgress(due.state, true);
    expect(resumed.state.progress).toMatchObject({ transparency: null, turnsWithoutProgress: 0 });
    expect(resumed.events[0]).toMatchObject({ active: false });
  });

  it('goes transparent at once when fixes keep failing or nothing is left to test', () => {
    const failing = investigatingState({ phase: 'SOLUTION' });
    failing.progress.failedFixes = 2;
    expect(updateProgress(failing, false).state.progress.transparency?.repairType).toBe('fix_failure_cycle');
    const exhausted = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'refuted' }));
    exhausted.phase.degraded = { mode: 'hypothesis_space_exhausted', reason: 'x', turn: 5 };
    expect(updateProgress(exhausted, false).state.progress.transparency?.repairType).toBe('exhausted');
  });

  it('names deadlocks, anchoring and action loops', () => {
    const deadlock = withHypotheses(investigatingState(), hypothesis({ id: 'H1', likelihood: 0.5, iterationsWithoutProgress: 1 }), hypothesis({ id: 'H2', likelihood: 0.45, iterationsWithoutProgress: 1 }));
    expect(chooseRepairType(deadlock)).toBe('hypothesis_deadlock');
    const loop = investigatingState();
    loop.progress.recentActionKeys = ['run:a', 'run:b', 'run:a', 'run:a'];
    expect(chooseRepairType(loop)).toBe('action_loop');
    const anchored = investigatingState();
    anchored.ooda.anchoring = { reasons: [], detectedTurn: 1, dominantCategory: null, alternativesRequired: 2 };
    expect(chooseRepairType(anchored)).toBe('hypothesis_anchoring');
  });

  it('counts milestones, forward phase moves and decisive hypothesis outcomes as progress', () => {
    expect(isProgressEvent({ type: 'milestone-reached', milestone: 'scope_assessed' })).toBe(true);
    expect(isProgressEvent({ type: 'phase-changed', from: 'VALIDATION', to: 'HYPOTHESIS', via: 'loop-back', reason: '' })).toBe(false);
    expect(isProgressEvent({ type: 'hypothesis-status-changed', hypothesisId: 'H1', from: 'active', to: 'refuted', reason: null })).toBe(true);
    expect(isProgressEvent({ type: 'hypothesis-status-changed', hypothesisId: 'H1', from: 'active', to: 'inconclusive', reason: null })).toBe(false);
  });
});
