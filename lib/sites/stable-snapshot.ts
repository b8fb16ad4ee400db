/**
 * Capturing a page that changes while it is read (a live log tail appending rows, a dashboard
 * auto-refreshing, a single-page app swapping its view).
 *
 * The read itself is ONE synchronous pass (`capturePage`): page scripts share the thread with
 * the capture, so none can run — and no row can be added or removed — while it walks the DOM.
 * The result is therefore always one consistent snapshot of one instant. What can go wrong is
 * WHICH instant: mid-way through a view swap the DOM holds a loading skeleton. So before the
 * pass, the page gets a short chance to settle: the capture waits until the DOM has been quiet
 * for `quietMs` and nothing is marked `aria-busy`, at most `maxWaitMs`. A page that never
 * settles (a live tail) is captured anyway, and the evidence says it was a live page and when
 * the snapshot was taken, so nobody mistakes it for the complete stream.
 */
export interface SettleOptions {
  /** DOM quiet this long counts as settled. */
  quietMs: number;
  /** Never wait longer than this before capturing. */
  maxWaitMs: number;
  /** How often the waiter looks. */
  pollMs: number;
}

export const DEFAULT_SETTLE: SettleOptions = { quietMs: 120, maxWaitMs: 1_200, pollMs: 20 };

export interface PageLiveness {
  /** The DOM was quiet (and not busy) when read; false when the wait ran out. */
  settled: boolean;
  /** DOM changes (nodes added, removed or retexted) seen while waiting. */
  changes: number;
  waitedMs: number;
  /** Something on the page still said `aria-busy="true"` when it was read. */
  busy: boolean;
}

export type SettleDecision = 'wait' | 'read-settled' | 'read-unsettled';

/** What to do now, from what has been observed so far. Pure, so it is tested directly. */
export function settleDecision(state: { elapsedMs: number; quietForMs: number; busy: boolean }, options: SettleOptions): SettleDecision {
  if (state.quietForMs >= options.quietMs && !state.busy) return 'read-settled';
  if (state.elapsedMs >= options.maxWaitMs) return 'read-unsettled';
  return 'wait';
}

/** A visible element that declares itself still loading. */
export function pageIsBusy(doc: Document): boolean {
  for (const el of Array.from(doc.querySelectorAll('[aria-busy="true"]'))) {
    const style = doc.defaultView?.getComputedStyle(el);
    if (!(el as HTMLElement).hidden && style?.display !== 'none' && style?.visibility !== 'hidden') return true;
  }
  return false;
}

/** Time as the waiter sees it; tests pass a virtual one so timing never depends on machine load. */
export interface SettleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: SettleClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Waits (observing DOM mutations) until the page settles or the wait runs out. */
export async function waitForStablePage(doc: Document, options: SettleOptions = DEFAULT_SETTLE, clock: SettleClock = REAL_CLOCK): Promise<PageLiveness> {
  const started = clock.now();
  let lastChange = started;
  let changes = 0;
  const count = (records: MutationRecord[]) => {
    for (const r of records) changes += r.type === 'childList' ? r.addedNodes.length + r.removedNodes.length : 1;
    if (records.length) lastChange = clock.now();
  };
  const observer = new MutationObserver(count);
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  try {
    for (;;) {
      await clock.sleep(options.pollMs);
      // Records not yet delivered to the callback still count as changes.
      count(observer.takeRecords());
      const now = clock.now();
      const busy = pageIsBusy(doc);
      const decision = settleDecision({ elapsedMs: now - started, quietForMs: now - lastChange, busy }, options);
      if (decision !== 'wait') return { settled: decision === 'read-settled', changes, waitedMs: Math.round(now - started), busy };
    }
  } finally {
    observer.disconnect();
  }
}

/**
 * Runs `read` (a synchronous DOM pass) and checks with a MutationObserver that nothing changed
 * the DOM during it; if something did (a synchronous side effect of reading, which page scripts
 * cannot cause), reads again, up to `attempts` times. Returns the read and whether it was clean.
 */
export function readConsistently<T>(doc: Document, read: () => T, attempts = 3): { value: T; consistent: boolean; attempts: number } {
  let value!: T;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const observer = new MutationObserver(() => {});
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    value = read();
    const changed = observer.takeRecords().length > 0;
    observer.disconnect();
    if (!changed) return { value, consistent: true, attempts: attempt };
  }
  return { value, consistent: false, attempts };
}

/** The line the evidence carries when the page was still changing, so the model knows. */
export function liveNotice(liveness: PageLiveness, capturedAtMs: number): string | null {
  if (liveness.settled) return null;
  const at = new Date(capturedAtMs).toISOString().slice(11, 23);
  const why = liveness.busy
    ? 'it still showed a loading indicator'
    : `it kept changing (${liveness.changes.toLocaleString('en-US')} DOM changes in ${(liveness.waitedMs / 1000).toFixed(1)} s, e.g. a live log tail or auto-refresh)`;
  return `Live page: ${why} when captured. This is one consistent snapshot taken at ${at} UTC; anything added after that is not in it — capture again for newer content.`;
}
