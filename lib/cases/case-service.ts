import { INITIAL_PHASE } from '@/engines/phases';
import { isSeverity, type Severity } from '@/engines/severity';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { CaseRecord, CaseStatus } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { newId } from '@/lib/ids';
import { ACTIVE_CASE_KEY, clearCaseFromWindows, readActiveCaseId, writeActiveCaseId } from './window-active-case';

export const MAX_TITLE_LENGTH = 200;

function cleanTitle(title: string): string {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  if (!trimmed) throw new FaultMavenError('invalid-input', 'A case needs a title, e.g. "checkout p99 latency 4x since 14:05"');
  return trimmed.slice(0, MAX_TITLE_LENGTH);
}

/** Creates a case and makes it active, in `windowId` only when given (see window-active-case.ts). */
export async function createCase(db: FaultMavenDB, input: { title: string; severity: Severity; windowId?: number }): Promise<CaseRecord> {
  if (!isSeverity(input.severity)) throw new FaultMavenError('invalid-input', `Unknown severity "${String(input.severity)}"`);
  const now = Date.now();
  const record: CaseRecord = {
    id: newId(),
    title: cleanTitle(input.title),
    severity: input.severity,
    status: 'open',
    phase: INITIAL_PHASE,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction('rw', db.cases, db.settings, async () => {
    await db.cases.add(record);
    await writeActiveCaseId(db, record.id, input.windowId);
  });
  return record;
}

export async function getCase(db: FaultMavenDB, caseId: string): Promise<CaseRecord> {
  const found = await db.cases.get(caseId);
  if (!found) throw new FaultMavenError('not-found', 'This case no longer exists');
  return found;
}

export async function updateCase(
  db: FaultMavenDB,
  caseId: string,
  patch: { title?: string; severity?: Severity; status?: CaseStatus },
): Promise<CaseRecord> {
  const changes: Partial<CaseRecord> = { updatedAt: Date.now() };
  if (patch.title !== undefined) changes.title = cleanTitle(patch.title);
  if (patch.severity !== undefined) {
    if (!isSeverity(patch.severity)) throw new FaultMavenError('invalid-input', `Unknown severity "${String(patch.severity)}"`);
    changes.severity = patch.severity;
  }
  if (patch.status !== undefined) {
    if (!['open', 'resolved', 'closed'].includes(patch.status)) {
      throw new FaultMavenError('invalid-input', `Unknown status "${String(patch.status)}"`);
    }
    changes.status = patch.status;
  }
  return db.transaction('rw', db.cases, async () => {
    const updated = await db.cases.update(caseId, changes);
    if (!updated) throw new FaultMavenError('not-found', 'This case no longer exists');
    return getCase(db, caseId);
  });
}

/** Deletes a case with everything that belongs to it, including its case-tier knowledge. */
export async function deleteCase(db: FaultMavenDB, caseId: string): Promise<boolean> {
  return db.transaction(
    'rw',
    [db.cases, db.messages, db.evidence, db.hypotheses, db.kbDocuments, db.kbChunks, db.kbDocumentIndex, db.settings],
    async () => {
      const existed = (await db.cases.get(caseId)) !== undefined;
      await db.messages.where('caseId').equals(caseId).delete();
      await db.evidence.where('caseId').equals(caseId).delete();
      await db.hypotheses.where('caseId').equals(caseId).delete();
      const docIds = await db.kbDocuments.where('caseId').equals(caseId).primaryKeys();
      await db.kbChunks.where('documentId').anyOf(docIds).delete();
      await db.kbDocumentIndex.bulkDelete(docIds);
      await db.kbDocuments.bulkDelete(docIds);
      await db.cases.delete(caseId);
      if ((await getActiveCaseId(db)) === caseId) await db.settings.put({ key: ACTIVE_CASE_KEY, value: null });
      await clearCaseFromWindows(db, caseId);
      return existed;
    },
  );
}

export async function getActiveCaseId(db: FaultMavenDB, windowId?: number): Promise<string | null> {
  return readActiveCaseId(db, windowId);
}

/** Without `windowId` every window switches to the case; with it, only that window does. */
export async function setActiveCase(db: FaultMavenDB, caseId: string | null, windowId?: number): Promise<string | null> {
  if (caseId !== null) await getCase(db, caseId);
  await db.transaction('rw', db.settings, () => writeActiveCaseId(db, caseId, windowId));
  return caseId;
}

/**
 * The case new evidence goes to: the active case if it is still open, otherwise a fresh one
 * named after where the evidence came from, so a right-click never loses what was picked.
 */
export async function ensureActiveCase(db: FaultMavenDB, titleIfNew: string, windowId?: number): Promise<CaseRecord> {
  const activeId = await getActiveCaseId(db, windowId);
  if (activeId) {
    const active = await db.cases.get(activeId);
    if (active && active.status === 'open') return active;
  }
  return createCase(db, { title: titleIfNew, severity: 'sev3', ...(windowId !== undefined ? { windowId } : {}) });
}

export async function touchCase(db: FaultMavenDB, caseId: string): Promise<void> {
  await db.cases.update(caseId, { updatedAt: Date.now() });
}

export { ACTIVE_CASE_KEY };
