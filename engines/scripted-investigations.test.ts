import { describe, expect, it } from 'vitest';
import { loadInvestigationFixtures, type TurnExpect } from '@/tests/fixtures/investigations/fixture-schema';
import { parseAgentOutput } from './agent-output';
import { applyAgentOutput } from './apply-agent-output';
import { beginTurn } from './begin-turn';
import { createCaseState, type CaseState } from './case-state';
import { migrateCaseState } from './case-state-migration';
import type { InvestigationEvent } from './events';
import { buildInvestigationContext } from './investigation-context';

/** Persists and reloads the state the way the service worker does after every step. */
function persistAndReload(state: CaseState): CaseState {
  const reloaded = migrateCaseState(JSON.parse(JSON.stringify(state)));
  if (!reloaded.ok) throw new Error(reloaded.error);
  expect(reloaded.state).toEqual(state);
  return reloaded.state;
}

function checkExpectations(state: CaseState, events: InvestigationEvent[], context: string, want: TurnExpect, where: string) {
  const types = events.map((e) => e.type);
  const rejections = events.flatMap((e) => (e.type === 'update-rejected' ? [e.update] : []));
  if (want.status) expect(state.status, where).toBe(want.status);
  if (want.phase) expect(state.phase.current, where).toBe(want.phase);
  if (want.problemConfirmed !== undefined) expect(state.problem.confirmed !== null, where).toBe(want.problemConfirmed);
  for (const type of want.events ?? []) expect(types, `${where}: event ${type}`).toContain(type);
  for (const type of want.noEvents ?? []) expect(types, `${where}: no event ${type}`).not.toContain(type);
  for (const [id, h] of Object.entries(want.hypotheses ?? {})) {
    const actual = state.hypotheses.find((x) => x.id === id);
    expect(actual, `${where}: hypothesis ${id}`).toBeDefined();
    if (h.status) expect(actual!.status, `${where}: ${id} status`).toBe(h.status);
    if (h.minLikelihood !== undefined) expect(actual!.likelihood, `${where}: ${id} likelihood`).toBeGreaterThanOrEqual(h.minLikelihood);
    if (h.maxLikelihood !== undefined) expect(actual!.likelihood, `${where}: ${id} likelihood`).toBeLessThanOrEqual(h.maxLikelihood);
    if (h.reasonIncludes) expect(actual!.statusReason ?? '', `${where}: ${id} reason`).toContain(h.reasonIncludes);
  }
  for (const phase of want.completedPhases ?? []) expect(state.phase.completed, `${where}: completed`).toContain(phase);
  for (const phase of want.skippedPhases ?? []) expect(state.phase.skipped, `${where}: skipped`).toContain(phase);
  if (want.loopBacks !== undefined) expect(state.phase.loopBacks.length, `${where}: loop-backs`).toBe(want.loopBacks);
  if (want.escalated !== undefined) expect(state.phase.escalation !== null, `${where}: escalated`).toBe(want.escalated);
  if (want.anchoring !== undefined) expect(state.ooda.anchoring !== null, `${where}: anchoring`).toBe(want.anchoring);
  if (want.transparency !== undefined) expect(state.progress.transparency !== null, `${where}: transparency`).toBe(want.transparency);
  if (want.repairType !== undefined) expect(state.progress.transparency?.repairType ?? null, `${where}: repair type`).toBe(want.repairType);
  if (want.abstained !== undefined) expect(state.abstention !== null, `${where}: abstained`).toBe(want.abstained);
  if (want.degradedMode !== undefined) expect(state.phase.degraded?.mode ?? null, `${where}: degraded`).toBe(want.degradedMode);
  if (want.pendingTransition !== undefined) expect(state.pendingTransition?.toStatus ?? null, `${where}: pending transition`).toBe(want.pendingTransition);
  if (want.conclusionLevel) expect(state.conclusion?.level, `${where}: conclusion level`).toBe(want.conclusionLevel);
  if (want.conclusionIncludes) expect(state.conclusion?.statement ?? '', `${where}: conclusion`).toContain(want.conclusionIncludes);
  if (want.canProposeSolution !== undefined) expect(state.conclusion?.canProposeSolution, `${where}: can propose`).toBe(want.canProposeSolution);
  if (want.actionKinds) expect(state.suggestedActions.map((a) => a.kind), `${where}: actions`).toEqual(want.actionKinds);
  if (want.destructiveAction !== undefined) expect(state.suggestedActions.some((a) => a.destructive), `${where}: destructive`).toBe(want.destructiveAction);
  for (const update of want.rejections ?? []) expect(rejections, `${where}: rejection`).toContain(update);
  for (const text of want.contextIncludes ?? []) expect(context, `${where}: context`).toContain(text);
}

describe('scripted investigations (tests/fixtures/investigations)', () => {
  const fixtures = loadInvestigationFixtures();

  it('covers every required scenario', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['normal-path', 'refuted-loop-back', 'anchoring-forced-alternatives', 'stalled-transparency', 'urgent-skip-to-solution', 'abstention']),
    );
  });

  it.each(fixtures.map((f) => [f.name, f.fixture] as const))('%s', (name, fixture) => {
    let state = createCaseState({ caseId: name, severity: fixture.severity, now: 0 });
    const evidence: { id: string; title: string; kind: string; createdAt: number }[] = [];
    for (const [index, turn] of fixture.turns.entries()) {
      const where = `${name} turn ${index + 1}`;
      for (const item of turn.evidence ?? []) evidence.push({ id: item.id, title: item.title, kind: item.kind, createdAt: index * 10 + evidence.length });
      const began = beginTurn(state, { messageId: `m${index + 1}`, userText: turn.user, intent: turn.intent ?? null, evidence, now: index * 1000 });
      state = persistAndReload(began.state);
      const context = buildInvestigationContext(state, { maxTokens: 4000 }).text;
      const parsed = parseAgentOutput(JSON.stringify(turn.output));
      if (!parsed.ok) throw new Error(`${where}: ${parsed.error}`);
      expect(parsed.warnings, `${where}: output warnings`).toEqual([]);
      const applied = applyAgentOutput(state, parsed.output, { messageId: `m${index + 1}`, now: index * 1000 + 500 });
      state = persistAndReload(applied.state);
      checkExpectations(state, [...began.events, ...applied.events], context, turn.expect, where);
    }
  });
});
