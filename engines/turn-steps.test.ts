import { describe, expect, it } from 'vitest';
import { plainAnswerOutput, parseAgentOutput } from './agent-output';
import { applyAgentOutput } from './apply-agent-output';
import { beginTurn } from './begin-turn';
import { createCaseState } from './case-state';
import { buildInvestigationContext } from './investigation-context';

const fresh = () => createCaseState({ caseId: 'c', severity: 'sev3', now: 0 });
const evidence = [{ id: 'db-1', title: 'Grafana', kind: 'page', createdAt: 1 }];

describe('beginTurn / applyAgentOutput', () => {
  it('is idempotent per message, so a restarted worker can redo either step', () => {
    const began = beginTurn(fresh(), { messageId: 'm1', userText: 'hi', evidence, now: 10 });
    expect(began.state).toMatchObject({ turn: 1, pendingTurn: { messageId: 'm1', turn: 1 } });
    expect(began.state.evidence).toEqual([{ id: 'db-1', label: 'E1', title: 'Grafana', kind: 'page', addedTurn: 1, removed: false }]);
    expect(beginTurn(began.state, { messageId: 'm1', userText: 'hi', now: 20 })).toEqual({ state: began.state, events: [] });
    const applied = applyAgentOutput(began.state, plainAnswerOutput('hello'), { messageId: 'm1', now: 30 });
    expect(applied.state).toMatchObject({ pendingTurn: null, lastAppliedMessageId: 'm1', updatedAt: 30 });
    expect(applyAgentOutput(applied.state, plainAnswerOutput('again'), { now: 40 }).events[0]).toMatchObject({ type: 'update-rejected', update: 'apply agent output' });
    expect(beginTurn(applied.state, { messageId: 'm1', userText: 'hi', now: 50 }).state.turn).toBe(1);
  });

  it('refuses an output meant for another message', () => {
    const began = beginTurn(fresh(), { messageId: 'm2', userText: 'x', now: 1 });
    const result = applyAgentOutput(began.state, plainAnswerOutput('a'), { messageId: 'm1', now: 2 });
    expect(result.state).toEqual(began.state);
    expect(result.events[0]).toMatchObject({ reason: 'the output answers m1, but the turn in progress is m2' });
  });

  it('remembers a message whose turn was never answered', () => {
    const first = beginTurn(fresh(), { messageId: 'm1', userText: 'lost question', now: 1 }).state;
    const second = beginTurn(first, { messageId: 'm2', userText: 'next', now: 2 }).state;
    expect(second.turn).toBe(2);
    expect(second.memory.hot[0]).toMatchObject({ turn: 1, userText: 'lost question', agentText: '(no answer was produced for this message)' });
  });

  it('marks evidence removed from storage while keeping its label', () => {
    const first = beginTurn(fresh(), { messageId: 'm1', userText: 'x', evidence, now: 1 }).state;
    const applied = applyAgentOutput(first, plainAnswerOutput('a'), { now: 2 }).state;
    const second = beginTurn(applied, { messageId: 'm2', userText: 'y', evidence: [{ id: 'db-2', title: 'Logs', kind: 'file', createdAt: 5 }], now: 3 }).state;
    expect(second.evidence.map((e) => [e.label, e.removed])).toEqual([['E1', true], ['E2', false]]);
  });

  it('rejects unknown evidence labels and shows refused updates to the model next turn', () => {
    let state = beginTurn(fresh(), { messageId: 'm1', userText: 'x', now: 1 }).state;
    const output = parseAgentOutput({ answer: 'a', evidenceLinks: [{ hypothesisId: 'H1', evidenceLabel: 'E9', stance: 'supports' }], phaseSignal: { outcome: 'completed', reason: '' } });
    if (!output.ok) throw new Error(output.error);
    const applied = applyAgentOutput(state, output.output, { now: 2 });
    expect(applied.events.filter((e) => e.type === 'update-rejected').map((e) => e.type === 'update-rejected' && e.update)).toEqual(['link E9 to H1', 'phase signal completed']);
    state = beginTurn(applied.state, { messageId: 'm2', userText: 'y', now: 3 }).state;
    expect(buildInvestigationContext(state).text).toContain('Last turn, these updates were not applied: Not applied: link E9 to H1 (there is no evidence E9)');
  });

  it('applies a clicked intent before the model is called', () => {
    let state = beginTurn(fresh(), { messageId: 'm1', userText: 'x', now: 1 }).state;
    const out = parseAgentOutput({ answer: 'a', problem: { proposedStatement: 'API slow' } });
    if (!out.ok) throw new Error(out.error);
    state = applyAgentOutput(state, out.output, { now: 2 }).state;
    expect(state.suggestedActions[0]!.intent).toEqual({ type: 'confirm-problem-statement' });
    const began = beginTurn(state, { messageId: 'm2', userText: 'Yes', intent: { type: 'confirm-problem-statement' }, now: 3 });
    expect(began.state.problem.confirmed).toBe('API slow');
    expect(began.events.map((e) => e.type)).toContain('problem-statement-confirmed');
  });
});
