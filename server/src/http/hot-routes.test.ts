import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { TEST_DATABASES } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { TokenPair } from '../../../lib/sync/wire';

describe.each(TEST_DATABASES)('hot routes (pull, health) on $name', (database) => {
  let server: TestServer;
  let owner: TokenPair;

  beforeAll(async () => {
    if (database.unavailable) return;
    server = await startTestServer(database);
    owner = await server.createTeam('Hot');
    const changes = Array.from({ length: 3 }, (_, i) => ({ kind: 'case', id: `c-${i}`, baseRevision: 0, changedAt: i, fields: { title: `case "${i}" \u2713`, status: 'open' } }));
    expect((await server.request('/v1/sync/push', { token: owner.accessToken, body: { deviceId: 'seed', changes } })).status).toBe(200);
  });
  afterAll(async () => server?.dispose());

  /** The same request through the router (Fetch Request/Response), bypassing the node:http fast path. */
  const routed = async (path: string, token?: string) => {
    const response = await createApp(server.ctx).request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  it.skipIf(database.unavailable)('answers a pull exactly as the routed version does, records spliced from stored JSON', async () => {
    for (const query of ['deviceId=a&since=0', 'deviceId=a&since=1&limit=1', 'deviceId=a&since=3', 'deviceId=a&limit=0', 'since=0']) {
      const fast = await server.request(`/v1/sync/pull?${query}`, { token: owner.accessToken });
      const slow = await routed(`/v1/sync/pull?${query}`, owner.accessToken);
      expect(fast.status, query).toBe(slow.status);
      expect(fast.json, query).toEqual(JSON.parse(slow.text));
      expect(fast.headers.get('access-control-allow-origin')).toBe('*');
      expect(fast.headers.get('x-request-id')).toBeTruthy();
    }
    const page = await server.request('/v1/sync/pull?deviceId=a&since=1&limit=1', { token: owner.accessToken });
    expect(page.json).toEqual({ changes: [expect.objectContaining({ kind: 'case', id: 'c-1', revision: 2, deleted: false, data: expect.objectContaining({ title: 'case "1" \u2713' }) })], cursor: 2, hasMore: true });
    expect((await server.request('/v1/sync/pull?deviceId=a&since=3', { token: owner.accessToken })).json).toEqual({ changes: [], cursor: 3, hasMore: false });
  });

  it.skipIf(database.unavailable)('refuses missing, forged and revoked tokens on the fast path', async () => {
    expect((await server.request('/v1/sync/pull?deviceId=a')).status).toBe(401);
    expect((await server.request('/v1/sync/pull?deviceId=a', { token: `${owner.accessToken}x` })).status).toBe(401);
    const member = await server.addMember(owner, `hot-${crypto.randomUUID().slice(0, 6)}@example.com`);
    expect((await server.request('/v1/sync/pull?deviceId=m', { token: member.accessToken })).status).toBe(200);
    expect((await server.request('/v1/auth/logout', { token: member.accessToken, body: { refreshToken: member.refreshToken } })).status).toBeLessThan(300);
    const after = await server.request('/v1/sync/pull?deviceId=m', { token: member.accessToken });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthorized');
  });

  it.skipIf(database.unavailable)('records the cursor a device confirmed, and does not write while a device polls with nothing new', async () => {
    await server.request('/v1/sync/pull?deviceId=poller&since=2', { token: owner.accessToken });
    const devices = async () => (await server.request('/v1/sync/devices', { token: owner.accessToken })).json.devices as Array<{ deviceId: string; cursor: number; lastSeenAt: number }>;
    const first = (await devices()).find((d) => d.deviceId === 'poller')!;
    expect(first.cursor).toBe(2);
    server.advance(1_000);
    await server.request('/v1/sync/pull?deviceId=poller&since=2', { token: owner.accessToken });
    expect((await devices()).find((d) => d.deviceId === 'poller')!.lastSeenAt).toBe(first.lastSeenAt);
    server.advance(61_000);
    await server.request('/v1/sync/pull?deviceId=poller&since=3', { token: owner.accessToken });
    const moved = (await devices()).find((d) => d.deviceId === 'poller')!;
    expect(moved.cursor).toBe(3);
    expect(moved.lastSeenAt).toBeGreaterThan(first.lastSeenAt);
  });

  it.skipIf(database.unavailable)('serves /health on the fast path and leaves other routes to the router', async () => {
    const health = await server.request('/health');
    expect(health).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect((await server.request('/v1/sync/pullx?deviceId=a', { token: owner.accessToken })).status).toBe(404);
    expect((await server.request('/ready')).json).toMatchObject({ status: 'ready' });
  });
});
