import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { deleteProvider, keyHint, listProviders, reorderProviders, saveProvider } from './provider-service';

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

  it('fills in the kind’s base URL and name, and asks for a key where the kind needs one', async () => {
    const view = await saveProvider(db, { kind: 'anthropic', label: '', baseUrl: '', model: 'claude-sonnet-4-5', apiKey: 'sk-ant-abcdefgh5678' });
    expect(view).toMatchObject({ kind: 'anthropic', label: 'Anthropic', baseUrl: 'https://api.anthropic.com', encrypted: false });
    await expect(saveProvider(db, { kind: 'gemini', label: 'G', baseUrl: '', model: 'gemini-2.5-flash' })).rejects.toThrow(/Google Gemini needs an API key/);
    await expect(saveProvider(db, { kind: 'custom', label: 'C', baseUrl: '', model: 'm' })).rejects.toThrow(/base URL/);
    expect(await saveProvider(db, { kind: 'ollama', label: '', baseUrl: '', model: 'llama3.1' })).toMatchObject({ baseUrl: 'http://localhost:11434/v1', hasKey: false });
    await expect(saveProvider(db, { kind: 'nope' as never, label: 'x', baseUrl: 'https://x', model: 'm' })).rejects.toThrow(/Unknown provider kind/);
  });

  it('guesses the kind from the URL when none is given', async () => {
    expect((await saveProvider(db, { label: 'O', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o' })).kind).toBe('openai');
    expect((await saveProvider(db, { label: 'L', baseUrl: 'http://127.0.0.1:8787/v1', model: 'm' })).kind).toBe('custom');
  });

  it('reorders the chain, refusing a list that does not name every provider once', async () => {
    const a = await saveProvider(db, { label: 'A', baseUrl: 'http://localhost:1/v1', model: 'm' });
    const b = await saveProvider(db, { label: 'B', baseUrl: 'http://localhost:2/v1', model: 'm' });
    const c = await saveProvider(db, { label: 'C', baseUrl: 'http://localhost:3/v1', model: 'm' });
    const views = await reorderProviders(db, [c.id, a.id, b.id]);
    expect(views.map((v) => [v.label, v.order])).toEqual([['C', 0], ['A', 1], ['B', 2]]);
    expect((await listProviders(db)).map((p) => p.label)).toEqual(['C', 'A', 'B']);
    await expect(reorderProviders(db, [a.id, b.id])).rejects.toThrow(/changed meanwhile/);
    await expect(reorderProviders(db, [a.id, a.id, b.id])).rejects.toThrow(/changed meanwhile/);
  });
});
