import type { AccessClaims } from '../auth/access-tokens';
import { actorId, type Principal, type ServerContext } from '../context';
import type { Dialect } from '../db/database';
import { unauthorized } from '../http/api-error';
import type { Role } from '../../../lib/sync/wire';

export interface PullQuery {
  deviceId: string;
  since: number;
  limit: number;
}

/** The caller of a pull: a verified access token (session still to check) or an already resolved principal. */
export type PullCaller = { type: 'claims'; claims: AccessClaims } | { type: 'principal'; principal: Principal };

interface PullRow {
  role: Role | null;
  device_cursor: number | null;
  device_seen: number | null;
  kind: string | null;
  id: string | null;
  revision: number | null;
  deleted: number | null;
  data: string | null;
  updated_at: number | null;
}

/**
 * One statement for both databases: a head row (the caller's role when a session is checked,
 * and what the device row holds) followed by the page of records. A compound SELECT rather than
 * a join against a sub-select: SQLite materialises such a sub-select on every call, which cost
 * ten times the whole query. The head row's NULL revision sorts it first.
 */
function pullSql(dialect: Dialect, head: string): string {
  const records = 'SELECT NULL, NULL, NULL, kind, id, revision, deleted, data, updated_at FROM records WHERE team_id = $1 AND revision > $3';
  // PostgreSQL sorts the whole union unless the records branch carries its own ORDER BY and
  // LIMIT (then it walks the (team_id, revision) index and stops); SQLite allows neither in a
  // compound member but merges the branches in index order by itself.
  return dialect === 'postgres'
    ? `${head} UNION ALL (${records} ORDER BY revision LIMIT $4) ORDER BY revision NULLS FIRST`
    : `${head} UNION ALL ${records} ORDER BY revision NULLS FIRST LIMIT $4`;
}

const HEAD_COLUMNS = `d.cursor AS device_cursor, d.last_seen_at AS device_seen,
       NULL AS kind, NULL AS id, NULL AS revision, NULL AS deleted, NULL AS data, NULL AS updated_at`;

/**
 * For a signed-in person the session check rides in the same statement: no head row means the
 * session is revoked, the user gone or moved to another team. So revocation still applies at
 * once on every instance, at the cost of one round trip per pull, not two.
 */
const userPullHead = `SELECT u.role AS role, ${HEAD_COLUMNS}
  FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN devices d ON d.team_id = $1 AND d.device_id = $2
 WHERE s.id = $5 AND u.id = $6 AND u.team_id = $1 AND s.revoked_at IS NULL`;

const principalPullHead = `SELECT NULL AS role, ${HEAD_COLUMNS}
  FROM (SELECT 1 AS one) anchor LEFT JOIN devices d ON d.team_id = $1 AND d.device_id = $2`;

const PULL_SQL = {
  sqlite: { user: pullSql('sqlite', userPullHead), principal: pullSql('sqlite', principalPullHead) },
  postgres: { user: pullSql('postgres', userPullHead), principal: pullSql('postgres', principalPullHead) },
} satisfies Record<Dialect, unknown>;

/** How often an unchanged device's "last seen" is refreshed: steady polling must not write on every pull. */
const DEVICE_SEEN_REFRESH_MS = 60_000;

/**
 * Records of the caller's team changed after `since`, oldest first, as the JSON text of a
 * `PullResponse`. Records are stored as JSON text and spliced into the answer as they are:
 * parsing and re-serialising them would cost more than the database read.
 */
export async function pullJson(ctx: ServerContext, caller: PullCaller, query: PullQuery): Promise<string> {
  const teamId = caller.type === 'claims' ? caller.claims.teamId : caller.principal.teamId;
  // Up to limit + 1 records (the extra one tells whether more are waiting), plus the head row in SQLite's shared LIMIT.
  const base = [teamId, query.deviceId, query.since, query.limit + (ctx.db.dialect === 'sqlite' ? 2 : 1)];
  const sql = PULL_SQL[ctx.db.dialect];
  const rows =
    caller.type === 'claims'
      ? await ctx.db.query<PullRow>(sql.user, [...base, caller.claims.sessionId, caller.claims.userId])
      : await ctx.db.query<PullRow>(sql.principal, base);
  const first = rows[0];
  if (!first || first.revision !== null) throw unauthorized();
  const principal: Principal =
    caller.type === 'claims' ? { type: 'user', userId: caller.claims.userId, teamId, role: first.role ?? 'member', sessionId: caller.claims.sessionId } : caller.principal;

  const records = rows.slice(1);
  const hasMore = records.length > query.limit;
  const page = hasMore ? records.slice(0, query.limit) : records;
  const parts: string[] = [];
  for (const r of page) {
    parts.push(`{"kind":${JSON.stringify(r.kind)},"id":${JSON.stringify(r.id)},"revision":${Number(r.revision)},"deleted":${Number(r.deleted) === 1},"data":${r.data},"updatedAt":${Number(r.updated_at)}}`);
  }
  const cursor = page.length > 0 ? Number(page[page.length - 1]!.revision) : query.since;

  const now = ctx.clock();
  const deviceCursor = first.device_cursor === null ? null : Number(first.device_cursor);
  if (deviceCursor !== query.since || Number(first.device_seen) < now - DEVICE_SEEN_REFRESH_MS) {
    await recordDeviceCursor(ctx, principal, query.deviceId, query.since, now);
  }
  return `{"changes":[${parts.join(',')}],"cursor":${cursor},"hasMore":${hasMore}}`;
}

/** The cursor a device confirmed by pulling `since` it, and when it was seen. */
async function recordDeviceCursor(ctx: ServerContext, principal: Principal, deviceId: string, cursor: number, now: number): Promise<void> {
  await ctx.db.execute(
    `INSERT INTO devices (team_id, device_id, actor_id, cursor, last_seen_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (team_id, device_id) DO UPDATE SET cursor = excluded.cursor, last_seen_at = excluded.last_seen_at, actor_id = excluded.actor_id`,
    [principal.teamId, deviceId, actorId(principal), cursor, now],
  );
}
