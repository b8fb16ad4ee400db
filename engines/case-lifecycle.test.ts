import { describe, expect, it } from 'vitest';
import { investigatingState } from '@/tests/fixtures/investigations/state-builders';
import { confirmProblemStatement, confirmTransition, declineTransition, decideToInvestigate, proposeProblemStatement, proposeTransition, reopenCase } from './case-lifecycle';
import { createCaseState, type CaseState } from './case-state';

const atTurn = (state: CaseState, turn: number): CaseState => ({ ...state, turn });

describe('two-step confirmation', () => {
  it('needs the statement proposed in an earlier turn, confirmed, then a decision to investigate', () => {
    let state = atTurn(createCaseState({ caseId: 'c', severity: 'sev3', now: 0 }), 1);
    state = proposeProblemStatement(state, '  checkout returns 502  ').state;
    expect(state.problem).toMatchObject({ proposed: 'checkout returns 502', proposedTurn: 1 });
    expect(confirmProblemStatement(state).events[0]).toMatchObject({ type: 'update-rejected', reason: expect.stringContaining('has not seen') });
    expect(decideToInvestigate(state).events[0]).toMatchObject({ reason: 'the problem statement must be confirmed first' });
    state = confirmProblemStatement(atTurn(state, 2)).state;
    expect(state.problem.confirmed).toBe('checkout returns 502');
    expect(state.status).toBe('inquiry');
    const started = decideToInvestigate(state);
    expect(started.state.status).toBe('investigating');
    expect(started.state.phase.current).toBe('BLAST_RADIUS');
    expect(started.events.map((e) => e.type)).toEqual(['case-status-changed', 'investigation-started', 'phase-changed']);
  });

  it('asks again when the engineer corrects the statement', () => {
    let state = proposeProblemStatement(atTurn(createCaseState({ caseId: 'c', severity: 'sev3', now: 0 }), 1), 'A').state;
    state = proposeProblemStatement(atTurn(state, 2), 'B').state;
    expect(confirmProblemStatement(state).events[0]!.type).toBe('update-rejected');
    expect(confirmProblemStatement(atTurn(state, 3)).state.problem.confirmed).toBe('B');
  });
});

describe('user-agent handshake', () => {
  const proposal = { toStatus: 'resolved' as const, reason: 'fixed', summary: 'write-up', evidenceIds: [] };

  it('does not let the agent resolve without a verified solution', () => {
    expect(proposeTransition(investigatingState(), proposal).events[0]).toMatchObject({ reason: expect.stringContaining('verified') });
    expect(proposeTransition(investigatingState(), { ...proposal, toStatus: 'closed' }).state.pendingTransition?.toStatus).toBe('closed');
  });

  it('changes the status only when the engineer confirms in a later turn', () => {
    const base = investigatingState({ turn: 7 });
    base.milestones.solution_verified = 6;
    const proposed = proposeTransition(base, proposal).state;
    expect(proposed.status).toBe('investigating');
    expect(confirmTransition(proposed).events[0]).toMatchObject({ type: 'update-rejected', reason: 'the engineer must confirm the proposal in a later turn' });
    const confirmed = confirmTransition(atTurn(proposed, 8));
    expect(confirmed.state).toMatchObject({ status: 'resolved', pendingTransition: null });
    // The confirmed write-up outlives the proposal: the postmortem quotes it.
    expect(confirmed.state.resolution).toEqual({ ...proposed.pendingTransition, confirmedTurn: 8 });
    expect(declineTransition(atTurn(proposed, 8)).state.resolution).toBeNull();
    expect(confirmed.events).toEqual([{ type: 'case-status-changed', from: 'investigating', to: 'resolved' }]);
    expect(proposeTransition(confirmed.state, proposal).events[0]).toMatchObject({ reason: 'the case is already resolved' });
    expect(declineTransition(atTurn(proposed, 8)).state.pendingTransition).toBeNull();
    expect(reopenCase(confirmed.state).state.status).toBe('investigating');
  });
});
