import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { deleteProvider, keyHint, listProviders, saveProvider } from './provider-service';

let db: FaultMavenDB;
beforeEach(() => {
  db = createTestDb();
});
afterEach(async () => {
  await db.delete();
});

describe('providers', () => {
  it('never exposes the key, only a hint', async () => {
    const view = await saveProvider(db, { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1/', model: 'gpt-4o-mini', apiKey: 'sk-abcdefghijkl1234' });
    expect(view).toMatchObject({ hasKey: true, keyHint: 'sk-…1234', baseUrl: 'https://api.openai.com/v1' });
    expect(JSON.stringify(view)).not.toContain('abcdefgh');
    expect(keyHint('')).toBe('');
    expect(keyHint('short')).toBe('•••••');
  });

  it('keeps the stored key when an edit leaves it empty, and orders new providers last', async () => {
    const first = await saveProvider(db, { label: 'A', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', apiKey: 'key-one-123456' });
    await saveProvider(db, { label: 'B', baseUrl: 'https://api.groq.com/openai/v1', model: 'x' });
    await saveProvider(db, { id: first.id, label: 'A2', baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: '' });
    const rows = await listProviders(db);
    expect(rows.map((r) => r.label)).toEqual(['A2', 'B']);
    expect(rows[0]!.apiKey).toBe('key-one-123456');
    expect(await deleteProvider(db, first.id)).toBe(true);
    expect(await deleteProvider(db, first.id)).toBe(false);
  });

  it('explains bad input', async () => {
    await expect(saveProvider(db, { label: 'X', baseUrl: 'api.openai.com', model: 'm' })).rejects.toThrow(/not a URL/);
    await expect(saveProvider(db, { label: 'X', baseUrl: 'ftp://x', model: 'm' })).rejects.toThrow(/https/);
    await expect(saveProvider(db, { label: '', baseUrl: 'https://x', model: 'm' })).rejects.toThrow(/name/);
    await expect(saveProvider(db, { label: 'X', baseUrl: 'https://x', model: ' ' })).rejects.toThrow(/model/);
  });
});
