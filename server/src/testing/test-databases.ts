import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { PostgresDatabase } from '../db/postgres-database';
import { SqliteDatabase } from '../db/sqlite-database';

/**
 * The databases every server test runs against. PostgreSQL comes from `FM_TEST_PG_URL`
 * (`.ci/run` starts one; locally: `eval "$(bash server/scripts/test-postgres.sh start)"`).
 * On CI a missing URL fails the suite instead of skipping it, so the PostgreSQL half cannot
 * silently stop running.
 */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** True when this database cannot run here (local runs without PostgreSQL only). */
  unavailable: boolean;
  /** A fresh, empty database (PostgreSQL: a new schema), and how to dispose of it. */
  open(): Promise<{ db: Database; schema?: string; dispose(): Promise<void> }>;
}

export const PG_URL = process.env.FM_TEST_PG_URL;
const onCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

if (!PG_URL && !onCi) {
  console.warn('FM_TEST_PG_URL is not set: PostgreSQL server tests are skipped (eval "$(bash server/scripts/test-postgres.sh start)" to run them)');
}

export function freshSchemaName(): string {
  return `fm_t_${randomBytes(6).toString('hex')}`;
}

export const TEST_DATABASES: TestDatabase[] = [
  {
    name: 'sqlite',
    unavailable: false,
    open: async () => {
      const db = new SqliteDatabase(':memory:');
      return { db, dispose: () => db.close() };
    },
  },
  {
    name: 'postgres',
    unavailable: !PG_URL && !onCi,
    open: async () => {
      if (!PG_URL) throw new Error('FM_TEST_PG_URL is not set, but CI must run the PostgreSQL tests (see .ci/run)');
      const schema = freshSchemaName();
      const db = await PostgresDatabase.open({ url: PG_URL, schema });
      return {
        db,
        schema,
        dispose: async () => {
          await db.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  },
];
