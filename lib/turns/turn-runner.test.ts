import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '@/tests/llm-server/server';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { TurnEvent } from '@/lib/messaging/protocol';
import { TURN_REQUEST_TYPES } from '@/lib/messaging/protocol';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { createOpenAICompatibleModel } from '@/lib/llm/openai-compatible';
import { TurnRunner } from './turn-runner';

let llm: LlmServer;
let db: FaultMavenDB;
let caseId: string;
let events: TurnEvent[];

beforeAll(async () => {
  llm = await startLlmServer({ scenario: 'default' });
});
afterAll(async () => {
  await llm.close();
});
beforeEach(async () => {
  db = createTestDb();
  caseId = (await createCase(db, { title: 'checkout 5xx', severity: 'sev1' })).id;
  events = [];
});
afterEach(async () => {
  await db.delete();
});

function runner(model = 'scripted/default') {
  const r = new TurnRunner(db, async () =>
    createOpenAICompatibleModel({ label: 'Scripted', baseUrl: llm.openaiBaseUrl, apiKey: 'k', model }),
  );
  r.subscribe((e) => events.push(e));
  return r;
}

const messages = () => db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).toArray();

describe('turn runner', () => {
  it('handles every turn request type of the protocol', async () => {
    const r = runner();
    for (const type of TURN_REQUEST_TYPES) {
      const request = type === 'send' ? { type, caseId, text: 'q' } : { type, assistantMessageId: 'missing' };
      await r.handle(request as never).catch((error: { code?: string }) => expect(error.code).not.toBe('unknown-command'));
    }
  });

  it('streams an answer, persists it with usage and provider, and emits events in order', async () => {
    await addEvidence(db, { caseId, kind: 'note', title: 'alert', text: 'CheckoutHighErrorRate firing', provenance: { extractor: 'manual', source: 'sidepanel' } });
    await runner().handle({ type: 'send', caseId, text: 'what is failing?' });
    const [user, answer] = await messages();
    expect(user).toMatchObject({ role: 'user', content: 'what is failing?' });
    expect(answer).toMatchObject({ role: 'assistant', status: 'complete', provider: 'Scripted', model: 'scripted/default' });
    expect(answer!.content).toMatch(/^## Likely cause/);
    expect(answer!.usage?.outputTokens).toBeGreaterThan(0);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('turn-start');
    expect(types.at(-1)).toBe('finish');
    const deltas = events.filter((e): e is Extract<TurnEvent, { type: 'text-delta' }> => e.type === 'text-delta');
    expect(deltas.map((d) => d.delta).join('')).toBe(answer!.content);
    deltas.reduce((offset, d) => (expect(d.offset).toBe(offset), offset + d.delta.length), 0);
    const sent = llm.requests.at(-1)!.body as { messages: { content: string }[] };
    expect(sent.messages[1]!.content).toContain('CheckoutHighErrorRate firing');
  });

  it('keeps partial text of a cut stream as an interrupted answer, then retries it in place', async () => {
    const r = runner('scripted/cut-stream');
    await r.handle({ type: 'send', caseId, text: 'q' });
    let [, answer] = await messages();
    expect(answer!.status).toBe('interrupted');
    expect(answer!.content.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'error', assistantMessageId: answer!.id });

    llm.addScenario('cut-stream', { replies: [{ text: 'Full answer.', repeat: true }] });
    await r.handle({ type: 'retry', assistantMessageId: answer!.id });
    const all = await messages();
    expect(all).toHaveLength(2);
    [, answer] = all;
    expect(answer).toMatchObject({ status: 'complete', content: 'Full answer.', attempt: 2 });
  });

  it('records a provider error on the answer, keeping the question', async () => {
    await runner('scripted/server-error').handle({ type: 'send', caseId, text: 'q' });
    const [user, answer] = await messages();
    expect(user!.content).toBe('q');
    expect(answer).toMatchObject({ status: 'error', content: '' });
    expect(answer!.error).toMatch(/HTTP 500/);
  });

  it('stops an answer on request and marks it retryable', async () => {
    const r = runner('scripted/slow-stream');
    const turn = r.handle({ type: 'send', caseId, text: 'q' });
    await expect.poll(() => events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    const start = events.find((e) => e.type === 'turn-start') as Extract<TurnEvent, { type: 'turn-start' }>;
    await r.handle({ type: 'abort', assistantMessageId: start.assistantMessageId });
    await turn;
    const [, answer] = await messages();
    expect(answer).toMatchObject({ status: 'interrupted', error: 'Stopped. Retry to get a full answer.' });
    expect(r.liveIds().size).toBe(0);
  });

  it('rejects requests that cannot start, without touching the database', async () => {
    await expect(runner().handle({ type: 'send', caseId: 'nope', text: 'q' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(runner().handle({ type: 'retry', assistantMessageId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    expect(await db.messages.count()).toBe(0);
  });
});
