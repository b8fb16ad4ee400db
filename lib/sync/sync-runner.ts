import { backoffDelay } from './backoff';
import type { SyncEngine, SyncReport } from './sync-engine';
import { SyncError } from './sync-errors';

export type SyncState = 'idle' | 'syncing' | 'error' | 'signed-out';

export interface SyncStatus {
  state: SyncState;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  /** Consecutive failed attempts (0 after a success). */
  failures: number;
  /** When the next attempt is planned (ms), if any. */
  nextAttemptAt: number | null;
  lastReport: SyncReport | null;
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'idle',
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  failures: 0,
  nextAttemptAt: null,
  lastReport: null,
};

export interface SyncRunnerOptions {
  /** Plans the next attempt after `delayMs` (setTimeout in Node, an alarm in the service worker). */
  schedule: (delayMs: number) => void;
  /** Persists and broadcasts the status. */
  onStatus: (status: SyncStatus) => void | Promise<void>;
  /** Period between passes when all is well. */
  intervalMs: number;
  now?: () => number;
  random?: () => number;
}

/**
 * Runs sync passes one at a time, keeps the status the UI shows, and plans the next pass:
 * after the interval when all went well, after an exponential backoff (or the server's
 * Retry-After) when it failed for a reason that may pass, and not at all once the sign-in
 * has ended.
 */
export class SyncRunner {
  private running: Promise<SyncStatus> | null = null;
  private again = false;

  constructor(
    private readonly engine: () => Promise<SyncEngine | null>,
    private status: SyncStatus,
    private readonly options: SyncRunnerOptions,
  ) {}

  current(): SyncStatus {
    return this.status;
  }

  /** Starts a pass, or, if one is running, makes it run once more when done (so no change waits a full interval). */
  run(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let status: SyncStatus;
        do {
          this.again = false;
          status = await this.pass();
        } while (this.again && status.state === 'idle');
        return status;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * Local records changed: sync now, unless a failure's backoff is still running (then the
   * planned retry carries the change; editing must not hammer a server that is down) or the
   * sign-in has ended. Returns null when it did not start a pass.
   */
  nudge(): Promise<SyncStatus> | null {
    const now = (this.options.now ?? Date.now)();
    if (this.status.state === 'signed-out') return null;
    if (this.status.state === 'error' && this.status.nextAttemptAt !== null && this.status.nextAttemptAt > now) return null;
    return this.run();
  }

  private async setStatus(next: SyncStatus): Promise<SyncStatus> {
    this.status = next;
    await this.options.onStatus(next);
    return next;
  }

  private async pass(): Promise<SyncStatus> {
    const now = this.options.now ?? Date.now;
    const engine = await this.engine();
    if (!engine) return this.setStatus({ ...this.status, state: 'signed-out', nextAttemptAt: null });
    await this.setStatus({ ...this.status, state: 'syncing', lastAttemptAt: now() });
    try {
      const report = await engine.sync();
      this.options.schedule(this.options.intervalMs);
      return await this.setStatus({
        ...this.status,
        state: 'idle',
        lastSuccessAt: now(),
        lastError: report.skipped.length > 0 ? `${report.skipped.length} record(s) could not be synced: ${report.skipped[0]!.reason}` : null,
        failures: 0,
        nextAttemptAt: now() + this.options.intervalMs,
        lastReport: report,
      });
    } catch (error) {
      const syncError = error instanceof SyncError ? error : new SyncError('network', error instanceof Error ? error.message : String(error));
      if (syncError.kind === 'auth') {
        return this.setStatus({ ...this.status, state: 'signed-out', lastError: syncError.message, nextAttemptAt: null });
      }
      const failures = this.status.failures + 1;
      const delay = Math.max(backoffDelay(failures, this.options.random), (syncError.retryAfterSeconds ?? 0) * 1000);
      this.options.schedule(delay);
      return this.setStatus({ ...this.status, state: 'error', lastError: syncError.message, failures, nextAttemptAt: now() + delay });
    }
  }
}
