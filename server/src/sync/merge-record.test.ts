import { describe, expect, it } from 'vitest';
import { DELETED_FIELD, mergeChange, type IncomingChange, type StoredRecord } from './merge-record';

function created(fields: Record<string, unknown>, rev = 1, dev = 'dev-a', at = 1000): StoredRecord {
  const outcome = mergeChange(undefined, { baseRevision: 0, changedAt: at, deviceId: dev, deleted: false, fields }, rev);
  return { revision: rev, deleted: outcome.deleted, data: outcome.data, fieldMeta: outcome.fieldMeta };
}

function apply(stored: StoredRecord, change: IncomingChange, rev: number): StoredRecord {
  const outcome = mergeChange(stored, change, rev);
  return { revision: outcome.changed ? rev : stored.revision, deleted: outcome.deleted, data: outcome.data, fieldMeta: outcome.fieldMeta };
}

describe('mergeChange', () => {
  it('takes a field nobody else changed since the base revision', () => {
    const stored = created({ title: 'a', severity: 'sev2' });
    const outcome = mergeChange(stored, { baseRevision: 1, changedAt: 500, deviceId: 'dev-b', deleted: false, fields: { title: 'b' } }, 2);
    expect(outcome.changed).toBe(true);
    expect(outcome.data).toEqual({ title: 'b', severity: 'sev2' });
    expect(outcome.conflicts).toEqual([]);
  });

  it('merges concurrent edits of different fields without a conflict', () => {
    const base = created({ title: 'a', severity: 'sev2' });
    const afterA = apply(base, { baseRevision: 1, changedAt: 2000, deviceId: 'dev-a', deleted: false, fields: { title: 'from A' } }, 2);
    const outcome = mergeChange(afterA, { baseRevision: 1, changedAt: 1500, deviceId: 'dev-b', deleted: false, fields: { severity: 'sev1' } }, 3);
    expect(outcome.data).toEqual({ title: 'from A', severity: 'sev1' });
    expect(outcome.conflicts).toEqual([]);
  });

  it('settles a field changed on both sides by the later edit, whichever arrives first, and records the loser', () => {
    const base = created({ title: 'start' });
    const editA: IncomingChange = { baseRevision: 1, changedAt: 3000, deviceId: 'dev-a', deleted: false, fields: { title: 'A (later)' } };
    const editB: IncomingChange = { baseRevision: 1, changedAt: 2000, deviceId: 'dev-b', deleted: false, fields: { title: 'B (earlier)' } };

    const aThenB = mergeChange(apply(base, editA, 2), editB, 3);
    const bThenA = mergeChange(apply(base, editB, 2), editA, 3);
    expect(aThenB.data.title).toBe('A (later)');
    expect(bThenA.data.title).toBe('A (later)');
    expect(aThenB.conflicts).toEqual([{ field: 'title', keptValue: 'A (later)', discardedValue: 'B (earlier)', keptDevice: 'dev-a', discardedDevice: 'dev-b' }]);
    expect(bThenA.conflicts).toEqual(aThenB.conflicts);
    expect(aThenB.changed).toBe(false);
  });

  it('breaks a tie on change time by device id', () => {
    const base = created({ title: 'start' });
    const fromZ: IncomingChange = { baseRevision: 1, changedAt: 5000, deviceId: 'dev-z', deleted: false, fields: { title: 'Z' } };
    const fromM: IncomingChange = { baseRevision: 1, changedAt: 5000, deviceId: 'dev-m', deleted: false, fields: { title: 'M' } };
    expect(mergeChange(apply(base, fromZ, 2), fromM, 3).data.title).toBe('Z');
    expect(mergeChange(apply(base, fromM, 2), fromZ, 3).data.title).toBe('Z');
  });

  it('keeps the earliest createdAt and the latest updatedAt without calling it a conflict', () => {
    const base = created({ createdAt: 100, updatedAt: 100 });
    const afterA = apply(base, { baseRevision: 1, changedAt: 900, deviceId: 'dev-a', deleted: false, fields: { updatedAt: 900 } }, 2);
    const outcome = mergeChange(afterA, { baseRevision: 1, changedAt: 500, deviceId: 'dev-b', deleted: false, fields: { updatedAt: 500, createdAt: 50 } }, 3);
    expect(outcome.data).toEqual({ createdAt: 50, updatedAt: 900 });
    expect(outcome.conflicts).toEqual([]);
  });

  it('reports no change when the pushed values equal the stored ones', () => {
    const base = created({ title: 'same', tags: ['a', 'b'] });
    const outcome = mergeChange(base, { baseRevision: 0, changedAt: 1, deviceId: 'dev-b', deleted: false, fields: { title: 'same', tags: ['a', 'b'] } }, 2);
    expect(outcome.changed).toBe(false);
    expect(outcome.conflicts).toEqual([]);
  });

  it('lets a deletion win over a concurrent edit, keeps the edit in the tombstone, and records it', () => {
    const base = created({ title: 'start' });
    const deleted = apply(base, { baseRevision: 1, changedAt: 1000, deviceId: 'dev-a', deleted: true, fields: {} }, 2);
    const outcome = mergeChange(deleted, { baseRevision: 1, changedAt: 9000, deviceId: 'dev-b', deleted: false, fields: { title: 'edited offline' } }, 3);
    expect(outcome.deleted).toBe(true);
    expect(outcome.data.title).toBe('edited offline');
    expect(outcome.conflicts).toEqual([{ field: DELETED_FIELD, keptValue: true, discardedValue: { title: 'edited offline' }, keptDevice: 'dev-a', discardedDevice: 'dev-b' }]);

    const edited = apply(base, { baseRevision: 1, changedAt: 9000, deviceId: 'dev-b', deleted: false, fields: { title: 'edited offline' } }, 2);
    const reverse = mergeChange(edited, { baseRevision: 1, changedAt: 1000, deviceId: 'dev-a', deleted: true, fields: {} }, 3);
    expect(reverse.deleted).toBe(true);
    expect(reverse.conflicts[0]).toMatchObject({ field: DELETED_FIELD, discardedValue: { title: 'edited offline' } });
  });

  it('re-creates a deleted record when the pusher had seen the deletion', () => {
    const deleted = apply(created({ title: 'x' }), { baseRevision: 1, changedAt: 1000, deviceId: 'dev-a', deleted: true, fields: {} }, 2);
    const outcome = mergeChange(deleted, { baseRevision: 2, changedAt: 2000, deviceId: 'dev-b', deleted: false, fields: { title: 'back' } }, 3);
    expect(outcome.deleted).toBe(false);
    expect(outcome.conflicts).toEqual([]);
  });

  it('settles linked fields edited on both sides as one unit, whichever edit arrives first', () => {
    const linked = [['investigation', 'phase', 'status']];
    const base = created({ title: 't', investigation: { phase: 'intake', hypotheses: [] }, phase: 'intake', status: 'open' });
    // A advanced the investigation (phase unchanged); B, later, moved the phase and concluded.
    const fromA: IncomingChange = { baseRevision: 1, changedAt: 2000, deviceId: 'dev-a', deleted: false, fields: { investigation: { phase: 'intake', hypotheses: ['pool'] }, phase: 'intake', status: 'open' } };
    const fromB: IncomingChange = { baseRevision: 1, changedAt: 3000, deviceId: 'dev-b', deleted: false, fields: { investigation: { phase: 'resolution', hypotheses: ['deploy'] }, phase: 'resolution', status: 'resolved' } };
    for (const [first, second] of [[fromA, fromB], [fromB, fromA]] as const) {
      const afterFirst = apply(base, first, 2);
      const outcome = mergeChange(afterFirst, second, 3, linked);
      expect(outcome.data).toMatchObject({ investigation: { phase: 'resolution', hypotheses: ['deploy'] }, phase: 'resolution', status: 'resolved' });
      expect(outcome.conflicts.map((c) => c.field).sort()).toEqual(['investigation', 'phase', 'status']);
      expect(outcome.conflicts.find((c) => c.field === 'investigation')).toMatchObject({ keptDevice: 'dev-b', discardedDevice: 'dev-a', discardedValue: { phase: 'intake', hypotheses: ['pool'] } });
    }
    // Without the link, B's phase would sit beside A's investigation when A is later.
    const unlinkedLater: IncomingChange = { ...fromA, changedAt: 4000, fields: { investigation: fromA.fields.investigation } };
    const mixed = mergeChange(apply(base, fromB, 2), unlinkedLater, 3);
    expect(mixed.data).toMatchObject({ investigation: { phase: 'intake' }, phase: 'resolution' });
    const linkedLater = mergeChange(apply(base, fromB, 2), { ...fromA, changedAt: 4000 }, 3, linked);
    expect(linkedLater.data).toMatchObject({ investigation: { phase: 'intake' }, phase: 'intake', status: 'open' });
  });
});
