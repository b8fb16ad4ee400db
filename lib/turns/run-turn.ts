import type { FaultMavenDB } from '@/lib/db/schema';
import type { MessageRecord } from '@/lib/db/records';
import type { LanguageModel } from '@/lib/llm/model';
import { ProviderError } from '@/lib/llm/model';
import type { TurnEvent } from '@/lib/messaging/protocol';
import { FaultMavenError, serializeError } from '@/lib/messaging/errors';
import { getCase, touchCase } from '@/lib/cases/case-service';
import { buildPrompt } from './build-prompt';

export interface TurnDeps {
  db: FaultMavenDB;
  resolveModel: () => Promise<LanguageModel>;
  emit: (event: TurnEvent) => void;
  /** How often partial text is written to the database while streaming. */
  persistEveryMs?: number;
}

/**
 * Produces the answer for a persisted `pending` assistant message. The partial answer is
 * saved as it streams, so a page that reopens mid-answer sees it, and a worker that dies
 * leaves text behind that recovery marks `interrupted`.
 */
export async function runTurn(deps: TurnDeps, assistantMessageId: string, signal: AbortSignal): Promise<void> {
  const { db, emit } = deps;
  const persistEveryMs = deps.persistEveryMs ?? 250;
  const assistant = await db.messages.get(assistantMessageId);
  if (!assistant || assistant.role !== 'assistant' || !assistant.replyTo) {
    throw new FaultMavenError('not-found', 'That answer no longer exists');
  }
  const attempt = assistant.attempt ?? 1;

  // Writes only if this attempt is still the current one: a stale stream never clobbers a retry.
  const write = async (changes: Partial<MessageRecord>) => {
    await db.transaction('rw', db.messages, async () => {
      const current = await db.messages.get(assistantMessageId);
      if (!current || (current.attempt ?? 1) !== attempt) return;
      await db.messages.update(assistantMessageId, { ...changes, updatedAt: Date.now() });
    });
  };

  let text = '';
  try {
    const kase = await getCase(db, assistant.caseId);
    const model = await deps.resolveModel();
    const [evidence, history] = await Promise.all([
      db.evidence.where('caseId').equals(kase.id).toArray(),
      db.messages.where('[caseId+createdAt]').between([kase.id, -Infinity], [kase.id, assistant.createdAt], true, false).toArray(),
    ]);
    const messages = buildPrompt({ kase, evidence, history });
    await write({ status: 'streaming', provider: model.provider, model: model.model });
    emit({
      type: 'turn-start',
      caseId: kase.id,
      userMessageId: assistant.replyTo,
      assistantMessageId,
      provider: model.provider,
      model: model.model,
    });

    let lastPersist = Date.now();
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    for await (const event of model.stream({ messages, signal })) {
      if (event.type === 'text-delta') {
        emit({ type: 'text-delta', assistantMessageId, delta: event.text, offset: text.length });
        text += event.text;
        if (Date.now() - lastPersist >= persistEveryMs) {
          lastPersist = Date.now();
          await write({ content: text });
        }
      } else if (event.type === 'usage') {
        usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
      } else if (event.type === 'warning') {
        emit({ type: 'warning', assistantMessageId, message: event.message });
      } else if (event.type === 'finish' && event.reason === 'length') {
        emit({ type: 'warning', assistantMessageId, message: 'The answer hit the model’s length limit and may be cut short.' });
      }
    }
    await write({ content: text, status: 'complete', ...(usage ? { usage } : {}) });
    await touchCase(db, kase.id);
    emit({ type: 'finish', assistantMessageId, ...(usage ? { usage } : {}) });
  } catch (error) {
    const stopped = signal.aborted || (error instanceof ProviderError && error.kind === 'aborted');
    const message = stopped ? 'Stopped. Retry to get a full answer.' : describeTurnError(error);
    await write({ content: text, status: stopped || text ? 'interrupted' : 'error', error: message });
    const serialized = serializeError(error);
    emit({ type: 'error', assistantMessageId, error: { ...serialized, message } });
  }
}

function describeTurnError(error: unknown): string {
  if (error instanceof ProviderError) {
    return error.status ? `${error.message} (HTTP ${error.status})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
