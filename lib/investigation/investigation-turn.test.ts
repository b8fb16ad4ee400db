import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase } from '@/lib/cases/case-service';
import { beginTurn as persistQuestion } from '@/lib/turns/turn-store';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { readCaseState } from './case-state-store';
import { beginInvestigationTurn, completeInvestigationTurn, investigationPromptSections } from './investigation-turn';

let db: FaultMavenDB;
let caseId: string;
beforeEach(async () => {
  db = createTestDb();
  caseId = (await createCase(db, { title: 'checkout 5xx', severity: 'sev1' })).id;
});
afterEach(async () => {
  await db.delete();
});

async function ask(text: string) {
  const { user } = await persistQuestion(db, caseId, text);
  const evidence = await db.evidence.where('caseId').equals(caseId).toArray();
  return { user, begun: await beginInvestigationTurn(db, caseId, user, evidence) };
}

describe('investigation turn (engines wired to storage)', () => {
  it('registers evidence with stable labels and persists the pending turn', async () => {
    await addEvidence(db, { caseId, kind: 'page', title: 'Grafana checkout', text: '5xx 12%', provenance: { extractor: 'generic', source: 'sidepanel' } });
    const { user, begun } = await ask('what is failing?');
    expect(begun.state.evidence.map((e) => e.label)).toEqual(['E1']);
    const stored = readCaseState((await db.cases.get(caseId))!);
    expect(stored.state.pendingTurn?.messageId).toBe(user.id);
    const { instructions, context } = investigationPromptSections(begun.state);
    expect(instructions.length).toBeGreaterThan(100);
    expect(context).toContain('## Investigation state');
    expect(context).toContain('E1');
  });

  it('applies a structured reply: hypotheses, conclusion, suggested actions; the case row follows', async () => {
    const { user } = await ask('payments time out since the deploy');
    const reply = JSON.stringify({
      answer: 'Two candidates. **Check the pool** first.',
      problem: { proposedStatement: 'Checkout requests time out since the 14:00 deploy', userConfirmedStatement: false, userDecidedToInvestigate: false, urgency: null },
      hypothesesToAdd: [
        { statement: 'DB connection pool exhausted', category: 'capacity', likelihood: 0.4 },
        { statement: 'Bad config in the deploy', category: 'configuration', likelihood: 0.3 },
      ],
      suggestedActions: [{ kind: 'run', label: 'Pool usage', payload: 'kubectl top pods -n shop' }],
    });
    const done = await completeInvestigationTurn(db, caseId, user.id, reply, 'ignored');
    expect(done.answer).toBe('Two candidates. **Check the pool** first.');
    expect(done.warning).toBeUndefined();
    const { state } = readCaseState((await db.cases.get(caseId))!);
    expect(state.pendingTurn).toBeNull();
    expect(state.problem.proposed).toBe('Checkout requests time out since the 14:00 deploy');
    expect(state.hypotheses.map((h) => h.statement)).toEqual(['DB connection pool exhausted', 'Bad config in the deploy']);
    expect(state.suggestedActions.map((a) => a.payload)).toContain('kubectl top pods -n shop');
    expect((await db.cases.get(caseId))!.phase).toBe(state.phase.current);
  });

  it('keeps an unstructured reply as the answer and says so', async () => {
    const { user } = await ask('hello?');
    const done = await completeInvestigationTurn(db, caseId, user.id, 'Plain prose, no JSON here.', 'Plain prose, no JSON here.');
    expect(done.answer).toBe('Plain prose, no JSON here.');
    expect(done.warning).toMatch(/not structured/);
    expect(readCaseState((await db.cases.get(caseId))!).state.pendingTurn).toBeNull();
  });

  it('starts afresh with a clear warning when the stored state is unreadable', async () => {
    await db.cases.update(caseId, { investigation: { stateVersion: 999 } });
    const { begun } = await ask('anything');
    expect(begun.warning).toMatch(/could not be read/);
    expect(begun.state.caseId).toBe(caseId);
  });
});
