import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { PostgresDatabase } from '../db/postgres-database';
import { startServer } from '../start-server';
import { freshSchemaName, PG_URL, TEST_DATABASES } from '../testing/test-databases';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/test-server';
import type { PullResponse, PushResponse, ServerRecord, TokenPair } from '../../../lib/sync/wire';

describe.each(TEST_DATABASES)('sync API on $name', (database) => {
  let server: TestServer;
  let owner: TokenPair;
  let member: TokenPair;

  beforeAll(async () => {
    if (database.unavailable) return;
    server = await startTestServer(database);
    owner = await server.createTeam('Sync');
    member = await server.addMember(owner, 'sync-member@example.com');
  });
  afterAll(async () => server?.dispose());

  const push = async (token: string, deviceId: string, changes: unknown[]): Promise<PushResponse> => {
    const res = await server.request('/v1/sync/push', { token, body: { deviceId, changes } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };
  const pullAll = async (token: string, deviceId: string, since = 0, limit = 500): Promise<{ changes: ServerRecord[]; cursor: number; pages: number }> => {
    const changes: ServerRecord[] = [];
    let cursor = since;
    let pages = 0;
    for (;;) {
      const res = await server.request(`/v1/sync/pull?deviceId=${deviceId}&since=${cursor}&limit=${limit}`, { token });
      expect(res.status).toBe(200);
      const page = res.json as PullResponse;
      changes.push(...page.changes);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) return { changes, cursor, pages };
    }
  };

  it.skipIf(database.unavailable)('assigns increasing revisions and pulls changes after a cursor, page by page', async () => {
    const first = await push(owner.accessToken, 'laptop', [
      { kind: 'case', id: 'case-1', baseRevision: 0, changedAt: 100, fields: { title: 'Checkout latency', severity: 'sev2', createdAt: 100, updatedAt: 100 } },
      { kind: 'message', id: 'msg-1', baseRevision: 0, changedAt: 101, fields: { caseId: 'case-1', role: 'user', content: 'p99 is 4x', status: 'complete', createdAt: 101, updatedAt: 101 } },
      { kind: 'knowledge-document', id: 'kb-1', baseRevision: 0, changedAt: 102, fields: { title: 'Postgres runbook', source: 'upload', tier: 'user', tags: ['db'], chunks: [{ ordinal: 0, heading: 'Locks', text: 'Check pg_locks' }] } },
    ]);
    const revisions = first.results.map((r) => r.revision);
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    expect(new Set(revisions).size).toBe(3);
    expect(first.results.every((r) => r.outcome === 'applied')).toBe(true);

    const all = await pullAll(member.accessToken, 'phone', 0, 2);
    expect(all.pages).toBe(2);
    expect(all.changes.map((c) => c.id)).toEqual(['case-1', 'msg-1', 'kb-1']);
    expect(all.cursor).toBe(revisions[2]);
    expect((await pullAll(member.accessToken, 'phone', all.cursor)).changes).toEqual([]);

    const edit = await push(member.accessToken, 'phone', [{ kind: 'case', id: 'case-1', baseRevision: revisions[0]!, changedAt: 200, fields: { severity: 'sev1' } }]);
    expect(edit.results[0]!.data).toMatchObject({ title: 'Checkout latency', severity: 'sev1' });
    const after = await pullAll(owner.accessToken, 'laptop', all.cursor);
    expect(after.changes).toHaveLength(1);
    expect(after.changes[0]!.data.severity).toBe('sev1');
  });

  it.skipIf(database.unavailable)('records concurrent edits of one field and serves them from /v1/sync/conflicts', async () => {
    const created = await push(owner.accessToken, 'laptop', [{ kind: 'hypothesis', id: 'h-1', baseRevision: 0, changedAt: 1000, fields: { caseId: 'case-1', statement: 'Connection pool exhausted', likelihood: 0.5, status: 'active' } }]);
    const base = created.results[0]!.revision;
    await push(owner.accessToken, 'laptop', [{ kind: 'hypothesis', id: 'h-1', baseRevision: base, changedAt: 3000, fields: { likelihood: 0.8 } }]);
    const late = await push(member.accessToken, 'phone', [{ kind: 'hypothesis', id: 'h-1', baseRevision: base, changedAt: 2000, fields: { likelihood: 0.2, status: 'refuted' } }]);
    expect(late.results[0]!.outcome).toBe('merged');
    expect(late.results[0]!.data).toMatchObject({ likelihood: 0.8, status: 'refuted' });
    const conflicts = (await server.request('/v1/sync/conflicts', { token: member.accessToken })).json.conflicts;
    expect(conflicts).toContainEqual(expect.objectContaining({ kind: 'hypothesis', recordId: 'h-1', field: 'likelihood', keptValue: 0.8, discardedValue: 0.2, keptDevice: 'laptop', discardedDevice: 'phone' }));
  });

  it.skipIf(database.unavailable)("keeps each device's cursor", async () => {
    const cursor = (await pullAll(member.accessToken, 'tablet')).cursor;
    await server.request(`/v1/sync/pull?deviceId=tablet&since=${cursor}`, { token: member.accessToken });
    const devices = (await server.request('/v1/sync/devices', { token: owner.accessToken })).json;
    expect(devices.devices.find((d: { deviceId: string }) => d.deviceId === 'tablet')).toMatchObject({ cursor, actorId: member.user.id });
    expect(devices.revision).toBeGreaterThanOrEqual(cursor);
  });

  it.skipIf(database.unavailable)('stores evidence blobs once per id and returns the same bytes', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2]);
    const put = await server.request('/v1/blobs/ev-1-image', { method: 'PUT', token: owner.accessToken, rawBody: bytes, headers: { 'content-type': 'image/png' } });
    expect(put.json).toMatchObject({ id: 'ev-1-image', byteSize: 8, created: true });
    const again = await server.request('/v1/blobs/ev-1-image', { method: 'PUT', token: member.accessToken, rawBody: bytes, headers: { 'content-type': 'image/png' } });
    expect(again.json.created).toBe(false);
    const different = await server.request('/v1/blobs/ev-1-image', { method: 'PUT', token: owner.accessToken, rawBody: new Uint8Array([1]), headers: { 'content-type': 'image/png' } });
    expect(different.status).toBe(409);
    const got = await server.request('/v1/blobs/ev-1-image', { token: member.accessToken });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect([...got.bytes]).toEqual([...bytes]);
  });

  it.skipIf(database.unavailable)('publishes its blob limit and refuses larger evidence content with a clear 413', async () => {
    const small = await startTestServer(database, { maxBlobBytes: 1000 });
    try {
      const team = await small.createTeam('Limits');
      expect((await small.request('/v1/sync/limits', { token: team.accessToken })).json).toMatchObject({ maxBlobBytes: 1000, maxPushChanges: 200 });
      const res = await small.request('/v1/blobs/too-big', { method: 'PUT', token: team.accessToken, rawBody: new Uint8Array(1001), headers: { 'content-type': 'image/png' } });
      expect(res.status).toBe(413);
      expect(res.json.error.message).toMatch(/Evidence content may be at most 0\.0 MB on this server \(its --max-blob-mb setting\)/);
      expect((await small.request('/v1/blobs/fits', { method: 'PUT', token: team.accessToken, rawBody: new Uint8Array(1000), headers: { 'content-type': 'image/png' } })).status).toBe(200);
      expect((await small.request('/v1/blobs/too-big', { token: team.accessToken })).status).toBe(404);
    } finally {
      await small.dispose();
    }
  });

  it.skipIf(database.unavailable)('never lets a puller skip a record while others push concurrently', async () => {
    const team = await server.createTeam('Concurrency');
    const seen = new Map<string, number>();
    let cursor = 0;
    let pushing = true;
    const puller = (async () => {
      while (pushing || cursor < (await server.request('/v1/sync/devices', { token: team.accessToken })).json.revision) {
        const page = (await server.request(`/v1/sync/pull?deviceId=watcher&since=${cursor}&limit=50`, { token: team.accessToken })).json as PullResponse;
        for (const change of page.changes) seen.set(change.id, change.revision);
        cursor = page.cursor;
      }
    })();
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          await push(team.accessToken, `writer-${w}`, [
            { kind: 'message', id: `w${w}-m${i}`, baseRevision: 0, changedAt: i, fields: { caseId: 'c', role: 'user', content: `writer ${w} message ${i}`, status: 'complete' } },
          ]);
        }
      })(),
    );
    await Promise.all(writers);
    pushing = false;
    await puller;
    expect(seen.size).toBe(80);
    const revisions = [...seen.values()].sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });
});

