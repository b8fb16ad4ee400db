/**
 * The little SQL surface the server needs, implemented for SQLite (`better-sqlite3`) and
 * PostgreSQL (`pg`). Statements are written once with PostgreSQL's `$1, $2…` placeholders;
 * the SQLite driver rewrites them. Values are always bound, never spliced into SQL text.
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

export interface Queryable {
  readonly dialect: Dialect;
  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a write and returns how many rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap round trip for `/ready`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `FOR UPDATE` where the database has row locks. SQLite serialises writers on the whole
 * database, so the clause is neither needed nor valid there.
 */
export function forUpdate(dialect: Dialect): string {
  return dialect === 'postgres' ? ' FOR UPDATE' : '';
}
