import { actorId, type Principal, type ServerContext } from '../context';
import { forUpdate, type Queryable } from '../db/database';
import { randomId } from '../auth/secrets';
import type { ConflictView, PushResponse, PushResult, RecordData, SyncKind } from '../../../lib/sync/wire';
import { LINKED_FIELDS, type pushRequestSchema } from '../../../lib/sync/wire';
import type { z } from 'zod';
import { mergeChange, type FieldStamp, type StoredRecord } from './merge-record';

interface RecordRow {
  kind: SyncKind;
  id: string;
  revision: number;
  deleted: number;
  data: string;
  field_meta: string;
  updated_at: number;
}

async function loadRecord(tx: Queryable, teamId: string, kind: string, id: string): Promise<(StoredRecord & { updatedAt: number }) | undefined> {
  const rows = await tx.query<RecordRow>('SELECT kind, id, revision, deleted, data, field_meta, updated_at FROM records WHERE team_id = $1 AND kind = $2 AND id = $3', [teamId, kind, id]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    revision: Number(row.revision),
    deleted: Number(row.deleted) === 1,
    data: JSON.parse(row.data) as RecordData,
    fieldMeta: JSON.parse(row.field_meta) as Record<string, FieldStamp>,
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Applies a batch of changes in one transaction. The team's revision counter is locked first,
 * so pushes of one team are serialised and revisions become visible in commit order: a puller
 * that has seen revision N can never later find a record committed with a revision below N.
 */
export async function push(ctx: ServerContext, principal: Principal, request: z.output<typeof pushRequestSchema>): Promise<PushResponse> {
  const results = await ctx.db.transaction(async (tx) => {
    const teams = await tx.query<{ revision: number }>(`SELECT revision FROM teams WHERE id = $1${forUpdate(tx.dialect)}`, [principal.teamId]);
    let revision = Number(teams[0]?.revision ?? 0);
    const startRevision = revision;
    const now = ctx.clock();
    const out: PushResult[] = [];
    for (const change of request.changes) {
      const stored = await loadRecord(tx, principal.teamId, change.kind, change.id);
      const merged = mergeChange(stored, { ...change, deviceId: request.deviceId }, revision + 1, LINKED_FIELDS[change.kind]);
      for (const c of merged.conflicts) {
        await tx.execute(
          `INSERT INTO conflicts (id, team_id, kind, record_id, field, revision, kept_value, discarded_value, kept_device, discarded_device, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [randomId(), principal.teamId, change.kind, change.id, c.field, merged.changed ? revision + 1 : (stored?.revision ?? 0), JSON.stringify(c.keptValue) ?? 'null', JSON.stringify(c.discardedValue) ?? 'null', c.keptDevice, c.discardedDevice, now],
        );
      }
      if (!merged.changed && stored) {
        out.push({ kind: change.kind, id: change.id, revision: stored.revision, deleted: stored.deleted, data: stored.data, updatedAt: stored.updatedAt, outcome: 'unchanged', conflicts: merged.conflicts });
        continue;
      }
      revision += 1;
      await tx.execute(
        `INSERT INTO records (team_id, kind, id, revision, deleted, data, field_meta, updated_at, updated_by, device_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (team_id, kind, id) DO UPDATE SET revision = excluded.revision, deleted = excluded.deleted, data = excluded.data,
           field_meta = excluded.field_meta, updated_at = excluded.updated_at, updated_by = excluded.updated_by, device_id = excluded.device_id`,
        [principal.teamId, change.kind, change.id, revision, merged.deleted ? 1 : 0, JSON.stringify(merged.data), JSON.stringify(merged.fieldMeta), now, actorId(principal), request.deviceId],
      );
      out.push({
        kind: change.kind,
        id: change.id,
        revision,
        deleted: merged.deleted,
        data: merged.data,
        updatedAt: now,
        outcome: merged.conflicts.length > 0 ? 'merged' : 'applied',
        conflicts: merged.conflicts,
      });
    }
    if (revision !== startRevision) await tx.execute('UPDATE teams SET revision = $2 WHERE id = $1', [principal.teamId, revision]);
    await touchDevice(tx, principal, request.deviceId, now);
    return out;
  });
  const conflicts = results.reduce((n, r) => n + r.conflicts.length, 0);
  ctx.logger.info('sync push', { team: principal.teamId, device: request.deviceId, changes: results.length, conflicts });
  return { results };
}

/**
 * Records that a device was seen (pushes do not move its pull cursor). One statement, and the
 * row is rewritten only once a minute, so a device pushing often does not write it every time.
 */
async function touchDevice(db: Queryable, principal: Principal, deviceId: string, now: number): Promise<void> {
  await db.execute(
    `INSERT INTO devices (team_id, device_id, actor_id, cursor, last_seen_at) VALUES ($1, $2, $3, 0, $4)
     ON CONFLICT (team_id, device_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, actor_id = excluded.actor_id
      WHERE devices.last_seen_at < $5`,
    [principal.teamId, deviceId, actorId(principal), now, now - 60_000],
  );
}

export async function listConflicts(ctx: ServerContext, principal: Principal, query: { since: number; limit: number }): Promise<{ conflicts: ConflictView[] }> {
  const rows = await ctx.db.query<{ id: string; kind: SyncKind; record_id: string; field: string; revision: number; kept_value: string; discarded_value: string; kept_device: string; discarded_device: string; created_at: number }>(
    `SELECT id, kind, record_id, field, revision, kept_value, discarded_value, kept_device, discarded_device, created_at
       FROM conflicts WHERE team_id = $1 AND revision > $2 ORDER BY revision, created_at LIMIT $3`,
    [principal.teamId, query.since, query.limit],
  );
  return {
    conflicts: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      recordId: r.record_id,
      field: r.field,
      revision: Number(r.revision),
      keptValue: JSON.parse(r.kept_value) as unknown,
      discardedValue: JSON.parse(r.discarded_value) as unknown,
      keptDevice: r.kept_device,
      discardedDevice: r.discarded_device,
      createdAt: Number(r.created_at),
    })),
  };
}

export interface DeviceView {
  deviceId: string;
  actorId: string;
  cursor: number;
  lastSeenAt: number;
}

export async function listDevices(ctx: ServerContext, principal: Principal): Promise<{ devices: DeviceView[]; revision: number }> {
  const rows = await ctx.db.query<{ device_id: string; actor_id: string; cursor: number; last_seen_at: number }>(
    'SELECT device_id, actor_id, cursor, last_seen_at FROM devices WHERE team_id = $1 ORDER BY last_seen_at DESC',
    [principal.teamId],
  );
  const team = await ctx.db.query<{ revision: number }>('SELECT revision FROM teams WHERE id = $1', [principal.teamId]);
  return {
    devices: rows.map((r) => ({ deviceId: r.device_id, actorId: r.actor_id, cursor: Number(r.cursor), lastSeenAt: Number(r.last_seen_at) })),
    revision: Number(team[0]?.revision ?? 0),
  };
}
