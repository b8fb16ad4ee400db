import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../app';
import { TEST_DATABASES } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { TokenPair } from '../../../lib/sync/wire';

const INJECTIONS = [
  "'; DROP TABLE records; --",
  "' OR '1'='1",
  '1; DELETE FROM users WHERE 1=1',
  "Robert'); DROP TABLE teams;--",
  '$1 $2 ?',
  '\\x00 \u0000 null byte',
];

describe.each(TEST_DATABASES)('input validation on $name', (database) => {
  let server: TestServer;
  let owner: TokenPair;
  const push = (changes: unknown, token = owner.accessToken) => server.request('/v1/sync/push', { token, body: { deviceId: 'dev-1', changes } });

  beforeAll(async () => {
    if (database.unavailable) return;
    server = await startTestServer(database, { maxBodyBytes: 2 * 1024 * 1024, maxBlobBytes: 1024 });
    owner = await server.createTeam('Validation');
  });
  afterAll(async () => server?.dispose());

  it.skipIf(database.unavailable)('answers malformed JSON and missing bodies with 400 and a clear message', async () => {
    const broken = await server.request('/v1/auth/login', { body: '{"email": "a@b.c", ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toEqual({ code: 'invalid-json', message: 'The request body is not valid JSON' });
    const empty = await server.request('/v1/sync/push', { method: 'POST', token: owner.accessToken });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/JSON body/);
  });

  it.skipIf(database.unavailable)('rejects wrongly typed fields with the path of the problem', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['not an array', /changes/],
      [[], /changes/],
      [[{ kind: 'spaceship', id: 'x', baseRevision: 0, changedAt: 1, fields: {} }], /kind/],
      [[{ kind: 'case', id: 'x', baseRevision: -1, changedAt: 1, fields: {} }], /baseRevision/],
      [[{ kind: 'case', id: 'x', baseRevision: 0, changedAt: 1, fields: { title: 42 } }], /fields\.title/],
      [[{ kind: 'message', id: 'x', baseRevision: 0, changedAt: 1, fields: { role: 'root' } }], /fields\.role/],
      [[{ kind: 'case', id: 'has spaces', baseRevision: 0, changedAt: 1, fields: {} }], /id/],
    ];
    for (const [changes, path] of cases) {
      const res = await push(changes);
      expect(res.status, JSON.stringify(changes)).toBe(400);
      expect(res.json.error.code).toBe('invalid-input');
      expect(JSON.stringify(res.json.error.details)).toMatch(path);
    }
    const badQuery = await server.request('/v1/sync/pull?deviceId=d&since=1%20OR%201%3D1', { token: owner.accessToken });
    expect(badQuery.status).toBe(400);
    expect((await server.request('/v1/sync/pull?deviceId=d&limit=100000', { token: owner.accessToken })).status).toBe(400);
    expect((await server.request('/v1/auth/login', { body: { email: 'not-an-email', password: 'x' } })).status).toBe(400);
    expect((await server.request('/v1/teams', { body: { teamName: 'T', email: 'short@example.com', password: 'short', displayName: 'S' }, headers: { 'x-setup-token': 'x' } })).json.error.message).toMatch(/10 characters/);
  });

  it.skipIf(database.unavailable)('refuses oversized bodies, records and blobs', async () => {
    const hugeBody = JSON.stringify({ deviceId: 'd', changes: [{ kind: 'case', id: 'big', baseRevision: 0, changedAt: 1, fields: { title: 'x', notes: 'y'.repeat(3 * 1024 * 1024) } }] });
    const huge = await postEarlyAnswer(`${server.url}/v1/sync/push`, owner.accessToken, hugeBody);
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.text).error.code).toBe('too-large');
    const bigRecord = await push([{ kind: 'evidence', id: 'big', baseRevision: 0, changedAt: 1, fields: { text: 'z'.repeat(1_100_000) } }]);
    expect(bigRecord.status).toBe(400);
    expect(bigRecord.json.error.message).toMatch(/at most 1000000 characters/);
    const bigBlob = await server.request('/v1/blobs/too-big', { method: 'PUT', token: owner.accessToken, rawBody: new Uint8Array(2048), headers: { 'content-type': 'image/png' } });
    expect(bigBlob.status).toBe(413);
    const tooMany = await push(Array.from({ length: 201 }, (_, i) => ({ kind: 'case', id: `c${i}`, baseRevision: 0, changedAt: 1, fields: {} })));
    expect(tooMany.status).toBe(400);
  });

  it.skipIf(database.unavailable)('stores SQL-injection strings as plain text and keeps every table intact', async () => {
    const changes = INJECTIONS.map((text, i) => ({ kind: 'case', id: `inj-${i}`, baseRevision: 0, changedAt: 1, fields: { title: text, status: text } }));
    expect((await push(changes)).status).toBe(200);
    const pulled = await server.request('/v1/sync/pull?deviceId=dev-1', { token: owner.accessToken });
    const titles = pulled.json.changes.filter((c: { id: string }) => c.id.startsWith('inj-')).map((c: { data: { title: string } }) => c.data.title);
    expect(titles).toEqual(INJECTIONS);

    for (const text of INJECTIONS) {
      expect((await server.request('/v1/auth/login', { body: { email: text, password: text } })).status).toBe(400);
      expect((await server.request(`/v1/blobs/${encodeURIComponent(text)}`, { token: owner.accessToken })).status).toBe(400);
      expect((await server.request(`/v1/sync/pull?deviceId=${encodeURIComponent(text)}`, { token: owner.accessToken })).status).toBe(400);
    }
    const sneakyEmail = "x'OR'1'='1@example.com";
    expect((await server.request('/v1/auth/login', { body: { email: sneakyEmail, password: "' OR '1'='1" } })).status).toBe(401);
    const team = await server.request('/v1/teams', { body: { teamName: INJECTIONS[0], email: 'inj@example.com', password: 'a long test password', displayName: INJECTIONS[3] }, headers: { 'x-setup-token': 'test-setup-token' } });
    expect(team.status).toBe(201);
    expect(team.json.team.name).toBe(INJECTIONS[0]);
    // Everything still works: the tables the strings named are still there.
    expect((await server.request('/v1/team/members', { token: owner.accessToken })).json.members).toHaveLength(1);
    expect((await server.request('/v1/auth/login', { body: { email: owner.user.email, password: 'a long test password' } })).status).toBe(200);
  });

  it.skipIf(database.unavailable)('answers unknown routes with a JSON 404', async () => {
    const res = await server.request('/v1/nothing-here', { token: owner.accessToken });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not-found');
  });

  it.skipIf(database.unavailable)('serves health, readiness and an OpenAPI document describing every route', async () => {
    expect((await server.request('/health')).json).toEqual({ status: 'ok' });
    expect((await server.request('/ready')).json).toEqual({ status: 'ready', database: database.name });
    const doc = (await server.request('/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const pushBody = doc.paths['/v1/sync/push'].post.requestBody.content['application/json'].schema;
    expect(pushBody.properties.changes.type).toBe('array');
    expect(doc.paths['/v1/sync/pull'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['deviceId', 'since', 'limit']);
    expect(res404(doc)).toBe(true);
  });

  it.skipIf(database.unavailable)('reports not ready when the database is gone', async () => {
    const doomed = await startTestServer(database);
    try {
      await doomed.ctx.db.close();
      const res = await doomed.request('/ready');
      expect(res.status).toBe(503);
      expect(res.json.status).toBe('not-ready');
    } finally {
      await doomed.close();
    }
  });
});

/**
 * The server answers 413 as soon as it sees the Content-Length, before the body is sent;
 * fetch gives up on such a connection, so this uses node:http, which reads the early answer.
 */
function postEarlyAnswer(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

/** Every authenticated route documents its 401. */
function res404(doc: { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> }): boolean {
  return Object.values(doc.paths).every((ops) => Object.values(ops).every((op) => op.security || op.responses['401']));
}
