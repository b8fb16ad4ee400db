import type { Database } from './database';
import { PostgresDatabase } from './postgres-database';
import { SqliteDatabase } from './sqlite-database';

/**
 * `postgres://…` / `postgresql://…` opens PostgreSQL; anything else is a SQLite file path
 * (`:memory:` for a throwaway database).
 */
export async function openDatabase(location: string, options: { schema?: string; maxConnections?: number } = {}): Promise<Database> {
  if (/^postgres(ql)?:\/\//i.test(location)) return PostgresDatabase.open({ url: location, ...options });
  return new SqliteDatabase(location);
}
