import { caseRecordStatus, createCaseState, migrateCaseState, type CaseState } from '@/engines/investigation';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { CaseRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';

/**
 * Reads a case's engine state. A case created before the engines existed, or whose stored
 * state cannot be read, starts a fresh state; an unreadable record is reported, not lost
 * (it stays in the row until the next successful save overwrites it).
 */
export function readCaseState(kase: CaseRecord, now = Date.now()): { state: CaseState; warning?: string } {
  if (kase.investigation === undefined) {
    return { state: createCaseState({ caseId: kase.id, severity: kase.severity, now }) };
  }
  const migrated = migrateCaseState(kase.investigation);
  if (migrated.ok) return { state: migrated.state };
  return {
    state: createCaseState({ caseId: kase.id, severity: kase.severity, now }),
    warning: `The investigation state of this case could not be read (${migrated.error}); starting it afresh.`,
  };
}

/** Saves the engine state and keeps the case row's phase and status in step with it. */
export async function saveCaseState(db: FaultMavenDB, caseId: string, state: CaseState): Promise<void> {
  const updated = await db.cases.update(caseId, {
    investigation: state,
    phase: state.phase.current,
    status: caseRecordStatus(state.status),
    updatedAt: Date.now(),
  });
  if (!updated) throw new FaultMavenError('not-found', 'This case no longer exists');
}
