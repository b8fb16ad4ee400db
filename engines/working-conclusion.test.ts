import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import { confidenceLevel, generateWorkingConclusion, updateWorkingConclusion } from './working-conclusion';

const supports = (id: string, turn = 1) => ({ evidenceId: id, stance: 'supports' as const, confidence: 1, note: '', turn });

describe('confidenceLevel', () => {
  it('maps the original thresholds', () => {
    expect([0.49, 0.5, 0.69, 0.7, 0.89, 0.9].map(confidenceLevel)).toEqual(['speculation', 'probable', 'probable', 'confident', 'confident', 'verified']);
  });
});

describe('generateWorkingConclusion', () => {
  it('rests on the validated hypothesis first, otherwise the leader, with alternatives and caveats', () => {
    const state = withHypotheses(
      investigatingState(),
      hypothesis({ id: 'H1', statement: 'Pool too small', likelihood: 0.65, links: [supports('a')] }),
      hypothesis({ id: 'H2', statement: 'Slow DB', likelihood: 0.55 }),
      hypothesis({ id: 'H3', statement: 'DNS', likelihood: 0.2 }),
    );
    const c = generateWorkingConclusion(state);
    expect(c).toMatchObject({ statement: 'Leading hypothesis: Pool too small (H1, 0.65)', confidence: 0.65, level: 'probable', canProposeSolution: false, hypothesisId: 'H1' });
    expect(c.alternatives).toEqual([{ hypothesisId: 'H2', statement: 'Slow DB', likelihood: 0.55 }]);
    expect(c.caveats).toEqual(['H1 rests on 1 supporting evidence item and is not validated', 'H2 (0.55) is not ruled out']);
    expect(c.nextEvidenceNeeded).toEqual(['Evidence that confirms or refutes H1: Pool too small']);
    state.hypotheses.push(hypothesis({ id: 'H4', statement: 'Bad deploy', status: 'validated', likelihood: 0.8, links: [supports('a'), supports('b')] }));
    expect(generateWorkingConclusion(state)).toMatchObject({ statement: 'Root cause: Bad deploy (H4, validated)', level: 'confident', canProposeSolution: true });
  });

  it('caps confidence in a degraded mode and while abstaining', () => {
    const state = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'validated', likelihood: 0.8 }));
    state.phase.degraded = { mode: 'critical_evidence_missing', reason: 'no logs', turn: 5 };
    expect(generateWorkingConclusion(state)).toMatchObject({ confidence: 0.5, canProposeSolution: false });
    state.phase.degraded = null;
    state.abstention = { reason: 'logs rotate hourly', missingEvidence: ['LB logs'], turn: 5 };
    expect(generateWorkingConclusion(state)).toMatchObject({
      statement: 'The available evidence cannot establish the root cause: logs rotate hourly',
      confidence: 0.49,
      level: 'speculation',
      canProposeSolution: false,
      abstained: true,
      nextEvidenceNeeded: ['LB logs'],
    });
  });

  it("uses the model's statement and caveats from this turn only", () => {
    const state = withHypotheses(investigatingState({ turn: 5 }), hypothesis({ id: 'H1', likelihood: 0.6 }));
    state.agentConclusion = { statement: 'Probably the pool', caveats: ['Only one log sample'], nextEvidenceNeeded: [], turn: 5 };
    expect(generateWorkingConclusion(state)).toMatchObject({ statement: 'Probably the pool' });
    expect(generateWorkingConclusion(state).caveats[0]).toBe('Only one log sample');
    state.agentConclusion.turn = 4;
    expect(generateWorkingConclusion(state).statement).toContain('Leading hypothesis');
  });

  it('reports momentum from confidence change and new links, blocked when stuck', () => {
    const state = withHypotheses(investigatingState({ turn: 5 }), hypothesis({ id: 'H1', likelihood: 0.8, links: [supports('a', 5), supports('b', 5)] }));
    expect(generateWorkingConclusion(state).momentum).toBe('high');
    state.progress.transparency = { pendingCriterion: null, description: 'x', repairType: null, turnsWithoutProgress: 5, sinceTurn: 5 };
    expect(generateWorkingConclusion(state).momentum).toBe('blocked');
  });

  it('emits conclusion-updated only when something visible changed', () => {
    const state = withHypotheses(investigatingState(), hypothesis({ id: 'H1', likelihood: 0.6 }));
    const first = updateWorkingConclusion(state);
    expect(first.events.map((e) => e.type)).toEqual(['conclusion-updated']);
    expect(updateWorkingConclusion(first.state).events).toEqual([]);
  });
});
