import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { readActiveCaseId } from '@/lib/cases/window-active-case';

/**
 * Live reads of the database. Writes happen in the service worker; Dexie broadcasts them to
 * every extension page, so these hooks re-render on their own.
 */

/**
 * The window's case in one read (active id, then the row), so the panel's first paint waits
 * for one database round trip instead of two. `undefined` until the window is known and read.
 */
export function useWindowCase(windowId: number | null | undefined) {
  return useLiveQuery(async () => {
    if (windowId === undefined) return undefined;
    const caseId = await readActiveCaseId(db, windowId ?? undefined);
    const kase = caseId ? ((await db.cases.get(caseId)) ?? null) : null;
    return { caseId, kase };
  }, [windowId]);
}

export function useCase(caseId: string | null | undefined) {
  return useLiveQuery(async () => (caseId ? ((await db.cases.get(caseId)) ?? null) : null), [caseId]);
}

export function useRecentCases(limit = 50) {
  return useLiveQuery(() => db.cases.orderBy('updatedAt').reverse().limit(limit).toArray(), [limit]);
}

export function useMessages(caseId: string) {
  return useLiveQuery(
    () => db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).toArray(),
    [caseId],
  );
}

export function useEvidence(caseId: string) {
  return useLiveQuery(
    () => db.evidence.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).reverse().toArray(),
    [caseId],
  );
}

/**
 * Ids of a case's evidence, oldest first, read from the index alone: enough for the tab's
 * count and the citation labels, without loading every item's text when a case opens.
 */
export function useEvidenceIds(caseId: string) {
  return useLiveQuery(
    async () => (await db.evidence.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).primaryKeys()) as string[],
    [caseId],
  );
}

export function useProviderCount() {
  return useLiveQuery(() => db.providers.count());
}
