import type { SessionStore, SyncSession } from './sync-api';

/** Keeps the session in memory: for Node callers (CLI, tests) that sign in each run. */
export class MemorySessionStore implements SessionStore {
  constructor(private session: SyncSession | null = null) {}

  async load(): Promise<SyncSession | null> {
    return this.session;
  }

  async save(session: SyncSession | null): Promise<void> {
    this.session = session;
  }
}
