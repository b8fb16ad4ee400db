import { defineRoute } from '../http/route';
import { isMigrated } from '../db/migrations';

export const systemRoutes = [
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness: the process answers',
    tag: 'system',
    access: 'public',
    responses: { 200: 'Alive' },
    handle: async () => ({ status: 'ok' }),
  }),
  defineRoute({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: the database answers and is migrated',
    tag: 'system',
    access: 'public',
    responses: { 200: 'Ready', 503: 'Not ready (database unreachable or not migrated)' },
    handle: async ({ ctx, c }) => {
      try {
        await ctx.db.ping();
        if (!(await isMigrated(ctx.db))) return c.json({ status: 'not-ready', reason: 'migrations pending' }, 503);
        return { status: 'ready', database: ctx.db.dialect };
      } catch (error) {
        ctx.logger.warn('readiness check failed', { error: error instanceof Error ? error.message : String(error) });
        return c.json({ status: 'not-ready', reason: 'database unreachable' }, 503);
      }
    },
  }),
];
