import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createTestDb } from '@/tests/support/test-db';
import { loadInvestigationFixtures } from '@/tests/fixtures/investigations/fixture-schema';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { saveProvider } from '@/lib/settings/provider-service';
import { createLlmServices } from '@/lib/llm/llm-services';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { isSeverity } from '@/engines/severity';
import { TurnRunner } from './turn-runner';

/**
 * The engines' scripted investigations (tests/fixtures/investigations), replayed through the
 * whole turn loop: real openai SDK, the scripted server returning each turn's structured
 * output, the prompt, persistence and the engines. The case must follow the same path.
 */
let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});

describe('scripted investigations through the scripted LLM server', () => {
  const fixtures = loadInvestigationFixtures();

  it('covers the six required paths', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(
      ['abstention', 'anchoring-forced-alternatives', 'normal-path', 'refuted-loop-back', 'stalled-transparency', 'urgent-skip-to-solution'].sort(),
    );
  });

  it.each(fixtures.map((f) => [f.name, f.fixture] as const))('%s', async (name, fixture) => {
    const db = createTestDb();
    try {
      llm.addScenario(`inv-${name}`, { replies: fixture.turns.map((turn) => ({ json: turn.output as never, chunkChars: 64 })) });
      await saveProvider(db, { kind: 'openai', label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: `scripted/inv-${name}`, apiKey: 'k' });
      const services = createLlmServices(db);
      const runner = new TurnRunner(db, () => resolveChain(db, services), services.tokens);
      const severity = isSeverity(fixture.severity) ? fixture.severity : 'sev2';
      const kase = await createCase(db, { title: fixture.description.slice(0, 120), severity });

      for (const [index, turn] of fixture.turns.entries()) {
        const where = `${name} turn ${index + 1}`;
        for (const item of turn.evidence ?? []) {
          await addEvidence(db, { caseId: kase.id, kind: 'file', title: item.title, text: item.text, provenance: { extractor: 'fixture', source: 'upload' } });
        }
        await runner.handle({ type: 'send', caseId: kase.id, text: turn.user, ...(turn.intent ? { intent: turn.intent } : {}) });
        const answer = (await db.messages.where('caseId').equals(kase.id).sortBy('createdAt')).at(-1)!;
        expect(answer.status, `${where}: ${answer.error ?? ''}`).toBe('complete');
        expect(answer.content, where).toBe(String(turn.output.answer));

        const { state } = readCaseState((await db.cases.get(kase.id))!);
        const want = turn.expect;
        if (want.status) expect(state.status, where).toBe(want.status);
        if (want.phase) expect(state.phase.current, where).toBe(want.phase);
        if (want.problemConfirmed !== undefined) expect(state.problem.confirmed !== null, where).toBe(want.problemConfirmed);
        for (const [id, h] of Object.entries(want.hypotheses ?? {})) {
          const actual = state.hypotheses.find((x) => x.id === id);
          expect(actual, `${where}: ${id}`).toBeDefined();
          if (h.status) expect(actual!.status, `${where}: ${id}`).toBe(h.status);
        }
        for (const phase of want.completedPhases ?? []) expect(state.phase.completed, where).toContain(phase);
        for (const phase of want.skippedPhases ?? []) expect(state.phase.skipped, where).toContain(phase);
        if (want.loopBacks !== undefined) expect(state.phase.loopBacks.length, where).toBe(want.loopBacks);
        if (want.anchoring !== undefined) expect(state.ooda.anchoring !== null, where).toBe(want.anchoring);
        if (want.transparency !== undefined) expect(state.progress.transparency !== null, where).toBe(want.transparency);
        if (want.abstained !== undefined) expect(state.abstention !== null, where).toBe(want.abstained);
        if (want.pendingTransition !== undefined) expect(state.pendingTransition?.toStatus ?? null, where).toBe(want.pendingTransition);
        // The case row shown in the side panel follows the engines.
        const row = (await db.cases.get(kase.id))!;
        expect(row.phase, where).toBe(state.phase.current);
      }
    } finally {
      await db.delete();
    }
  });
});
