import { z } from 'zod';
import type { Route } from './route';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // `input`: describe what a client sends (before defaults and coercion are applied).
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const described = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (described.required ?? []).includes(name),
    schema: property,
  }));
}

/** The OpenAPI 3.1 description, generated from the same route list the server mounts. */
export function buildOpenApi(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, ch: string) => ch.toUpperCase())}`,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses: Object.fromEntries(
        Object.entries({
          ...route.responses,
          ...(route.body || route.query || route.params ? { 400: 'Invalid input (details in `error.details`)' } : {}),
          ...(route.access !== 'public' ? { 401: 'Missing, expired or revoked token', 403: 'Not allowed for this role' } : {}),
          ...(route.rateLimited ? { 429: 'Too many attempts from this address' } : {}),
        }).map(([status, description]) => [status, { description }]),
      ),
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } };
    if (route.rawBody) operation.requestBody = { required: true, content: { [route.rawBody.contentType]: { schema: { type: 'string', format: 'binary' } } } };
    (paths[path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'FaultMaven team sync',
      version,
      description:
        'Accounts, teams and sync of cases and knowledge documents for the FaultMaven extension. Errors are `{ "error": { "code", "message", "details"? } }`.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Access token (JWT) or API token (fmk_…)' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
