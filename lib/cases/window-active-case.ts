import type { FaultMavenDB } from '@/lib/db/schema';

/*
 * Several incidents at once: each browser window has its own side panel (Chrome) or sidebar
 * (Firefox), so each window remembers its own active case. The global `activeCaseId` stays the
 * most recent choice anywhere: it is what a window that never chose a case shows, and what
 * callers without a window (the CLI, older pages, tests) read and write.
 *
 * A choice made without a window means "everywhere": it clears the windows' own choices, so
 * the old single-active-case behaviour is exactly what such callers get.
 */

export const ACTIVE_CASE_KEY = 'activeCaseId';
const WINDOW_KEY_PREFIX = 'activeCaseId@window:';

export function windowActiveCaseKey(windowId: number): string {
  return `${WINDOW_KEY_PREFIX}${windowId}`;
}

/** The case a window shows: its own choice when it made one (even "none"), else the global one. */
export function pickActiveCaseId(globalValue: unknown, windowRow: { value: unknown } | undefined): string | null {
  const value = windowRow ? windowRow.value : globalValue;
  return typeof value === 'string' ? value : null;
}

export async function readActiveCaseId(db: FaultMavenDB, windowId?: number): Promise<string | null> {
  const [globalRow, windowRow] = await Promise.all([
    db.settings.get(ACTIVE_CASE_KEY),
    windowId === undefined ? undefined : db.settings.get(windowActiveCaseKey(windowId)),
  ]);
  return pickActiveCaseId(globalRow?.value, windowRow);
}

/** Call inside a transaction over `db.settings`. */
export async function writeActiveCaseId(db: FaultMavenDB, caseId: string | null, windowId?: number): Promise<void> {
  await db.settings.put({ key: ACTIVE_CASE_KEY, value: caseId });
  if (windowId === undefined) {
    await db.settings.where('key').startsWith(WINDOW_KEY_PREFIX).delete();
  } else {
    await db.settings.put({ key: windowActiveCaseKey(windowId), value: caseId });
  }
}

/** A closed window's choice is dropped, so a later window that reuses its id starts clean. */
export async function forgetWindow(db: FaultMavenDB, windowId: number): Promise<void> {
  await db.settings.delete(windowActiveCaseKey(windowId));
}

/** Windows showing a deleted case fall back to the global choice. */
export async function clearCaseFromWindows(db: FaultMavenDB, caseId: string): Promise<void> {
  await db.settings
    .where('key')
    .startsWith(WINDOW_KEY_PREFIX)
    .and((row) => row.value === caseId)
    .delete();
}
