import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { saveProvider } from '@/lib/settings/provider-service';
import { createLlmServices } from '@/lib/llm/llm-services';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { TurnRunner } from './turn-runner';

let llm: LlmServer;
let db: FaultMavenDB;
let caseId: string;
const SECRET = 'AKIAIOSFODNN7EXAMPLE';

beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});
beforeEach(async () => {
  db = createTestDb();
  caseId = (await createCase(db, { title: 'checkout 5xx', severity: 'sev2' })).id;
  await addEvidence(db, {
    caseId,
    kind: 'file',
    title: 'checkout.log',
    text: `14:02:11 ERROR pool exhausted (max 10)\naws_access_key_id=${SECRET}\n14:02:12 ERROR pool exhausted (max 10)`,
    provenance: { extractor: 'upload', source: 'upload' },
  });
});
afterEach(async () => {
  await db.delete();
});

async function runner(model: string) {
  await saveProvider(db, { kind: 'openai', label: 'Scripted', baseUrl: llm.openaiBaseUrl, model, apiKey: 'k' });
  const services = createLlmServices(db);
  return new TurnRunner(db, () => resolveChain(db, services), services.tokens);
}

const answer = async () => (await db.messages.where('caseId').equals(caseId).sortBy('createdAt')).at(-1)!;

describe('agent tools in a turn (real SDK, scripted server)', () => {
  it('reads evidence through a tool, redacted, then answers with structured output', async () => {
    llm.addScenario('tool-read', {
      replies: [
        { match: { toolResult: false, hasTools: true }, toolCalls: [{ name: 'read_evidence', arguments: { label: 'E1', offset: null, maxChars: null } }], repeat: true },
        {
          match: { toolResult: true },
          json: { answer: 'E1 shows the pool **exhausted** at 14:02.', hypothesesToAdd: [{ statement: 'Pool exhausted', category: 'capacity', likelihood: 0.4 }] },
          repeat: true,
        },
      ],
    });
    await (await runner('scripted/tool-read')).handle({ type: 'send', caseId, text: 'why 5xx?' });
    expect(await answer()).toMatchObject({ status: 'complete', content: 'E1 shows the pool **exhausted** at 14:02.' });
    const second = llm.requests.at(-1)!.body as { messages: { role: string; content: string; tool_call_id?: string }[]; tools?: unknown[] };
    const toolMessage = second.messages.find((m) => m.role === 'tool')!;
    expect(toolMessage.content).toContain('pool exhausted (max 10)');
    expect(toolMessage.content).not.toContain(SECRET);
    expect(toolMessage.content).toMatch(/\[REDACTED:aws-access-key[^\]]*\]/);
    const { state } = readCaseState((await db.cases.get(caseId))!);
    expect(state.hypotheses.map((h) => h.statement)).toEqual(['Pool exhausted']);
  });

  it('ask_user ends the turn with the question as the answer', async () => {
    llm.addScenario('tool-ask', {
      replies: [{ toolCalls: [{ name: 'ask_user', arguments: { question: 'Which region is affected?', reason: 'scope', options: ['us-east-1', 'eu-west-1'] } }], repeat: true }],
    });
    await (await runner('scripted/tool-ask')).handle({ type: 'send', caseId, text: 'it is down' });
    const reply = await answer();
    expect(reply.status).toBe('complete');
    expect(reply.content).toBe('Which region is affected?\n\n- us-east-1\n- eu-west-1');
    expect(readCaseState((await db.cases.get(caseId))!).state.pendingTurn).toBeNull();
  });

  it('stops offering tools after a few rounds so the model must answer', async () => {
    llm.addScenario('tool-loop', {
      replies: [
        { match: { hasTools: true }, toolCalls: [{ name: 'analyze_log', arguments: { label: 'E1', focus: 'errors', query: null } }], repeat: true },
        { match: { hasTools: false }, json: { answer: 'Enough reading: the pool is exhausted.' }, repeat: true },
      ],
    });
    const before = llm.requests.length;
    await (await runner('scripted/tool-loop')).handle({ type: 'send', caseId, text: 'dig in' });
    expect((await answer()).content).toBe('Enough reading: the pool is exhausted.');
    expect(llm.requests.length - before).toBe(4); // three tool rounds, then an answer without tools
  });
});
