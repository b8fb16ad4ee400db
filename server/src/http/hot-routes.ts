import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../auth/sessions';
import type { ServerContext } from '../context';
import { pullJson, type PullCaller } from '../sync/pull-records';
import { pullQuerySchema } from '../../../lib/sync/wire';
import { ApiError, badRequest, unauthorized } from './api-error';

const PULL_PATH = '/v1/sync/pull';

const HEALTH_BODY = JSON.stringify({ status: 'ok' });

/**
 * The two routes polled all the time, `GET /v1/sync/pull` (every device) and `GET /health`
 * (load balancers), straight on `node:http` ahead of the router: building a Fetch `Request`
 * and `Response` for a pull cost more than its database read. Same query schema,
 * authentication, error format and headers as the routed versions in `routes/`, which stay
 * for the OpenAPI document and for tests that mount only the app.
 *
 * Returns false for any other request (the caller hands it to the router).
 */
export function serveHotRoute(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '';
  if (req.method !== 'GET') return false;
  const started = performance.now();
  const requestId = () => (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
  if (url === '/health') {
    send(ctx, res, requestId(), started, 200, HEALTH_BODY, '/health');
    return true;
  }
  if (!url.startsWith(PULL_PATH) || (url.length > PULL_PATH.length && url[PULL_PATH.length] !== '?')) return false;
  const id = requestId();
  servePull(ctx, req, url).then(
    (body) => send(ctx, res, id, started, 200, body, PULL_PATH),
    (error: unknown) => {
      if (error instanceof ApiError) {
        send(ctx, res, id, started, error.status, JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } }), PULL_PATH);
        return;
      }
      ctx.logger.error('unhandled error', { path: PULL_PATH, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      send(ctx, res, id, started, 500, JSON.stringify({ error: { code: 'internal', message: 'Internal server error' } }), PULL_PATH);
    },
  );
  return true;
}

async function servePull(ctx: ServerContext, req: IncomingMessage, url: string): Promise<string> {
  const header = req.headers.authorization;
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw unauthorized('Send "Authorization: Bearer <token>"');
  // Parsed like the router does (first value of each name), then the route's own schema.
  const query: Record<string, string> = {};
  const search = url.indexOf('?');
  if (search >= 0) {
    for (const [name, value] of new URLSearchParams(url.slice(search + 1))) if (!(name in query)) query[name] = value;
  }
  const parsed = pullQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw badRequest(`Invalid query: ${issues[0]!.path ? `${issues[0]!.path}: ` : ''}${issues[0]!.message}`, issues);
  }
  const token = match[1]!;
  let caller: PullCaller;
  if (token.startsWith('fmk_')) {
    caller = { type: 'principal', principal: await authenticate(ctx, header) };
  } else {
    const claims = await ctx.accessTokens.verify(token);
    if (!claims) throw unauthorized();
    caller = { type: 'claims', claims };
  }
  return pullJson(ctx, caller, parsed.data);
}

function send(ctx: ServerContext, res: ServerResponse, requestId: string, started: number, status: number, body: string, path: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'X-Request-Id,Retry-After',
    'x-request-id': requestId,
  });
  res.end(body);
  const fields = { reqId: requestId, method: 'GET', path, status, ms: Math.round((performance.now() - started) * 10) / 10 };
  if (status >= 500) ctx.logger.error('request', fields);
  else ctx.logger.debug('request', fields);
}
