import type { Context } from 'hono';
import type { z } from 'zod';
import type { Principal, ServerContext } from '../context';

/**
 * Who may call a route:
 * - `public`: anyone (health, sign-in);
 * - `member`: any signed-in team member or API token;
 * - `user`: a signed-in person (not an API token);
 * - `owner`: a signed-in team owner (checked again by the service).
 */
export type Access = 'public' | 'member' | 'user' | 'owner';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<B extends Schema, Q extends Schema, P extends Schema, A extends Access> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  principal: A extends 'public' ? undefined : Principal;
  ctx: ServerContext;
  c: Context;
}

export interface Route<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema, A extends Access = Access> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono syntax, `/v1/team/invites/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  body?: B;
  query?: Q;
  params?: P;
  /** A raw (non-JSON) request body, e.g. blob uploads, with its own size limit. */
  rawBody?: { contentType: string; maxBytes: (ctx: ServerContext) => number };
  /** Counts against the per-address sign-in rate limit. */
  rateLimited?: boolean;
  /** Status → description, for the OpenAPI document. */
  responses: Record<number, string>;
  handle(input: RouteInput<B, Q, P, A>): Promise<unknown>;
}

/** Keeps each route's schemas and handler types tied together while routes live in one list. */
export function defineRoute<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined, A extends Access = Access>(
  route: Route<B, Q, P, A>,
): Route {
  return route as unknown as Route;
}

/** A handler's way to choose the status code of a JSON reply. */
export class Reply {
  constructor(
    readonly status: 200 | 201 | 202,
    readonly body: unknown,
  ) {}
}
