import { describe, expect, it } from 'vitest';
import { hypothesis, investigatingState, withHypotheses } from '@/tests/fixtures/investigations/state-builders';
import { createCaseState, type EvidenceLink } from './case-state';
import {
  MAX_OPEN_HYPOTHESES,
  addHypothesis,
  applyAutomaticTransitions,
  applyHypothesisAction,
  computeLikelihood,
  forceAlternatives,
  linkEvidence,
  updateStagnation,
} from './hypothesis-manager';

const link = (evidenceId: string, stance: EvidenceLink['stance'], confidence = 1, turn = 1): EvidenceLink => ({ evidenceId, stance, confidence, note: '', turn });

describe('computeLikelihood', () => {
  it('applies initial + 0.15×supporting − 0.20×refuting, clamped', () => {
    expect(computeLikelihood({ prior: 0.5, links: [link('a', 'supports'), link('b', 'supports')], iterationsWithoutProgress: 0 })).toBe(0.8);
    expect(computeLikelihood({ prior: 0.5, links: [link('a', 'refutes')], iterationsWithoutProgress: 0 })).toBe(0.3);
    expect(computeLikelihood({ prior: 0.1, links: [link('a', 'refutes')], iterationsWithoutProgress: 0 })).toBe(0);
    expect(computeLikelihood({ prior: 0.9, links: [link('a', 'supports'), link('b', 'supports')], iterationsWithoutProgress: 0 })).toBe(1);
  });

  it('weights each link by its stance confidence and ignores neutral links', () => {
    expect(computeLikelihood({ prior: 0.4, links: [link('a', 'supports', 0.5), link('b', 'neutral')], iterationsWithoutProgress: 0 })).toBe(0.475);
  });

  it('decays by 0.85^n only from two stagnant iterations on, floored at 0.1', () => {
    expect(computeLikelihood({ prior: 0.5, links: [], iterationsWithoutProgress: 1 })).toBe(0.5);
    expect(computeLikelihood({ prior: 0.5, links: [], iterationsWithoutProgress: 2 })).toBe(0.361);
    expect(computeLikelihood({ prior: 0.5, links: [], iterationsWithoutProgress: 20 })).toBe(0.1);
    // Evidence already below the floor: decay does not lift it.
    expect(computeLikelihood({ prior: 0.05, links: [], iterationsWithoutProgress: 5 })).toBe(0.05);
  });
});

describe('addHypothesis', () => {
  it('caps the prior at 0.5, defaults to 0.4, numbers ids in order', () => {
    const first = addHypothesis(investigatingState(), { statement: 'DB pool too small', category: 'database', likelihood: 0.9 });
    expect(first.hypothesisId).toBe('H1');
    expect(first.state.hypotheses[0]).toMatchObject({ prior: 0.5, likelihood: 0.5, status: 'active' });
    const second = addHypothesis(first.state, { statement: 'Network loss', category: 'network' });
    expect(second.hypothesisId).toBe('H2');
    expect(second.state.hypotheses[1]!.prior).toBe(0.4);
  });

  it('only captures (queues) hypotheses before the investigation starts', () => {
    const result = addHypothesis(createCaseState({ caseId: 'c', severity: 'sev3', now: 0 }), { statement: 'x', category: 'code' });
    expect(result.state.hypotheses[0]!.status).toBe('captured');
  });

  it('rejects duplicates of an open hypothesis and more than the open maximum', () => {
    let state = addHypothesis(investigatingState(), { statement: 'DB pool too small', category: 'database' }).state;
    const duplicate = addHypothesis(state, { statement: 'db pool, too small!', category: 'database' });
    expect(duplicate.hypothesisId).toBeNull();
    expect(duplicate.events).toEqual([{ type: 'update-rejected', update: 'add hypothesis "db pool, too small!"', reason: 'it duplicates H1' }]);
    for (let i = 1; i < MAX_OPEN_HYPOTHESES; i++) state = addHypothesis(state, { statement: `idea ${i}`, category: 'other' }).state;
    expect(addHypothesis(state, { statement: 'one too many', category: 'other' }).hypothesisId).toBeNull();
  });
});

