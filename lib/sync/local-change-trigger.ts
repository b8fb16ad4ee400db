/**
 * Turns a burst of local writes into one sync pass: each write (re)starts a short quiet
 * period, and a steady stream of writes (a streaming answer saved chunk by chunk) still
 * syncs once `maxDelayMs` has passed since the first unsynced write.
 */
export class LocalChangeTrigger {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPokeAt: number | null = null;

  constructor(
    private readonly fire: () => void,
    private readonly quietMs: number,
    private readonly maxDelayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A local record changed. */
  poke(): void {
    const now = this.now();
    this.firstPokeAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.quietMs, this.firstPokeAt + this.maxDelayMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.firstPokeAt = null;
      this.fire();
    }, delay);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstPokeAt = null;
  }
}

/** The main database's tables whose rows travel to the team (see `DexieSyncStore`). */
export const SYNCED_TABLES = ['cases', 'messages', 'evidence', 'hypotheses', 'kbDocuments'] as const;

/**
 * Whether a Dexie `storagemutated` notification touches a synced table of database `dbName`.
 * Keys look like `idb://<db>/<table>/<index>`; the sync engine's own bookkeeping lives in
 * another database, so its writes never count.
 */
export function touchesSyncedTable(parts: Record<string, unknown>, dbName: string): boolean {
  const prefix = `idb://${dbName}/`;
  for (const key of Object.keys(parts)) {
    if (!key.startsWith(prefix)) continue;
    const table = key.slice(prefix.length).split('/')[0];
    if ((SYNCED_TABLES as readonly string[]).includes(table ?? '')) return true;
  }
  return false;
}
