import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import { FaultMavenError } from '@/lib/messaging/errors';
import type { SyncConnectRequest, SyncView } from '@/lib/messaging/protocol';
import { DexieSyncStore } from '@/lib/sync/dexie-store';
import { SyncApi, type SessionStore, type SyncSession } from '@/lib/sync/sync-api';
import { EvidenceContentSync } from '@/lib/sync/evidence-content';
import { SyncEngine } from '@/lib/sync/sync-engine';
import { SyncError } from '@/lib/sync/sync-errors';
import { LocalChangeTrigger, touchesSyncedTable } from '@/lib/sync/local-change-trigger';
import { INITIAL_STATUS, SyncRunner, type SyncStatus } from '@/lib/sync/sync-runner';

/**
 * Team sync in the service worker. The session (access and refresh tokens) is kept in the
 * extension's own storage and read only here; pages get `SyncView`, which has no token.
 * Passes are planned with `alarms`, so sync goes on (and retries after failures) even when
 * the worker was stopped in between.
 */
export const SYNC_ALARM = 'fm-team-sync';
const SESSION_KEY = 'fm.sync.session';
const CONFIG_KEY = 'fm.sync.config';
const STATUS_KEY = 'fm.sync.status';
/** Regular pass interval; Chrome does not fire alarms more often than every 30 s anyway. */
const SYNC_INTERVAL_MS = 60_000;
/** A local edit syncs after this much quiet… */
const LOCAL_EDIT_QUIET_MS = 2_000;
/** …or this long after the first unsynced edit while edits keep coming (a streaming answer). */
const LOCAL_EDIT_MAX_DELAY_MS = 15_000;

interface SyncConfig {
  enabled: boolean;
  serverUrl: string | null;
  /** Also sync evidence content (screenshots, long text) as blobs; off unless the user turns it on. */
  evidenceContent?: boolean;
}

const storage = () => browser.storage.local;

async function read<T>(key: string, fallback: T): Promise<T> {
  const stored = await storage().get(key);
  return (stored[key] as T | undefined) ?? fallback;
}

const sessionStore: SessionStore = {
  load: () => read<SyncSession | null>(SESSION_KEY, null),
  save: async (session) => {
    if (session) await storage().set({ [SESSION_KEY]: session });
    else await storage().remove(SESSION_KEY);
  },
};

export class SyncService {
  private readonly store: DexieSyncStore;
  private readonly api = new SyncApi(sessionStore);
  private runner: SyncRunner | null = null;

  constructor(db: FaultMavenDB) {
    this.store = new DexieSyncStore(db);
  }

  private async getRunner(): Promise<SyncRunner> {
    if (!this.runner) {
      const saved = await read<SyncStatus>(STATUS_KEY, INITIAL_STATUS);
      // A pass that was running when the worker stopped did not finish: do not show it as running.
      const status = saved.state === 'syncing' ? { ...saved, state: 'idle' as const } : saved;
      this.runner = new SyncRunner(
        async () => {
          const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
          if (!config.enabled || !(await sessionStore.load())) return null;
          return new SyncEngine(this.store, this.api, Date.now, config.evidenceContent ? new EvidenceContentSync(this.store, this.api) : null);
        },
        status,
        {
          intervalMs: SYNC_INTERVAL_MS,
          schedule: (delayMs) => void browser.alarms.create(SYNC_ALARM, { when: Date.now() + delayMs }),
          onStatus: (next) => storage().set({ [STATUS_KEY]: next }),
        },
      );
    }
    return this.runner;
  }

