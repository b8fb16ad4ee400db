// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { applyAgentOutput, beginTurn, createCaseState, parseAgentOutput } from '@/engines/investigation';
import { HypothesisList } from './hypothesis-list';
import { PhaseTrack } from './phase-track';
import { SuggestedActions } from './suggested-actions';

afterEach(cleanup);

function stateAfterFirstTurn() {
  let state = createCaseState({ caseId: 'c', severity: 'sev2', now: 1 });
  state = beginTurn(state, { messageId: 'm1', userText: 'checkout times out', now: 2 }).state;
  const parsed = parseAgentOutput(
    JSON.stringify({
      answer: 'ok',
      hypothesesToAdd: [
        { statement: 'DB pool exhausted', category: 'capacity', likelihood: 0.45 },
        { statement: 'Bad deploy config', category: 'configuration', likelihood: 0.2 },
      ],
      suggestedActions: [
        { kind: 'run', label: 'Pods', payload: 'kubectl get pods -n shop' },
        { kind: 'decide', label: 'Yes, investigate', payload: 'Yes, let us investigate' },
      ],
    }),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return applyAgentOutput(state, parsed.output, { messageId: 'm1', now: 3 }).state;
}

describe('investigation view', () => {
  it('shows hypotheses ordered by likelihood with an accessible meter', () => {
    const state = stateAfterFirstTurn();
    render(<HypothesisList hypotheses={state.hypotheses} />);
    const items = screen.getAllByTestId('hypothesis');
    expect(items[0]!.textContent).toContain('DB pool exhausted');
    expect(screen.getByRole('meter', { name: 'Likelihood of H1' }).getAttribute('aria-valuenow')).toBe(String(Math.round(state.hypotheses[0]!.likelihood * 100)));
  });

  it('marks the current phase', () => {
    render(<PhaseTrack state={stateAfterFirstTurn()} />);
    expect(screen.getByTestId('current-phase').textContent).toBe('Intake');
  });

  it('offers to copy commands and to send decisions, never to run anything', () => {
    const state = stateAfterFirstTurn();
    render(<SuggestedActions caseId="c" actions={state.suggestedActions} />);
    expect(screen.getByRole('button', { name: 'Copy command' })).toBeTruthy();
    expect(screen.getByText('kubectl get pods -n shop')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Yes, investigate' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /run/i })).toBeNull();
  });
});
