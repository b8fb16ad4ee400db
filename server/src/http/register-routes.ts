import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { z } from 'zod';
import type { ServerContext } from '../context';
import { authenticate } from '../auth/sessions';
import { ApiError, badRequest, forbidden } from './api-error';
import { Reply, type Route } from './route';

function clientAddress(c: Context, ctx: ServerContext): string {
  if (ctx.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw badRequest(`Invalid ${where}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`, issues);
  }
  return result.data;
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest('The request needs a JSON body');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid-json', 'The request body is not valid JSON');
  }
}

/**
 * Mounts every route with the same pipeline: size limit → rate limit → authentication →
 * validation of params, query and body → handler. No route can skip validation, because a
 * route without a schema for some input receives `undefined` for it.
 */
export function registerRoutes(app: Hono, ctx: ServerContext, routes: readonly Route[]): void {
  for (const route of routes) {
    const maxSize = route.rawBody ? route.rawBody.maxBytes(ctx) : ctx.config.maxBodyBytes;
    const limit = bodyLimit({
      maxSize,
      onError: () => {
        // Blob uploads are the one limit a user meets in practice: say which setting sets it.
        if (route.rawBody) throw new ApiError(413, 'too-large', `Evidence content may be at most ${(maxSize / 1024 / 1024).toFixed(1)} MB on this server (its --max-blob-mb setting); this upload is larger`);
        throw new ApiError(413, 'too-large', `The request body exceeds ${maxSize} bytes`);
      },
    });
    app.on(route.method.toUpperCase(), route.path, limit, async (c) => {
      if (route.rateLimited) {
        const wait = ctx.authLimiter.take(`${route.path}|${clientAddress(c, ctx)}`);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw new ApiError(429, 'rate-limited', `Too many attempts; try again in ${wait} s`);
        }
      }
      const principal = route.access === 'public' ? undefined : await authenticate(ctx, c.req.header('authorization'));
      if (principal && route.access !== 'member' && principal.type !== 'user') throw forbidden('API tokens cannot do this; sign in as a person');
      if (principal && route.access === 'owner' && principal.role !== 'owner') throw forbidden('Only a team owner can do this');
      const params = route.params ? parse(route.params, c.req.param(), 'path') : undefined;
      const query = route.query ? parse(route.query, c.req.query(), 'query') : undefined;
      let body: unknown;
      if (route.body) body = parse(route.body, await readJson(c), 'body');
      else if (route.rawBody) {
        const type = c.req.header('content-type') ?? '';
        if (!type) throw badRequest('Send a Content-Type header');
        body = new Uint8Array(await c.req.arrayBuffer());
      }
      const result = await route.handle({ body, query, params, principal, ctx, c } as never);
      if (result instanceof Response) return result;
      if (result instanceof Reply) return c.json(result.body as object, result.status);
      if (result === undefined) return c.body(null, 204);
      return c.json(result as object);
    });
  }
}
