import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import { createCaseState } from './case-state';
import { advanceOoda, detectAnchoring, intensityFor, planOodaTurn, resolveAnchoring, shouldContinueIterations } from './ooda-engine';

describe('adaptive intensity', () => {
  it('follows the original AdaptiveIntensityController table', () => {
    expect(intensityFor('INTAKE', 1)).toBe('none');
    expect(intensityFor('BLAST_RADIUS', 1)).toBe('light');
    expect(intensityFor('TIMELINE', 2)).toBe('light');
    expect([1, 2, 3].map((i) => intensityFor('HYPOTHESIS', i))).toEqual(['light', 'light', 'medium']);
    expect([1, 2, 3].map((i) => intensityFor('VALIDATION', i))).toEqual(['medium', 'medium', 'full']);
    expect(intensityFor('SOLUTION', 5)).toBe('medium');
    expect(intensityFor('DOCUMENT', 1)).toBe('light');
  });

  it('plans as many steps as the intensity allows, in OODA order, within the phase steps', () => {
    const validation = investigatingState({ phase: 'VALIDATION' });
    expect(planOodaTurn(validation).steps.map((s) => s.step)).toEqual(['observe', 'orient', 'decide']);
    validation.phase.iteration = 2;
    expect(planOodaTurn(validation)).toMatchObject({ intensity: 'full', iteration: 3 });
    expect(planOodaTurn(validation).steps.map((s) => s.step)).toEqual(['observe', 'orient', 'decide', 'act']);
    expect(planOodaTurn(investigatingState({ phase: 'DOCUMENT' })).steps).toEqual([{ step: 'orient', weight: 1 }]);
    expect(planOodaTurn(investigatingState({ phase: 'SOLUTION' })).steps.map((s) => s.step)).toEqual(['orient', 'decide', 'act']);
    const inquiry = planOodaTurn(createCaseState({ caseId: 'c', severity: 'sev3', now: 0 }));
    expect(inquiry).toMatchObject({ intensity: 'none', engagement: 'consultant', steps: [] });
  });

  it('continues below the minimum, stops at the maximum, and in VALIDATION stops once validated', () => {
    const timeline = investigatingState({ phase: 'TIMELINE' });
    expect(shouldContinueIterations(timeline)).toBe(true);
    timeline.phase.iteration = 2;
    expect(shouldContinueIterations(timeline)).toBe(false);
    expect(planOodaTurn(timeline).overrun).toBe(true);
    const validation = withHypotheses(investigatingState({ phase: 'VALIDATION' }), hypothesis({ id: 'H1', status: 'validated', likelihood: 0.8 }));
    expect(shouldContinueIterations(validation)).toBe(false);
  });
});

describe('anchoring', () => {
  const crowded = () =>
    withHypotheses(
      investigatingState(),
      ...['H1', 'H2', 'H3', 'H4'].map((id, i) => hypothesis({ id, category: 'network', iterationsWithoutProgress: i < 2 ? 2 : 0 })),
    );

  it('is not checked before the third investigative iteration', () => {
    const state = crowded();
    state.ooda.iteration = 2;
    expect(detectAnchoring(state)).toBeNull();
    state.ooda.iteration = 3;
    expect(detectAnchoring(state)).toEqual({ reasons: ['4 open hypotheses are all about network'], dominantCategory: 'network' });
  });

  it('fires on a stalled active hypothesis and on a leader stuck below 0.7', () => {
    const stalled = withHypotheses(investigatingState(), hypothesis({ id: 'H1', iterationsWithoutProgress: 3, category: 'code' }));
    stalled.ooda.iteration = 4;
    expect(detectAnchoring(stalled)?.dominantCategory).toBe('code');
    const leader = withHypotheses(investigatingState(), hypothesis({ id: 'H1', likelihood: 0.6 }), hypothesis({ id: 'H2', likelihood: 0.4 }));
    leader.ooda = { ...leader.ooda, iteration: 5, topHypothesisId: 'H1', topStreak: 3 };
    expect(detectAnchoring(leader)?.reasons).toEqual(['H1 has led for 3 iterations without reaching 0.7']);
    leader.hypotheses[0]!.likelihood = 0.75;
    expect(detectAnchoring(leader)).toBeNull();
  });

  it('forces alternatives when detected, then needs two from other categories to clear', () => {
    const state = crowded();
    state.ooda.iteration = 2;
    const detected = advanceOoda(state);
    expect(detected.state.ooda.anchoring).toMatchObject({ dominantCategory: 'network', alternativesRequired: 2, detectedTurn: 5 });
    expect(detected.state.hypotheses.map((h) => h.status)).toEqual(['retired', 'retired', 'active', 'active']);
    expect(detected.events[0]).toMatchObject({ type: 'anchoring-detected' });

    const next = { ...detected.state, turn: 6 };
    next.hypotheses = [...next.hypotheses, hypothesis({ id: 'H5', category: 'network' }), hypothesis({ id: 'H6', category: 'database' })];
    const partial = resolveAnchoring(next, ['H5', 'H6']);
    expect(partial.state.ooda.anchoring?.alternativesRequired).toBe(1);
    expect(partial.events[0]).toMatchObject({ type: 'update-rejected', reason: 'add 1 more alternative hypothesis outside network before moving on' });
    const later = { ...partial.state, turn: 7, hypotheses: [...partial.state.hypotheses, hypothesis({ id: 'H7', category: 'deployment' })] };
    const cleared = resolveAnchoring(later, ['H7']);
    expect(cleared.state.ooda.anchoring).toBeNull();
    expect(cleared.events).toEqual([{ type: 'alternatives-provided', hypothesisIds: ['H7'] }]);
  });

  it('clears a pending anchoring once a hypothesis is validated by evidence', () => {
    const state = withHypotheses(investigatingState({ turn: 8 }), hypothesis({ id: 'H1', status: 'validated', statusChangedTurn: 8, likelihood: 0.8 }));
    state.ooda.anchoring = { reasons: ['x'], detectedTurn: 6, dominantCategory: 'other', alternativesRequired: 2 };
    const { state: next, events } = advanceOoda(state);
    expect(next.ooda.anchoring).toBeNull();
    expect(events).toEqual([{ type: 'anchoring-cleared', reason: 'H1 was validated by evidence' }]);
  });

  it('tracks how long the same hypothesis leads', () => {
    let state = withHypotheses(investigatingState({ phase: 'TIMELINE' }), hypothesis({ id: 'H1', likelihood: 0.6 }), hypothesis({ id: 'H2', likelihood: 0.4 }));
    for (let i = 0; i < 3; i++) state = advanceOoda(state).state;
    expect(state.ooda).toMatchObject({ iteration: 3, topHypothesisId: 'H1', topStreak: 2 });
  });
});
