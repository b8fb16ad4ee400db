import 'fake-indexeddb/auto';
import { FaultMavenDB } from '@/lib/db/schema';

/** A fresh, isolated database per test (fake-indexeddb in Node, same Dexie code as the extension). */
export function createTestDb(): FaultMavenDB {
  return new FaultMavenDB(`test-${crypto.randomUUID()}`);
}