describe('linkEvidence', () => {
  it('updates the likelihood and replaces, not repeats, a link to the same evidence', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1', prior: 0.5 }));
    const once = linkEvidence(base, { hypothesisId: 'H1', evidenceId: 'ev1', stance: 'supports' });
    expect(once.state.hypotheses[0]!.likelihood).toBe(0.65);
    expect(once.events.map((e) => e.type)).toEqual(['evidence-linked', 'likelihood-changed']);
    const again = linkEvidence(once.state, { hypothesisId: 'h1', evidenceId: 'ev1', stance: 'supports' });
    expect(again.state.hypotheses[0]!.likelihood).toBe(0.65);
    expect(again.events).toEqual([]);
    const flipped = linkEvidence(once.state, { hypothesisId: 'H1', evidenceId: 'ev1', stance: 'refutes' });
    expect(flipped.state.hypotheses[0]!.links).toHaveLength(1);
    expect(flipped.state.hypotheses[0]!.likelihood).toBe(0.3);
  });

  it('does not log changes under 0.05 in the trajectory', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1', prior: 0.5 }));
    const small = linkEvidence(base, { hypothesisId: 'H1', evidenceId: 'ev1', stance: 'supports', confidence: 0.2 });
    expect(small.state.hypotheses[0]!.likelihood).toBe(0.53);
    expect(small.state.hypotheses[0]!.trajectory).toEqual([]);
  });

  it('resets stagnation on a supporting or refuting link, not on a neutral one, and reopens INCONCLUSIVE', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'inconclusive', iterationsWithoutProgress: 3 }));
    const neutral = linkEvidence(base, { hypothesisId: 'H1', evidenceId: 'ev1', stance: 'neutral' });
    expect(neutral.state.hypotheses[0]).toMatchObject({ status: 'inconclusive', iterationsWithoutProgress: 3 });
    const supports = linkEvidence(base, { hypothesisId: 'H1', evidenceId: 'ev1', stance: 'supports' });
    expect(supports.state.hypotheses[0]).toMatchObject({ status: 'active', iterationsWithoutProgress: 0 });
  });

  it('rejects links to unknown or closed hypotheses', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1', status: 'refuted' }));
    expect(linkEvidence(base, { hypothesisId: 'H9', evidenceId: 'e', stance: 'supports' }).events[0]).toMatchObject({ type: 'update-rejected', reason: 'there is no hypothesis H9' });
    expect(linkEvidence(base, { hypothesisId: 'H1', evidenceId: 'e', stance: 'supports' }).events[0]).toMatchObject({ reason: 'H1 is refuted' });
  });
});

describe('applyHypothesisAction', () => {
  it('lets the agent validate only when the evidence rules are met; the engineer may always', () => {
    const weak = withHypotheses(investigatingState(), hypothesis({ id: 'H1', likelihood: 0.65, links: [link('a', 'supports')] }));
    const refused = applyHypothesisAction(weak, { hypothesisId: 'H1', action: 'validate' }, 'agent');
    expect(refused.state.hypotheses[0]!.status).toBe('active');
    expect(refused.events[0]).toMatchObject({ type: 'update-rejected', reason: expect.stringContaining('has 0.65 and 1') });
    const byUser = applyHypothesisAction(weak, { hypothesisId: 'H1', action: 'validate' }, 'user');
    expect(byUser.state.hypotheses[0]).toMatchObject({ status: 'validated', likelihood: 0.7, statusReason: 'Confirmed by the engineer' });
    expect(byUser.state.milestones.root_cause_identified).toBe(5);
  });

  it('needs a reason and a refuting link before the agent may refute', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1' }));
    expect(applyHypothesisAction(base, { hypothesisId: 'H1', action: 'refute' }, 'agent').events[0]).toMatchObject({ reason: 'a refutation needs a reason' });
    expect(applyHypothesisAction(base, { hypothesisId: 'H1', action: 'refute', reason: 'no' }, 'agent').events[0]).toMatchObject({ reason: 'link the refuting evidence to H1 first' });
    const linked = withHypotheses(investigatingState(), hypothesis({ id: 'H1', links: [link('a', 'refutes')] }));
    const long = 'x'.repeat(300);
    const refuted = applyHypothesisAction(linked, { hypothesisId: 'H1', action: 'refute', reason: long }, 'agent');
    expect(refuted.state.hypotheses[0]!.status).toBe('refuted');
    expect(refuted.state.hypotheses[0]!.statusReason).toHaveLength(200);
  });

  it('supersedes only with another existing hypothesis', () => {
    const base = withHypotheses(investigatingState(), hypothesis({ id: 'H1' }), hypothesis({ id: 'H2' }));
    expect(applyHypothesisAction(base, { hypothesisId: 'H1', action: 'supersede', supersededBy: 'H1' }, 'agent').events[0]!.type).toBe('update-rejected');
    const done = applyHypothesisAction(base, { hypothesisId: 'H1', action: 'supersede', supersededBy: 'H2' }, 'agent');
    expect(done.state.hypotheses[0]).toMatchObject({ status: 'superseded', supersededBy: 'H2' });
  });
});

