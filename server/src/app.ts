import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ServerContext } from './context';
import { ApiError } from './http/api-error';
import { buildOpenApi } from './http/openapi';
import { registerRoutes } from './http/register-routes';
import type { Route } from './http/route';
import { authRoutes } from './routes/auth-routes';
import { syncRoutes } from './routes/sync-routes';
import { systemRoutes } from './routes/system-routes';
import { teamRoutes } from './routes/team-routes';

export const SERVER_VERSION = '0.1.0';

/** Every route the server serves (besides `/openapi.json`), in one list: mounted, validated and documented from here. */
export const ROUTES: readonly Route[] = [...systemRoutes, ...authRoutes, ...teamRoutes, ...syncRoutes];

export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();

  // The extension calls from its own origin; auth is a bearer token, never a cookie, so any origin may call.
  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type', 'X-Setup-Token', 'X-Request-Id'], exposeHeaders: ['X-Request-Id', 'Retry-After'], maxAge: 600 }));

  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || crypto.randomUUID();
    c.header('X-Request-Id', requestId);
    await next();
    const fields = { reqId: requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
    if (c.res.status >= 500) ctx.logger.error('request', fields);
    else ctx.logger.debug('request', fields);
  });

  const openApi = buildOpenApi(ROUTES, SERVER_VERSION);
  app.get('/openapi.json', (c) => c.json(openApi));
  registerRoutes(app, ctx, ROUTES);

  app.notFound((c) => c.json({ error: { code: 'not-found', message: `No route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } }, error.status);
    }
    if (error instanceof HTTPException) return c.json({ error: { code: 'http-error', message: error.message } }, error.status);
    ctx.logger.error('unhandled error', { path: c.req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return c.json({ error: { code: 'internal', message: 'Internal server error' } }, 500);
  });
  return app;
}
