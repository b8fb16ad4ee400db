import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createTestDb } from '@/tests/support/test-db';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { saveProvider } from '@/lib/settings/provider-service';
import { createLlmServices } from '@/lib/llm/llm-services';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { TurnRunner } from '@/lib/turns/turn-runner';
import { siteFixtureHtml } from '@/tests/support/site-fixtures';
import { JOURNEY_CASE_TITLE, JOURNEY_LOG_FILE, JOURNEY_LOG_SECRET, JOURNEY_SCENARIO, JOURNEY_STEPS, journeyScenario } from './journey-script';

/**
 * The journey's script, replayed through the whole turn loop in Node (real openai SDK, the
 * scripted server, prompt building, redaction, engines, persistence). The browser suites drive
 * the same script through the UI; this one pins the engines' side so a script edit that
 * breaks the phase path fails here first, in seconds.
 */
let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
  llm.addScenario(JOURNEY_SCENARIO, journeyScenario());
});
afterAll(async () => {
  await llm.close();
});

describe('the incident journey script', () => {
  it('walks every phase from intake to a resolved case, with the secret masked in every request', async () => {
    const db = createTestDb();
    try {
      await saveProvider(db, { kind: 'openai', label: 'Scripted', baseUrl: llm.openaiBaseUrl, model: `scripted/${JOURNEY_SCENARIO}`, apiKey: 'k' });
      const services = createLlmServices(db);
      const runner = new TurnRunner(db, () => resolveChain(db, services), services.tokens);
      const kase = await createCase(db, { title: JOURNEY_CASE_TITLE, severity: 'sev2' });
      const page = siteFixtureHtml('grafana-dashboard', 'checkout-overview').replace(/<[^>]+>/g, ' ');
      await addEvidence(db, { caseId: kase.id, kind: 'page', title: 'Checkout overview - Grafana', text: page, provenance: { extractor: 'generic', source: 'sidepanel' } });
      const log = fs.readFileSync(JOURNEY_LOG_FILE, 'utf8');
      expect(log).toContain(JOURNEY_LOG_SECRET);
      await addEvidence(db, { caseId: kase.id, kind: 'file', title: 'checkout-api.log', text: log, provenance: { extractor: 'upload', source: 'upload' } });

      const seenPhases: string[] = [];
      for (const [index, step] of JOURNEY_STEPS.entries()) {
        const where = `step ${index + 1} (${JSON.stringify(step.action)})`;
        await runner.handle({ type: 'send', caseId: kase.id, text: step.sends.text, ...(step.sends.intent ? { intent: step.sends.intent as never } : {}) });
        const answer = (await db.messages.where('caseId').equals(kase.id).sortBy('createdAt')).at(-1)!;
        expect(answer.status, `${where}: ${answer.error ?? ''}`).toBe('complete');
        expect(answer.content, where).toContain(step.expect.answerIncludes);
        const { state } = readCaseState((await db.cases.get(kase.id))!);
        expect(state.phase.current, where).toBe(step.expect.phase);
        expect(state.status, where).toBe(step.expect.status);
        for (const [id, status] of Object.entries(step.expect.hypotheses ?? {})) {
          expect(state.hypotheses.find((h) => h.id === id)?.status, `${where}: ${id}`).toBe(status);
        }
        // A click only makes sense if the engines offered that button after the previous turn.
        const next = JOURNEY_STEPS[index + 1];
        if (next?.action.type === 'click') {
          const label = next.action.label;
          expect(state.suggestedActions.map((a) => a.label), `${where}: offers "${label}"`).toContain(label);
        }
        seenPhases.push(state.phase.current);
      }
      expect(new Set(seenPhases)).toEqual(new Set(['INTAKE', 'TIMELINE', 'VALIDATION', 'SOLUTION', 'DOCUMENT']));
      const row = (await db.cases.get(kase.id))!;
      expect(row.status).toBe('resolved');

      const bodies = llm.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => JSON.stringify(r.body));
      expect(bodies).toHaveLength(JOURNEY_STEPS.length);
      for (const body of bodies) expect(body).not.toContain(JOURNEY_LOG_SECRET);
      expect(bodies[0]).toContain('OutOfMemoryError');
    } finally {
      await db.delete();
    }
  });
});
