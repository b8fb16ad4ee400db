import { UserIntentSchema, type UserIntent } from '@/engines/investigation';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { MessageRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { newId } from '@/lib/ids';
import { getCase, touchCase } from '@/lib/cases/case-service';

export const MAX_USER_MESSAGE_CHARS = 200_000;

/**
 * Persists the user's message and an empty assistant answer in one transaction, BEFORE any
 * model call: whatever happens next, the question is never lost.
 */
export async function beginTurn(
  db: FaultMavenDB,
  caseId: string,
  text: string,
  intent?: UserIntent,
): Promise<{ user: MessageRecord; assistant: MessageRecord }> {
  const content = text.trim();
  if (intent !== undefined && !UserIntentSchema.safeParse(intent).success) {
    throw new FaultMavenError('invalid-input', 'That suggested action is not valid any more; type your answer instead');
  }
  if (!content) throw new FaultMavenError('invalid-input', 'Type a message first');
  if (content.length > MAX_USER_MESSAGE_CHARS) {
    throw new FaultMavenError(
      'invalid-input',
      `The message is ${content.length.toLocaleString()} characters; the limit is ${MAX_USER_MESSAGE_CHARS.toLocaleString()}. Upload large logs as evidence instead.`,
    );
  }
  return db.transaction('rw', db.messages, db.cases, async () => {
    const kase = await getCase(db, caseId);
    if (kase.status === 'closed') throw new FaultMavenError('invalid-input', 'This case is closed; reopen it to continue');
    const busy = await db.messages
      .where('caseId')
      .equals(caseId)
      .filter((m) => m.status === 'pending' || m.status === 'streaming')
      .count();
    if (busy > 0) throw new FaultMavenError('busy', 'FaultMaven is still answering in this case; wait or stop it first');
    const now = Date.now();
    const user: MessageRecord = {
      id: newId(),
      caseId,
      role: 'user',
      content,
      status: 'complete',
      ...(intent ? { intent } : {}),
      createdAt: now,
      updatedAt: now,
    };
    const assistant: MessageRecord = {
      id: newId(),
      caseId,
      role: 'assistant',
      content: '',
      status: 'pending',
      replyTo: user.id,
      attempt: 1,
      // +1 keeps the answer after its question when both are sorted by time.
      createdAt: now + 1,
      updatedAt: now + 1,
    };
    await db.messages.bulkAdd([user, assistant]);
    await touchCase(db, caseId);
    return { user, assistant };
  });
}

/** Resets an interrupted or failed answer so it can be produced again in place (no duplicate). */
export async function prepareRetry(db: FaultMavenDB, assistantMessageId: string): Promise<MessageRecord> {
  return db.transaction('rw', db.messages, async () => {
    const message = await db.messages.get(assistantMessageId);
    if (!message || message.role !== 'assistant') throw new FaultMavenError('not-found', 'That answer no longer exists');
    if (message.status === 'pending' || message.status === 'streaming') {
      throw new FaultMavenError('busy', 'This answer is still being written');
    }
    const reset: Partial<MessageRecord> = {
      content: '',
      status: 'pending',
      error: undefined,
      usage: undefined,
      attempt: (message.attempt ?? 1) + 1,
      updatedAt: Date.now(),
    };
    await db.messages.update(assistantMessageId, reset);
    return { ...message, ...reset } as MessageRecord;
  });
}

/**
 * Called when the service worker starts: nothing can be running yet, so any answer left
 * `pending`/`streaming` belonged to a worker that died. Keep its partial text, mark it
 * interrupted, and let the user retry.
 */
export async function markOrphanedTurnsInterrupted(db: FaultMavenDB, liveIds: ReadonlySet<string> = new Set()): Promise<number> {
  return db.transaction('rw', db.messages, async () => {
    const orphaned = await db.messages
      .where('status')
      .anyOf('pending', 'streaming')
      .filter((m) => !liveIds.has(m.id))
      .toArray();
    for (const m of orphaned) {
      await db.messages.update(m.id, {
        status: 'interrupted',
        error: 'The answer was interrupted (the extension restarted). Your message is saved; retry to get a full answer.',
        updatedAt: Date.now(),
      });
    }
    return orphaned.length;
  });
}
