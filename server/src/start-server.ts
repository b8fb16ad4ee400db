import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { AccessTokens } from './auth/access-tokens';
import { loadJwtKey } from './auth/jwt-key';
import { DEFAULT_CONFIG, type ServerConfig } from './config';
import type { ServerContext } from './context';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { openDatabase } from './db/open-database';
import { serveHotRoute } from './http/hot-routes';
import { RateLimiter } from './http/rate-limit';
import { createLogger, type Logger } from './logger';

export interface RunningServer {
  url: string;
  ctx: ServerContext;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this database instead of opening `config.database` (left open on close). */
  db?: Database;
  clock?: () => number;
  logger?: Logger;
}

/** Opens the database, applies migrations and builds the request context. */
export async function createContext(config: ServerConfig, options: StartOptions = {}): Promise<ServerContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = options.db ?? (await openDatabase(config.database, { schema: config.databaseSchema, maxConnections: config.databasePoolSize }));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info('migrations applied', { migrations: applied });
  const clock = options.clock ?? Date.now;
  return {
    db,
    config,
    logger,
    clock,
    accessTokens: new AccessTokens(await loadJwtKey(db, config.jwtSecret), config.accessTokenTtlSeconds, clock),
    authLimiter: new RateLimiter(config.authRateLimit.capacity, config.authRateLimit.perMinute, clock),
  };
}

/** Starts a server; `port: 0` picks a free port (tests, benchmarks). */
export async function startServer(partial: Partial<ServerConfig> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...partial };
  const ctx = await createContext(config, options);
  const app = createApp(ctx);
  const routed = getRequestListener(app.fetch);
  const server: Server = createServer((req, res) => {
    if (!serveHotRoute(ctx, req, res)) void routed(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  ctx.logger.info('listening', { url, database: ctx.db.dialect });
  return {
    url,
    ctx,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      });
      if (!options.db) await ctx.db.close();
    },
  };
}
