import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { ACTIVE_CASE_KEY } from '@/lib/cases/case-service';

/**
 * Live reads of the database. Writes happen in the service worker; Dexie broadcasts them to
 * every extension page, so these hooks re-render on their own.
 */

export function useActiveCaseId(): string | null | undefined {
  return useLiveQuery(async () => {
    const row = await db.settings.get(ACTIVE_CASE_KEY);
    return typeof row?.value === 'string' ? row.value : null;
  });
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

export function useProviderCount() {
  return useLiveQuery(() => db.providers.count());
}