describe.skipIf(TEST_DATABASES[1]!.unavailable)('several server instances on one PostgreSQL', () => {
  it('share sign-ins, revocations and data', async () => {
    if (!PG_URL) throw new Error('FM_TEST_PG_URL is not set, but CI must run the PostgreSQL tests (see .ci/run)');
    const schema = freshSchemaName();
    const admin = await PostgresDatabase.open({ url: PG_URL!, schema });
    const config = { database: PG_URL!, databaseSchema: schema, port: 0, passwordCost: { logN: 10, r: 8, p: 1 }, logLevel: 'silent' as const };
    // Both start at once: migrations must not collide.
    const [one, two] = await Promise.all([startServer(config, { logger: createLogger('silent') }), startServer(config, { logger: createLogger('silent') })]);
    try {
      const call = async (base: string, path: string, init: { token?: string; body?: unknown } = {}) => {
        const res = await fetch(`${base}${path}`, {
          method: init.body ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
          body: init.body ? JSON.stringify(init.body) : undefined,
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads fields directly
        return { status: res.status, json: (res.status === 204 ? null : await res.json()) as any };
      };
      const created = await call(one.url, '/v1/teams', { body: { teamName: 'Shared', email: 'shared@example.com', password: TEST_PASSWORD, displayName: 'S' } });
      expect(created.status).toBe(201);
      const tokens = created.json as TokenPair;
      expect((await call(two.url, '/v1/me', { token: tokens.accessToken })).status).toBe(200);
      await call(one.url, '/v1/sync/push', { token: tokens.accessToken, body: { deviceId: 'd1', changes: [{ kind: 'case', id: 'lb-case', baseRevision: 0, changedAt: 1, fields: { title: 'via instance one' } }] } });
      const pulled = await call(two.url, '/v1/sync/pull?deviceId=d2', { token: tokens.accessToken });
      expect(pulled.json.changes[0].data.title).toBe('via instance one');
      const refreshed = await call(two.url, '/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
      expect(refreshed.status).toBe(200);
      expect((await call(one.url, '/v1/auth/refresh', { body: { refreshToken: tokens.refreshToken } })).status).toBe(401);
      expect((await call(two.url, '/v1/me', { token: refreshed.json.accessToken })).status).toBe(401);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await admin.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    }
  });
});
