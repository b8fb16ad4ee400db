import type { Database, Dialect } from './database';

/**
 * Schema migrations, oldest first. Never edit an applied entry; append a new one. Each is a
 * list of statements, written once for both databases where the SQL agrees.
 */
export interface Migration {
  id: number;
  name: string;
  statements: (dialect: Dialect) => string[];
}

const bytes = (dialect: Dialect) => (dialect === 'postgres' ? 'BYTEA' : 'BLOB');

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'accounts, sync records, blobs',
    statements: (dialect) => [
      `CREATE TABLE server_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      // `revision` is the team's sync clock: the last revision handed out to one of its records.
      `CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, revision BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL)`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX users_team ON users (team_id)`,
      `CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL UNIQUE,
        email TEXT,
        role TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT,
        used_by TEXT,
        revoked_at BIGINT
      )`,
      `CREATE INDEX invites_team ON invites (team_id)`,
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        team_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      )`,
      `CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`,
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      )`,
      `CREATE INDEX api_tokens_team ON api_tokens (team_id)`,
      `CREATE TABLE records (
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        revision BIGINT NOT NULL,
        deleted SMALLINT NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        field_meta TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT NOT NULL,
        device_id TEXT NOT NULL,
        PRIMARY KEY (team_id, kind, id)
      )`,
      `CREATE UNIQUE INDEX records_team_revision ON records (team_id, revision)`,
      `CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        revision BIGINT NOT NULL,
        kept_value TEXT NOT NULL,
        discarded_value TEXT NOT NULL,
        kept_device TEXT NOT NULL,
        discarded_device TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX conflicts_team_revision ON conflicts (team_id, revision)`,
      `CREATE TABLE devices (
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        device_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        cursor BIGINT NOT NULL DEFAULT 0,
        last_seen_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, device_id)
      )`,
      `CREATE TABLE blobs (
        team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        content_type TEXT NOT NULL,
        byte_size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        data ${bytes(dialect)} NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (team_id, id)
      )`,
    ],
  },
];

/** Arbitrary constant: the PostgreSQL advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_412_031;

/**
 * Applies every migration not yet recorded, in one transaction. Several server instances may
 * start at once on one PostgreSQL: the advisory lock makes all but one wait, and they then
 * find nothing left to do.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(`CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((row) => Number(row.id)));
    const ran: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.id)) continue;
      for (const statement of migration.statements(tx.dialect)) await tx.execute(statement);
      await tx.execute('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [migration.id, migration.name, Date.now()]);
      ran.push(migration.id);
    }
    return ran;
  });
}

/** True when every known migration has been applied (used by `/ready`). */
export async function isMigrated(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
  return Number(rows[0]?.n ?? 0) >= MIGRATIONS.length;
}
