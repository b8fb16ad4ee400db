import { z } from 'zod';
import { defineRoute } from '../http/route';
import { listConflicts, listDevices, push } from '../sync/sync-service';
import { pullJson } from '../sync/pull-records';
import { getBlob, putBlob } from '../sync/blob-service';
import { MAX_PULL_LIMIT, MAX_PUSH_CHANGES, MAX_RECORD_JSON_CHARS, pullQuerySchema, pushRequestSchema, recordIdSchema } from '../../../lib/sync/wire';

export const syncRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/sync/push',
    summary: 'Push local changes (changed fields since a base revision); returns the merged server records',
    tag: 'sync',
    access: 'member',
    body: pushRequestSchema,
    responses: { 200: 'One result per change, in order', 400: 'Invalid change', 413: 'Body too large' },
    handle: async ({ ctx, principal, body }) => push(ctx, principal, body),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sync/pull',
    summary: "Records of the team changed after revision `since`, oldest first; pass back `cursor` next time",
    tag: 'sync',
    access: 'member',
    query: pullQuerySchema,
    responses: { 200: 'Changes, the next cursor, and whether more are waiting' },
    // Served by `http/hot-routes.ts` before the router sees it; this entry documents the route and serves it in tests that mount only the app.
    handle: async ({ ctx, principal, query, c }) => c.body(await pullJson(ctx, { type: 'principal', principal }, query), 200, { 'content-type': 'application/json' }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sync/conflicts',
    summary: 'Concurrent edits the server settled, with the value kept and the value set aside',
    tag: 'sync',
    access: 'member',
    query: z.object({ since: z.coerce.number().int().nonnegative().default(0), limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100) }),
    responses: { 200: 'Conflicts' },
    handle: async ({ ctx, principal, query }) => listConflicts(ctx, principal, query),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sync/devices',
    summary: "The team's devices with the cursor each has reached, and the team's current revision",
    tag: 'sync',
    access: 'member',
    responses: { 200: 'Devices' },
    handle: async ({ ctx, principal }) => listDevices(ctx, principal),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sync/limits',
    summary: "This server's size limits, so a client can hold back what would be refused instead of uploading it",
    tag: 'sync',
    access: 'member',
    responses: { 200: 'Limits' },
    handle: async ({ ctx }) => ({ maxBlobBytes: ctx.config.maxBlobBytes, maxRecordJsonChars: MAX_RECORD_JSON_CHARS, maxPushChanges: MAX_PUSH_CHANGES, maxPullLimit: MAX_PULL_LIMIT }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/blobs/:blobId',
    summary: 'Upload the binary content of evidence (size-limited; write-once per id)',
    tag: 'sync',
    access: 'member',
    params: z.object({ blobId: recordIdSchema }),
    rawBody: { contentType: 'application/octet-stream', maxBytes: (ctx) => ctx.config.maxBlobBytes },
    responses: { 200: 'Stored (or already stored with the same content)', 409: 'Another blob has this id', 413: 'Too large' },
    handle: async ({ ctx, principal, params, body, c }) => {
      const type = (c.req.header('content-type') ?? 'application/octet-stream').slice(0, 200);
      return putBlob(ctx, principal, params.blobId, type, body as unknown as Uint8Array);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/blobs/:blobId',
    summary: 'Download a blob of your team',
    tag: 'sync',
    access: 'member',
    params: z.object({ blobId: recordIdSchema }),
    responses: { 200: 'The bytes', 404: 'No such blob in this team' },
    handle: async ({ ctx, principal, params }) => {
      const blob = await getBlob(ctx, principal, params.blobId);
      return new Response(blob.bytes, { headers: { 'content-type': blob.contentType, 'cache-control': 'private, no-store' } });
    },
  }),
];