describe('status rules and stagnation', () => {
  it('validates, refutes, retires and marks inconclusive at the original thresholds', () => {
    const state = withHypotheses(
      investigatingState(),
      hypothesis({ id: 'H1', likelihood: 0.8, links: [link('a', 'supports'), link('b', 'supports')] }),
      hypothesis({ id: 'H2', likelihood: 0.1, links: [link('a', 'refutes'), link('b', 'refutes')] }),
      hypothesis({ id: 'H3', likelihood: 0.25, iterationsWithoutProgress: 2 }),
      hypothesis({ id: 'H4', likelihood: 0.45, iterationsWithoutProgress: 3 }),
      hypothesis({ id: 'H5', likelihood: 0.8, links: [link('a', 'supports')] }),
      hypothesis({ id: 'H6', likelihood: 0.15, links: [link('a', 'refutes', 0.4)] }),
      hypothesis({ id: 'H7', likelihood: 0.25, iterationsWithoutProgress: 1 }),
    );
    const { state: next } = applyAutomaticTransitions(state);
    expect(next.hypotheses.map((h) => h.status)).toEqual(['validated', 'refuted', 'retired', 'inconclusive', 'active', 'retired', 'active']);
    expect(next.hypotheses[1]!.statusReason).toBe('Refuted by 2 evidence items');
  });

  it('counts stagnation only in HYPOTHESIS and VALIDATION, and not for a hypothesis with new evidence', () => {
    const build = (phase: 'TIMELINE' | 'VALIDATION') =>
      withHypotheses(investigatingState({ phase, turn: 5 }), hypothesis({ id: 'H1', iterationsWithoutProgress: 1 }), hypothesis({ id: 'H2', links: [link('e', 'supports', 1, 5)] }));
    expect(updateStagnation(build('TIMELINE')).state.hypotheses[0]!.iterationsWithoutProgress).toBe(1);
    const validation = updateStagnation(build('VALIDATION')).state;
    expect(validation.hypotheses[0]).toMatchObject({ iterationsWithoutProgress: 2, likelihood: 0.361 });
    expect(validation.hypotheses[1]!.iterationsWithoutProgress).toBe(0);
  });

  it('forces alternatives by retiring stalled hypotheses of the dominant category only', () => {
    const state = withHypotheses(
      investigatingState(),
      hypothesis({ id: 'H1', category: 'network', iterationsWithoutProgress: 2 }),
      hypothesis({ id: 'H2', category: 'network', iterationsWithoutProgress: 0 }),
      hypothesis({ id: 'H3', category: 'database', iterationsWithoutProgress: 4 }),
    );
    const { state: next } = forceAlternatives(state, 'network');
    expect(next.hypotheses.map((h) => h.status)).toEqual(['retired', 'active', 'active']);
  });
});
