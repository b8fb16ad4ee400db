import { parseArgs } from 'node:util';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/passwords';
import { isLogLevel, type LogLevel } from './logger';

export interface ServerConfig {
  /** SQLite file path (`:memory:` for none) or a `postgres://` URL. */
  database: string;
  /** PostgreSQL schema (default `public`); lets tests and side-by-side deployments share one database. */
  databaseSchema?: string;
  /** PostgreSQL connections per server process. */
  databasePoolSize: number;
  /** Server processes sharing the port (node:cluster); 1 runs in this process. */
  workers: number;
  host: string;
  port: number;
  /** HS256 key shared by every instance; generated once and kept in the database when not given. */
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  inviteTtlSeconds: number;
  /** Lets a caller create additional teams (`X-Setup-Token`); without it only the first team can be created. */
  setupToken?: string;
  maxBodyBytes: number;
  maxBlobBytes: number;
  authRateLimit: { capacity: number; perMinute: number };
  /** Take the client address from `X-Forwarded-For` (only behind a proxy you run). */
  trustProxy: boolean;
  logLevel: LogLevel;
  passwordCost: ScryptCost;
}

export const DEFAULT_CONFIG: ServerConfig = {
  database: './faultmaven.db',
  databasePoolSize: 10,
  workers: 1,
  host: '127.0.0.1',
  port: 8790,
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  inviteTtlSeconds: 7 * 24 * 3600,
  maxBodyBytes: 4 * 1024 * 1024,
  maxBlobBytes: 8 * 1024 * 1024,
  authRateLimit: { capacity: 10, perMinute: 10 },
  trustProxy: false,
  logLevel: 'info',
  passwordCost: DEFAULT_SCRYPT_COST,
};

const HELP = `faultmaven server: team sync for the FaultMaven extension

  npm run server -- [options]

  --data FILE            SQLite data file (default ./faultmaven.db)
  --database-url URL     PostgreSQL instead of SQLite (env DATABASE_URL)
  --database-schema NAME PostgreSQL schema instead of public (env FM_DATABASE_SCHEMA)
  --db-pool N            PostgreSQL connections per process (default 10)
  --workers N            server processes sharing the port, PostgreSQL only (default 1; env FM_WORKERS)
  --host HOST            listen address (default 127.0.0.1; env HOST)
  --port PORT            listen port (default 8790; env PORT)
  --jwt-secret SECRET    token signing key shared by all instances (env FM_JWT_SECRET)
  --setup-token TOKEN    allows creating more teams with X-Setup-Token (env FM_SETUP_TOKEN)
  --trust-proxy          read client addresses from X-Forwarded-For
  --log-level LEVEL      debug | info | warn | error | silent (env LOG_LEVEL)
  --max-blob-mb N        largest evidence blob accepted (default 8)
  --help
`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Command-line flags win over environment variables, which win over defaults. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | { help: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'database-schema': { type: 'string' },
      'db-pool': { type: 'string' },
      workers: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'jwt-secret': { type: 'string' },
      'setup-token': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'log-level': { type: 'string' },
      'max-blob-mb': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return { help: HELP };
  const database = values['database-url'] ?? env.DATABASE_URL ?? values.data ?? DEFAULT_CONFIG.database;
  const workers = positiveInt('--workers', values.workers ?? env.FM_WORKERS, DEFAULT_CONFIG.workers);
  // better-sqlite3 waits for another process's write lock synchronously, stalling every request
  // of the waiting worker; one process already serves SQLite's share of the load.
  if (workers > 1 && !/^postgres(ql)?:\/\//i.test(database)) throw new Error('--workers needs PostgreSQL (--database-url); with SQLite run one process');
  const logLevel = values['log-level'] ?? env.LOG_LEVEL ?? DEFAULT_CONFIG.logLevel;
  if (!isLogLevel(logLevel)) throw new Error(`Unknown log level "${logLevel}"`);
  const jwtSecret = values['jwt-secret'] ?? env.FM_JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret.length < 32) throw new Error('The JWT secret needs at least 32 characters');
  return {
    ...DEFAULT_CONFIG,
    database,
    databaseSchema: values['database-schema'] ?? env.FM_DATABASE_SCHEMA,
    databasePoolSize: positiveInt('--db-pool', values['db-pool'], DEFAULT_CONFIG.databasePoolSize),
    workers,
    host: values.host ?? env.HOST ?? DEFAULT_CONFIG.host,
    port: positiveInt('--port', values.port ?? env.PORT, DEFAULT_CONFIG.port),
    jwtSecret,
    setupToken: values['setup-token'] ?? env.FM_SETUP_TOKEN,
    trustProxy: values['trust-proxy'] ?? false,
    logLevel,
    maxBlobBytes: positiveInt('--max-blob-mb', values['max-blob-mb'], DEFAULT_CONFIG.maxBlobBytes / 1024 / 1024) * 1024 * 1024,
  };
}
