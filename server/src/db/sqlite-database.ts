import BetterSqlite3 from 'better-sqlite3';
import type { Database, Queryable, SqlValue } from './database';

/**
 * `$1…$n` → `?` with the parameters re-ordered to match, because better-sqlite3 binds
 * positional `?` only. A placeholder may repeat (`$1` twice) and appear out of order.
 */
export function toSqliteStatement(sql: string, params: readonly SqlValue[]): { sql: string; params: unknown[] } {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_match, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= params.length) throw new Error(`SQL placeholder $${digits} has no parameter`);
    const value = params[index];
    ordered.push(typeof value === 'boolean' ? Number(value) : value);
    return '?';
  });
  return { sql: text, params: ordered };
}

/**
 * Serialises access to the one SQLite connection. better-sqlite3 is synchronous, but a
 * transaction body is async: without this lock another request's statement could run inside
 * someone else's open transaction and be rolled back with it.
 */
class AsyncLock {
  private busy = false;
  private readonly waiters: Array<() => void> = [];

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.busy) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.busy = true;
    try {
      return await work();
    } finally {
      // Hand the lock straight to the next waiter (busy stays true) so nobody slips in between.
      const next = this.waiters.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}

export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private readonly db: BetterSqlite3.Database;
  private readonly lock = new AsyncLock();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(file: string) {
    this.db = new BetterSqlite3(file);
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private runQuery<Row>(sql: string, params: readonly SqlValue[]): Row[] {
    const converted = toSqliteStatement(sql, params);
    const statement = this.prepare(converted.sql);
    if (statement.reader) return statement.all(...converted.params) as Row[];
    statement.run(...converted.params);
    return [];
  }

  private runExecute(sql: string, params: readonly SqlValue[]): number {
    const converted = toSqliteStatement(sql, params);
    const statement = this.prepare(converted.sql);
    if (statement.reader) return statement.all(...converted.params).length;
    return statement.run(...converted.params).changes;
  }

  private readonly direct: Queryable = {
    dialect: 'sqlite',
    query: async <Row extends object>(sql: string, params: readonly SqlValue[] = []) => this.runQuery<Row>(sql, params),
    execute: async (sql: string, params: readonly SqlValue[] = []) => this.runExecute(sql, params),
  };

  query<Row extends object>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.lock.run(() => this.runQuery<Row>(sql, params));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.lock.run(() => this.runExecute(sql, params));
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    await this.lock.run(() => this.db.close());
  }
}
