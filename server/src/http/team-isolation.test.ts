import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../app';
import { TEST_DATABASES } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { TokenPair } from '../../../lib/sync/wire';

/**
 * Every route, called with another team's token, must neither reveal nor change team A's
 * data. The table below must name every route the server has, so a new route cannot be
 * added without deciding how it is isolated.
 */
describe.each(TEST_DATABASES)('team isolation on $name', (database) => {
  let server: TestServer;
  let a: TokenPair;
  let aMember: TokenPair;
  let b: TokenPair;
  let aInvite: { id: string; code: string };
  let aApiToken: { id: string; token: string };
  const aSecretTitle = 'team A secret incident';

  beforeAll(async () => {
    if (database.unavailable) return;
    server = await startTestServer(database);
    a = await server.createTeam('Team A');
    aMember = await server.addMember(a, 'a-member@example.com');
    b = await server.createTeam('Team B');
    aInvite = (await server.request('/v1/team/invites', { token: a.accessToken, body: {} })).json;
    aApiToken = (await server.request('/v1/team/api-tokens', { token: a.accessToken, body: { name: 'a-ci' } })).json;
    const pushed = await server.request('/v1/sync/push', {
      token: a.accessToken,
      body: { deviceId: 'a-laptop', changes: [{ kind: 'case', id: 'shared-id', baseRevision: 0, changedAt: 1, fields: { title: aSecretTitle } }] },
    });
    expect(pushed.status).toBe(200);
    await server.request('/v1/sync/push', {
      token: a.accessToken,
      body: { deviceId: 'a-phone', changes: [{ kind: 'case', id: 'shared-id', baseRevision: 0, changedAt: 0, fields: { title: 'concurrent A edit' } }] },
    });
    for (const id of ['a-blob', 'a-only-blob']) {
      expect((await server.request(`/v1/blobs/${id}`, { method: 'PUT', token: a.accessToken, rawBody: 'A bytes', headers: { 'content-type': 'text/plain' } })).status).toBe(200);
    }
  });
  afterAll(async () => server?.dispose());

  const noTraceOfA = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of [a.team.id, a.user.id, aMember.user.id, aSecretTitle, 'a-laptop', 'a-phone', aInvite.id, aApiToken.id, 'A bytes']) {
      expect(text, `response leaks ${secret}`).not.toContain(secret);
    }
  };

  const CHECKS: Record<string, () => Promise<void>> = {
    'get /health': async () => noTraceOfA((await server.request('/health', { token: b.accessToken })).json),
    'get /ready': async () => noTraceOfA((await server.request('/ready', { token: b.accessToken })).json),
    // Public sign-in routes act on what their body names, never on the caller's token.
    'post /v1/teams': async () => {
      const res = await server.request('/v1/teams', { token: b.accessToken, body: { teamName: 'C', email: 'c@example.com', password: 'a long test password', displayName: 'C' } });
      expect(res.status).toBe(403);
    },
    'post /v1/auth/signup': async () => {
      const res = await server.request('/v1/auth/signup', { token: b.accessToken, body: { inviteCode: 'fmi_guessed-code-123', email: 'x@example.com', password: 'a long test password', displayName: 'X' } });
      expect(res.status).toBe(403);
    },
    'post /v1/auth/login': async () => {
      const res = await server.request('/v1/auth/login', { token: b.accessToken, body: { email: 'a-member@example.com', password: 'wrong password!' } });
      expect(res.status).toBe(401);
    },
    'post /v1/auth/refresh': async () => {
      const res = await server.request('/v1/auth/refresh', { token: b.accessToken, body: { refreshToken: b.accessToken.slice(0, 60) } });
      expect(res.status).toBe(401);
    },
    'post /v1/auth/logout': async () => {
      const other = await server.request('/v1/auth/refresh', { body: { refreshToken: b.refreshToken } });
      b = other.json;
      const spare = (await server.request('/v1/auth/login', { body: { email: b.user.email, password: 'a long test password' } })).json as TokenPair;
      expect((await server.request('/v1/auth/logout', { method: 'POST', token: spare.accessToken })).status).toBe(204);
      expect((await server.request('/v1/me', { token: a.accessToken })).status).toBe(200);
      expect((await server.request('/v1/me', { token: b.accessToken })).status).toBe(200);
    },
    'get /v1/me': async () => {
      const res = await server.request('/v1/me', { token: b.accessToken });
      expect(res.json.team.id).toBe(b.team.id);
      noTraceOfA(res.json);
    },
    'get /v1/team/members': async () => {
      const res = await server.request('/v1/team/members', { token: b.accessToken });
      expect(res.json.members.map((m: { id: string }) => m.id)).toEqual([b.user.id]);
      noTraceOfA(res.json);
    },
    'patch /v1/team/members/:userId': async () => {
      const res = await server.request(`/v1/team/members/${aMember.user.id}`, { method: 'PATCH', token: b.accessToken, body: { role: 'owner' } });
      expect(res.status).toBe(404);
      const members = (await server.request('/v1/team/members', { token: a.accessToken })).json.members;
      expect(members.find((m: { id: string }) => m.id === aMember.user.id).role).toBe('member');
    },
    'delete /v1/team/members/:userId': async () => {
      expect((await server.request(`/v1/team/members/${aMember.user.id}`, { method: 'DELETE', token: b.accessToken })).status).toBe(404);
      expect((await server.request('/v1/me', { token: aMember.accessToken })).status).toBe(200);
    },
    'post /v1/team/invites': async () => {
      const res = await server.request('/v1/team/invites', { token: b.accessToken, body: {} });
      expect(res.status).toBe(201);
      const aInvites = (await server.request('/v1/team/invites', { token: a.accessToken })).json.invites;
      expect(aInvites.map((i: { id: string }) => i.id)).not.toContain(res.json.id);
    },
    'get /v1/team/invites': async () => noTraceOfA((await server.request('/v1/team/invites', { token: b.accessToken })).json),
    'delete /v1/team/invites/:inviteId': async () => {
      expect((await server.request(`/v1/team/invites/${aInvite.id}`, { method: 'DELETE', token: b.accessToken })).status).toBe(404);
      const aInvites = (await server.request('/v1/team/invites', { token: a.accessToken })).json.invites;
      expect(aInvites.find((i: { id: string }) => i.id === aInvite.id).revokedAt).toBeNull();
    },
    'post /v1/team/api-tokens': async () => {
      const res = await server.request('/v1/team/api-tokens', { token: b.accessToken, body: { name: 'b-ci' } });
      expect(res.status).toBe(201);
      const pulled = await server.request('/v1/sync/pull?deviceId=b-ci', { token: res.json.token });
      noTraceOfA(pulled.json);
    },
    'get /v1/team/api-tokens': async () => noTraceOfA((await server.request('/v1/team/api-tokens', { token: b.accessToken })).json),
    'delete /v1/team/api-tokens/:tokenId': async () => {
      expect((await server.request(`/v1/team/api-tokens/${aApiToken.id}`, { method: 'DELETE', token: b.accessToken })).status).toBe(404);
      expect((await server.request('/v1/me', { token: aApiToken.token })).status).toBe(200);
    },
    'post /v1/sync/push': async () => {
      // Same kind and id as A's record: B gets its own record; A's is untouched.
      const res = await server.request('/v1/sync/push', {
        token: b.accessToken,
        body: { deviceId: 'b-laptop', changes: [{ kind: 'case', id: 'shared-id', baseRevision: 99, changedAt: 9e12, fields: { title: 'B overwrite attempt' } }] },
      });
      expect(res.status).toBe(200);
      noTraceOfA(res.json);
      const aView = await server.request('/v1/sync/pull?deviceId=a-laptop', { token: a.accessToken });
      expect(aView.json.changes[0].data.title).toBe(aSecretTitle);
    },
    'get /v1/sync/pull': async () => {
      const res = await server.request('/v1/sync/pull?deviceId=b-laptop&since=0', { token: b.accessToken });
      noTraceOfA(res.json);
    },
    'get /v1/sync/conflicts': async () => {
      const aConflicts = (await server.request('/v1/sync/conflicts', { token: a.accessToken })).json.conflicts;
      expect(aConflicts.length).toBeGreaterThan(0);
      noTraceOfA((await server.request('/v1/sync/conflicts', { token: b.accessToken })).json);
    },
    'get /v1/sync/devices': async () => noTraceOfA((await server.request('/v1/sync/devices', { token: b.accessToken })).json),
    'get /v1/sync/limits': async () => noTraceOfA((await server.request('/v1/sync/limits', { token: b.accessToken })).json),
    'get /v1/blobs/:blobId': async () => {
      expect((await server.request('/v1/blobs/a-only-blob', { token: b.accessToken })).status).toBe(404);
    },
    'put /v1/blobs/:blobId': async () => {
      const res = await server.request('/v1/blobs/a-blob', { method: 'PUT', token: b.accessToken, rawBody: 'B bytes', headers: { 'content-type': 'text/plain' } });
      expect(res.status).toBe(200);
      const aBlob = await server.request('/v1/blobs/a-blob', { token: a.accessToken });
      expect(new TextDecoder().decode(aBlob.bytes)).toBe('A bytes');
    },
  };

  it('covers every route of the server', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}`;
    it.skipIf(database.unavailable)(`${key} with team B's token leaves team A's data alone`, async () => {
      await CHECKS[key]!();
    });
  }
});
