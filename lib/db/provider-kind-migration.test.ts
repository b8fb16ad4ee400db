import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FaultMavenDB, SCHEMA_VERSIONS } from './schema';

describe('v3 migration: provider kinds', () => {
  it('gives providers saved as "openai-compatible" a kind guessed from their URL, keeping keys and order', async () => {
    const name = `providers-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_VERSIONS.find((v) => v.version === 2)!.stores);
    await v2.open();
    const old = (id: string, baseUrl: string, order: number) => ({
      id,
      kind: 'openai-compatible',
      label: id,
      baseUrl,
      model: 'm',
      apiKey: `key-${id}`,
      order,
      updatedAt: 1,
    });
    await v2.table('providers').bulkAdd([
      old('openai', 'https://api.openai.com/v1', 0),
      old('ollama', 'http://localhost:11434/v1', 1),
      old('groq', 'https://api.groq.com/openai/v1', 2),
      old('proxy', 'https://llm.internal.example/v1', 3),
    ]);
    v2.close();

    const db = new FaultMavenDB(name);
    const rows = await db.providers.orderBy('order').toArray();
    expect(rows.map((r) => [r.id, r.kind])).toEqual([
      ['openai', 'openai'],
      ['ollama', 'ollama'],
      ['groq', 'groq'],
      ['proxy', 'custom'],
    ]);
    expect(rows[0]!.apiKey).toBe('key-openai');
    await db.delete();
  });
});
