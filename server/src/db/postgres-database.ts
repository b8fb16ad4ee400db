import pg from 'pg';
import type { Database, Queryable, SqlValue } from './database';

const INT8_OID = 20;

/**
 * BIGINT columns (revisions, millisecond timestamps) arrive as strings by default; every value
 * the server stores stays far below 2^53, so numbers are exact and simpler to use.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  url: string;
  /** Schema to use instead of `public` (created if missing); tests use one schema each. */
  schema?: string;
  /** Pool size per server process (default 10). */
  maxConnections?: number;
}

/**
 * Statement names by SQL text. A named statement is parsed and planned once per connection and
 * then only bound and executed, which roughly halves the server's work for the short hot
 * queries. The server's SQL texts are a fixed set (values are always bound), so the map stays
 * small; the cap guards against a caller that builds SQL text dynamically.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `fm_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  const run = <Row extends pg.QueryResultRow>(sql: string, params: readonly SqlValue[]) =>
    client.query<Row>({ text: sql, values: params as unknown[], name: statementName(sql) });
  return {
    dialect: 'postgres',
    query: async <Row extends object>(sql: string, params: readonly SqlValue[] = []) => (await run<Row & pg.QueryResultRow>(sql, params)).rows as Row[],
    execute: async (sql: string, params: readonly SqlValue[] = []) => (await run(sql, params)).rowCount ?? 0,
  };
}

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: Queryable;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.direct = queryable(pool);
  }

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    if (options.schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
      throw new Error(`Invalid PostgreSQL schema name "${options.schema}"`);
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      types,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => console.error(JSON.stringify({ level: 'error', msg: 'postgres pool error', error: error.message })));
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    return new PostgresDatabase(pool);
  }

  query<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.direct.query<Row>(sql, params);
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.execute(sql, params);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
