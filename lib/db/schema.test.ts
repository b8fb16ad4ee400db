import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FaultMavenDB, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema';

describe('database schema', () => {
  it('declares strictly increasing versions and ends at the latest', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('has every table the product needs', async () => {
    const db = new FaultMavenDB(`schema-${crypto.randomUUID()}`);
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['cases', 'evidence', 'hypotheses', 'kbChunks', 'kbDocumentIndex', 'kbDocuments', 'messages', 'providers', 'settings'].sort(),
    );
    await db.delete();
  });

  it('upgrades a v1 database in place, keeping rows and filling new fields', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0]!.stores);
    await v1.open();
    await v1.table('cases').add({ id: 'c1', title: 'old case', status: 'open', phase: 'INTAKE', createdAt: 1, updatedAt: 1 });
    await v1.table('messages').bulkAdd([
      { id: 'm2', caseId: 'c1', role: 'assistant', content: 'a', status: 'complete', createdAt: 20, updatedAt: 20 },
      { id: 'm1', caseId: 'c1', role: 'user', content: 'q', status: 'complete', createdAt: 10, updatedAt: 10 },
    ]);
    v1.close();

    const current = new FaultMavenDB(name);
    await current.open();
    expect(current.verno).toBe(LATEST_SCHEMA_VERSION);
    expect((await current.cases.get('c1'))?.severity).toBe('sev3');
    // The compound index added in v2 works on rows written under v1.
    const ordered = await current.messages.where('[caseId+createdAt]').between(['c1', -Infinity], ['c1', Infinity]).toArray();
    expect(ordered.map((m) => m.id)).toEqual(['m1', 'm2']);
    await current.delete();
  });
});