  async view(): Promise<SyncView> {
    const [config, session, runner] = await Promise.all([read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null }), sessionStore.load(), this.getRunner()]);
    const status = runner.current();
    return {
      enabled: config.enabled,
      evidenceContent: config.evidenceContent ?? false,
      serverUrl: session?.serverUrl ?? config.serverUrl,
      signedIn: session !== null,
      user: session ? { email: session.user.email, displayName: session.user.displayName, role: session.user.role } : null,
      team: session ? { name: session.team.name } : null,
      status: config.enabled ? status : { ...status, state: session ? 'idle' : 'signed-out' },
    };
  }

  /** Signs in (or signs up / creates the team), turns sync on and runs a first pass. */
  async connect(request: SyncConnectRequest): Promise<SyncView> {
    const previous = await sessionStore.load();
    let session: SyncSession;
    try {
      if (request.mode === 'signup') {
        if (!request.inviteCode || !request.displayName) throw new FaultMavenError('invalid-input', 'Signing up needs the invite code and your name');
        session = await this.api.signUp(request.serverUrl, { inviteCode: request.inviteCode, email: request.email, password: request.password, displayName: request.displayName });
      } else if (request.mode === 'create-team') {
        if (!request.teamName || !request.displayName) throw new FaultMavenError('invalid-input', 'Creating a team needs its name and your name');
        session = await this.api.createTeam(request.serverUrl, { teamName: request.teamName, email: request.email, password: request.password, displayName: request.displayName });
      } else {
        session = await this.api.login(request.serverUrl, request.email, request.password);
      }
    } catch (error) {
      if (error instanceof SyncError) throw new FaultMavenError(error.kind === 'rejected' ? 'invalid-input' : 'sync-error', error.message);
      throw error;
    }
    // Another server or team: what this device knew of the old one says nothing about the new one.
    if (!previous || previous.serverUrl !== session.serverUrl || previous.team.id !== session.team.id) await this.store.reset();
    const before = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    await storage().set({ [CONFIG_KEY]: { ...before, enabled: true, serverUrl: session.serverUrl } satisfies SyncConfig });
    await (await this.getRunner()).run();
    return this.view();
  }

  /** Signs out and stops syncing. Every case, message and runbook stays on this device. */
  async disconnect(): Promise<SyncView> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    await browser.alarms.clear(SYNC_ALARM);
    await this.api.logout();
    await this.store.reset();
    await storage().set({ [CONFIG_KEY]: { ...config, enabled: false } satisfies SyncConfig, [STATUS_KEY]: INITIAL_STATUS });
    this.runner = null;
    return this.view();
  }

  /** Pauses or resumes sync while staying signed in. */
  async setEnabled(enabled: boolean): Promise<SyncView> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    await storage().set({ [CONFIG_KEY]: { ...config, enabled } satisfies SyncConfig });
    if (enabled) await (await this.getRunner()).run();
    else await browser.alarms.clear(SYNC_ALARM);
    return this.view();
  }

  /** Turns the sync of evidence content (screenshots, long text) on or off; records sync either way. */
  async setEvidenceContent(enabled: boolean): Promise<SyncView> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    await storage().set({ [CONFIG_KEY]: { ...config, evidenceContent: enabled } satisfies SyncConfig });
    if (enabled && config.enabled) await (await this.getRunner()).run();
    return this.view();
  }

  async syncNow(): Promise<SyncView> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    if (!config.enabled) throw new FaultMavenError('invalid-input', 'Team sync is off; connect to a server first');
    await (await this.getRunner()).run();
    return this.view();
  }

  /** Cases, messages, evidence or runbooks changed here: sync soon (respecting a failure's backoff). */
  async localChange(): Promise<void> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    if (config.enabled) await (await this.getRunner()).nudge();
  }

  /** Alarm or worker start: run a pass if sync is on (a no-op otherwise). */
  async wake(): Promise<void> {
    const config = await read<SyncConfig>(CONFIG_KEY, { enabled: false, serverUrl: null });
    if (config.enabled) await (await this.getRunner()).run();
  }
}

let instance: SyncService | null = null;

/** The worker's one sync service (created on first use, so importing this costs nothing). */
export function syncServiceFor(db: FaultMavenDB): SyncService {
  instance ??= new SyncService(db);
  return instance;
}

/**
 * Registers the alarm listener (synchronously, as MV3 requires for events that wake a stopped
 * worker), resumes syncing after the worker starts, and syncs shortly after local edits:
 * Dexie reports every committed write to the synced tables, made here or in an extension page
 * (it relays pages' writes over a BroadcastChannel), so no write path has to remember to call sync.
 */
export function startTeamSync(db: FaultMavenDB, ready: () => Promise<void>): void {
  const trigger = new LocalChangeTrigger(
    () =>
      void ready()
        .then(() => syncServiceFor(db).localChange())
        .catch((error: unknown) => console.error('FaultMaven: team sync failed', error)),
    LOCAL_EDIT_QUIET_MS,
    LOCAL_EDIT_MAX_DELAY_MS,
  );
  Dexie.on('storagemutated', (parts) => {
    if (touchesSyncedTable(parts, db.name)) trigger.poke();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void ready()
      .then(() => syncServiceFor(db).wake())
      .catch((error: unknown) => console.error('FaultMaven: team sync failed', error));
  });
  void ready()
    .then(() => syncServiceFor(db).wake())
    .catch((error: unknown) => console.error('FaultMaven: team sync failed', error));
}
