import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import { COMMAND_NAMES, type CommandEnvelope } from './protocol';
import { dispatchCommand, isCommandEnvelope } from './router';
import { deserializeError, FaultMavenError, RemoteError, serializeError } from './errors';

let db: FaultMavenDB;
beforeEach(() => {
  db = createTestDb();
});
afterEach(async () => {
  await db.delete();
});

describe('message protocol conventions', () => {
  it('has a handler for every command and no handler without a command', () => {
    const handlers = createCommandHandlers(db, 0);
    expect(Object.keys(handlers).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('carries values back on success', async () => {
    const handlers = createCommandHandlers(db, 0);
    const reply = await dispatchCommand(handlers, { fm: 'command', name: 'case/create', payload: { title: 'disk full', severity: 'sev2' } }, {});
    expect(reply.ok).toBe(true);
    expect(reply.ok && reply.value).toMatchObject({ title: 'disk full' });
  });

  it('carries handler errors back as errors with their code', async () => {
    const handlers = createCommandHandlers(db, 0);
    const reply = await dispatchCommand(handlers, { fm: 'command', name: 'case/update', payload: { caseId: 'missing', patch: {} } }, {});
    expect(reply).toEqual({ ok: false, error: { name: 'FaultMavenError', code: 'not-found', message: 'This case no longer exists' } });
    if (reply.ok) throw new Error('expected an error');
    const rebuilt = deserializeError(reply.error);
    expect(rebuilt).toBeInstanceOf(RemoteError);
    expect(rebuilt.code).toBe('not-found');
  });

  it('rejects unknown commands instead of hanging', async () => {
    const handlers = createCommandHandlers(db, 0);
    const reply = await dispatchCommand(handlers, { fm: 'command', name: 'case/explode', payload: {} } as unknown as CommandEnvelope, {});
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('unknown-command');
  });

  it('ignores messages that are not commands', () => {
    expect(isCommandEnvelope({ type: 'page-text' })).toBe(false);
    expect(isCommandEnvelope(null)).toBe(false);
    expect(isCommandEnvelope({ fm: 'command', name: 'system/ping', payload: {} })).toBe(true);
  });

  it('explains a full disk in plain words', () => {
    const quota = new Error('QuotaExceededError: the quota has been exceeded');
    expect(serializeError(quota).code).toBe('quota-exceeded');
    expect(serializeError(new FaultMavenError('busy', 'wait')).code).toBe('busy');
    expect(serializeError('weird').message).toBe('weird');
  });
});
