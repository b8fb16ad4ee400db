import type { FieldConflict, RecordData } from '../../../lib/sync/wire';
import { sameValue } from '../../../lib/sync/stable-json';

/**
 * Field-level merge of one pushed change into the server's copy of a record. Pure, so the
 * rules are tested without a database.
 *
 * - A field nobody else changed since the pusher's base revision takes the pushed value.
 * - A field changed on both sides is a conflict: the later edit wins, by the device's change
 *   time and then by device id. The rule depends only on the two edits, not on which arrived
 *   first, so every replica settles the same way. The losing value is returned as a conflict
 *   for the server to record, so no write is silently dropped.
 * - Deletion wins over a concurrent edit; the edit is still merged into the tombstone's data
 *   and recorded as a conflict.
 * - `createdAt` keeps the earliest value and `updatedAt` the latest: bookkeeping, not conflicts.
 * - Linked fields (`LINKED_FIELDS`, e.g. a case's investigation, phase and status) edited on
 *   both sides settle as one unit: the later edit's values for all of them, each differing
 *   value of the other side recorded as a conflict.
 */
export interface FieldStamp {
  /** Revision that last changed the field. */
  rev: number;
  /** Device change time (ms). */
  at: number;
  dev: string;
}

export const DELETED_FIELD = '(deleted)';

export interface StoredRecord {
  revision: number;
  deleted: boolean;
  data: RecordData;
  fieldMeta: Record<string, FieldStamp>;
}

export interface IncomingChange {
  baseRevision: number;
  changedAt: number;
  deviceId: string;
  deleted: boolean;
  fields: RecordData;
}

export interface MergeOutcome {
  changed: boolean;
  deleted: boolean;
  data: RecordData;
  fieldMeta: Record<string, FieldStamp>;
  conflicts: FieldConflict[];
}

/** Positive when `a` is the later edit. Ties on time fall back to the device id, then to the stored side. */
export function compareStamps(a: { at: number; dev: string }, b: { at: number; dev: string }): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : 0;
}

const BOOKKEEPING: Record<string, (stored: unknown, incoming: unknown) => unknown> = {
  createdAt: (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.min(a, b) : (a ?? b)),
  updatedAt: (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.max(a, b) : (b ?? a)),
};

export function mergeChange(stored: StoredRecord | undefined, change: IncomingChange, newRevision: number, linkedFields: ReadonlyArray<readonly string[]> = []): MergeOutcome {
  const stamp: FieldStamp = { rev: newRevision, at: change.changedAt, dev: change.deviceId };
  if (!stored) {
    const fieldMeta: Record<string, FieldStamp> = { [DELETED_FIELD]: stamp };
    for (const field of Object.keys(change.fields)) fieldMeta[field] = stamp;
    return { changed: true, deleted: change.deleted, data: { ...change.fields }, fieldMeta, conflicts: [] };
  }

  const data: RecordData = { ...stored.data };
  const fieldMeta = { ...stored.fieldMeta };
  const conflicts: FieldConflict[] = [];
  let changed = false;
  const concurrentlyChanged = (field: string) => (stored.fieldMeta[field]?.rev ?? 0) > change.baseRevision;

  // A linked group this change touches and others changed too: the latest of the others' stamps decides for the whole group.
  const groupRival = new Map<string, FieldStamp>();
  for (const group of linkedFields) {
    if (!group.some((field) => field in change.fields)) continue;
    const rivals = group.filter(concurrentlyChanged).map((field) => stored.fieldMeta[field]!);
    if (rivals.length === 0) continue;
    const latest = rivals.reduce((a, b) => (compareStamps(a, b) >= 0 ? a : b));
    for (const field of group) groupRival.set(field, latest);
  }

  for (const [field, value] of Object.entries(change.fields)) {
    const current = stored.data[field];
    if (sameValue(current, value)) continue;
    const rival = groupRival.get(field);
    if (rival) {
      const incomingWins = compareStamps(stamp, rival) > 0;
      const storedDev = stored.fieldMeta[field]?.dev ?? rival.dev;
      conflicts.push({
        field,
        keptValue: incomingWins ? value : current,
        discardedValue: incomingWins ? current : value,
        keptDevice: incomingWins ? change.deviceId : storedDev,
        discardedDevice: incomingWins ? storedDev : change.deviceId,
      });
      if (incomingWins) {
        data[field] = value;
        fieldMeta[field] = stamp;
        changed = true;
      }
      continue;
    }
    const settle = BOOKKEEPING[field];
    if (settle) {
      const next = settle(current, value);
      if (!sameValue(next, current)) {
        data[field] = next;
        fieldMeta[field] = stamp;
        changed = true;
      }
      continue;
    }
    const storedStamp = stored.fieldMeta[field];
    if (!storedStamp || !concurrentlyChanged(field)) {
      data[field] = value;
      fieldMeta[field] = stamp;
      changed = true;
      continue;
    }
    const incomingWins = compareStamps(stamp, storedStamp) > 0;
    conflicts.push({
      field,
      keptValue: incomingWins ? value : current,
      discardedValue: incomingWins ? current : value,
      keptDevice: incomingWins ? change.deviceId : storedStamp.dev,
      discardedDevice: incomingWins ? storedStamp.dev : change.deviceId,
    });
    if (incomingWins) {
      data[field] = value;
      fieldMeta[field] = stamp;
      changed = true;
    }
  }

  let deleted = stored.deleted;
  const deletionStamp = stored.fieldMeta[DELETED_FIELD];
  if (change.deleted && !stored.deleted) {
    deleted = true;
    fieldMeta[DELETED_FIELD] = stamp;
    changed = true;
    const editedMeanwhile = Object.keys(stored.fieldMeta).filter((f) => f !== DELETED_FIELD && !BOOKKEEPING[f] && concurrentlyChanged(f));
    if (editedMeanwhile.length > 0) {
      conflicts.push({
        field: DELETED_FIELD,
        keptValue: true,
        discardedValue: Object.fromEntries(editedMeanwhile.map((f) => [f, stored.data[f]])),
        keptDevice: change.deviceId,
        discardedDevice: stored.fieldMeta[editedMeanwhile[0]!]!.dev,
      });
    }
  } else if (!change.deleted && stored.deleted) {
    if (deletionStamp && concurrentlyChanged(DELETED_FIELD)) {
      // Edited without having seen the deletion: the record stays deleted, the edit is kept in its data.
      if (Object.keys(change.fields).length > 0) {
        conflicts.push({ field: DELETED_FIELD, keptValue: true, discardedValue: change.fields, keptDevice: deletionStamp.dev, discardedDevice: change.deviceId });
      }
    } else {
      // The pusher saw the deletion and wrote the record again: a deliberate re-creation.
      deleted = false;
      fieldMeta[DELETED_FIELD] = stamp;
      changed = true;
    }
  }
  return { changed, deleted, data, fieldMeta, conflicts };
}
