// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { EvidenceRecord } from '@/lib/db/records';
import { IncidentTimelineChart } from './incident-timeline-chart';
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

describe('hypothesis evidence', () => {
  it('names the evidence for and against each hypothesis, and opens it', () => {
    const [first, second] = stateAfterFirstTurn().hypotheses;
    const withLinks = {
      ...first!,
      links: [
        { evidenceId: 'ev-grafana', stance: 'supports' as const, confidence: 0.8, note: '5xx spike at 14:05', turn: 1 },
        { evidenceId: 'ev-log', stance: 'refutes' as const, confidence: 0.4, note: 'pool never full', turn: 1 },
      ],
    };
    const opened: string[] = [];
    render(<HypothesisList hypotheses={[withLinks, second!]} labels={new Map([['ev-grafana', 'E1'], ['ev-log', 'E2']])} onOpenEvidence={(id) => opened.push(id)} />);
    const item = screen.getAllByTestId('hypothesis')[0]!;
    expect(item.textContent).toContain('1 supporting · 1 refuting');
    expect(screen.getByTestId('hypothesis-supporting').textContent).toBe('Supporting:E1');
    expect(screen.getAllByTestId('hypothesis-status')[0]!.textContent).toBe(first!.status);
    fireEvent.click(screen.getByRole('button', { name: 'Refuting evidence E2: pool never full' }));
    expect(opened).toEqual(['ev-log']);
  });
});

describe('incident timeline chart', () => {
  const T0 = Date.parse('2026-11-24T14:00:00Z');
  const log = Array.from({ length: 40 }, (_, i) => `${new Date(T0 + i * 15_000).toISOString()} ${i % 4 === 0 ? 'ERROR upstream reset' : 'INFO request ok'} id=${i}`).join('\n');
  const evidence = [
    { id: 'l', caseId: 'c', kind: 'file', title: 'checkout.log', text: log, truncated: false, provenance: { extractor: 'upload', source: 'sidepanel', capturedAt: T0 + 20 * 60_000 }, createdAt: T0 + 20 * 60_000 },
  ] as EvidenceRecord[];

  it('draws captures and log errors per minute, says it in words, and opens the evidence', () => {
    const opened: string[] = [];
    render(<IncidentTimelineChart evidence={evidence} labels={new Map([['l', 'E1']])} onOpenEvidence={(id) => opened.push(id)} />);
    expect(screen.getByTestId('incident-timeline')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Incident timeline, 11-24 14:00 to 11-24 14:20 UTC/ })).toBeTruthy();
    expect(screen.getAllByTestId('timeline-log')).toHaveLength(1);
    expect(screen.getByTestId('timeline-summary').textContent).toBe('E1: 10 errors, worst 14:00 (1 in 1 min)');
    fireEvent.click(screen.getByRole('button', { name: 'E1 captured 11-24 14:20 UTC' }));
    expect(opened).toEqual(['l']);
  });

  it('explains itself when there is no evidence yet', () => {
    render(<IncidentTimelineChart evidence={[]} labels={new Map()} />);
    expect(screen.getByTestId('incident-timeline').textContent).toMatch(/No evidence yet/);
  });
});
