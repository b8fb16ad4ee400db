import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/test-databases';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/test-server';

describe.each(TEST_DATABASES)('auth flows on $name', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    if (!database.unavailable) server = await startTestServer(database);
  });
  afterAll(async () => server?.dispose());

  it.skipIf(database.unavailable)('creates the first team without a setup token, later teams only with it', async () => {
    const fresh = await startTestServer(database, { setupToken: undefined });
    try {
      const first = await fresh.request('/v1/teams', { body: { teamName: 'First', email: 'first@example.com', password: TEST_PASSWORD, displayName: 'F' } });
      expect(first.status).toBe(201);
      expect(first.json.user).toMatchObject({ email: 'first@example.com', role: 'owner' });
      const second = await fresh.request('/v1/teams', { body: { teamName: 'Second', email: 'second@example.com', password: TEST_PASSWORD, displayName: 'S' } });
      expect(second.status).toBe(403);
      const guessed = await fresh.request('/v1/teams', { body: { teamName: 'Second', email: 'second@example.com', password: TEST_PASSWORD, displayName: 'S' }, headers: { 'x-setup-token': 'guess' } });
      expect(guessed.status).toBe(403);
    } finally {
      await fresh.dispose();
    }
  });

  it.skipIf(database.unavailable)('signs up by invite, once, for the invited email only, and rejects duplicate emails', async () => {
    const owner = await server.createTeam('Invites');
    const invite = await server.request('/v1/team/invites', { token: owner.accessToken, body: { email: 'Bob@Example.com' } });
    expect(invite.status).toBe(201);
    expect(invite.json.email).toBe('bob@example.com');
    const wrongEmail = await server.request('/v1/auth/signup', { body: { inviteCode: invite.json.code, email: 'eve@example.com', password: TEST_PASSWORD, displayName: 'Eve' } });
    expect(wrongEmail.status).toBe(403);
    const ok = await server.request('/v1/auth/signup', { body: { inviteCode: invite.json.code, email: 'bob@example.com', password: TEST_PASSWORD, displayName: 'Bob' } });
    expect(ok.status).toBe(201);
    expect(ok.json.user.role).toBe('member');
    expect(ok.json.team.id).toBe(owner.team.id);
    const again = await server.request('/v1/auth/signup', { body: { inviteCode: invite.json.code, email: 'bob@example.com', password: TEST_PASSWORD, displayName: 'Bob' } });
    expect(again.status).toBe(403);

    const open = await server.request('/v1/team/invites', { token: owner.accessToken, body: {} });
    const duplicate = await server.request('/v1/auth/signup', { body: { inviteCode: open.json.code, email: 'bob@example.com', password: TEST_PASSWORD, displayName: 'Bob 2' } });
    expect(duplicate.status).toBe(409);
    const bogus = await server.request('/v1/auth/signup', { body: { inviteCode: 'fmi_not-a-real-code', email: 'x@example.com', password: TEST_PASSWORD, displayName: 'X' } });
    expect(bogus.status).toBe(403);
  });

  it.skipIf(database.unavailable)('rejects expired and revoked invites', async () => {
    const owner = await server.createTeam('Expiry');
    const expiring = await server.request('/v1/team/invites', { token: owner.accessToken, body: {} });
    const revoked = await server.request('/v1/team/invites', { token: owner.accessToken, body: {} });
    expect((await server.request(`/v1/team/invites/${revoked.json.id}`, { method: 'DELETE', token: owner.accessToken })).status).toBe(204);
    const useRevoked = await server.request('/v1/auth/signup', { body: { inviteCode: revoked.json.code, email: 'r@example.com', password: TEST_PASSWORD, displayName: 'R' } });
    expect(useRevoked.status).toBe(403);
    server.advance(8 * 24 * 3600 * 1000);
    try {
      // The owner's access token has expired too by now: sign in again to check the invite list.
      const useExpired = await server.request('/v1/auth/signup', { body: { inviteCode: expiring.json.code, email: 'late@example.com', password: TEST_PASSWORD, displayName: 'Late' } });
      expect(useExpired.status).toBe(403);
    } finally {
      server.advance(-8 * 24 * 3600 * 1000);
    }
  });

  it.skipIf(database.unavailable)('logs in with the right password only, without telling which part was wrong', async () => {
    const owner = await server.createTeam('Login', 'login-owner@example.com');
    const ok = await server.request('/v1/auth/login', { body: { email: 'LOGIN-owner@example.com', password: TEST_PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(owner.user.id);
    const wrongPassword = await server.request('/v1/auth/login', { body: { email: 'login-owner@example.com', password: 'not the password' } });
    const unknownUser = await server.request('/v1/auth/login', { body: { email: 'nobody@example.com', password: 'not the password' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.json.error.message).toBe(unknownUser.json.error.message);
  });

  it.skipIf(database.unavailable)('expires access tokens, and a refresh gives a new working pair', async () => {
    const owner = await server.createTeam('Expiring');
    expect((await server.request('/v1/me', { token: owner.accessToken })).status).toBe(200);
    server.advance(16 * 60 * 1000);
    try {
      const expired = await server.request('/v1/me', { token: owner.accessToken });
      expect(expired.status).toBe(401);
      const refreshed = await server.request('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json.refreshToken).not.toBe(owner.refreshToken);
      expect((await server.request('/v1/me', { token: refreshed.json.accessToken })).status).toBe(200);
    } finally {
      server.advance(-16 * 60 * 1000);
    }
  });

  it.skipIf(database.unavailable)('expires refresh tokens after their lifetime', async () => {
    const owner = await server.createTeam('Old refresh');
    server.advance(31 * 24 * 3600 * 1000);
    try {
      expect((await server.request('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status).toBe(401);
    } finally {
      server.advance(-31 * 24 * 3600 * 1000);
    }
  });

  it.skipIf(database.unavailable)('rotates refresh tokens and revokes the session when a used one comes back', async () => {
    const owner = await server.createTeam('Rotation');
    const first = await server.request('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
    expect(first.status).toBe(200);
    const replay = await server.request('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.json.error.message).toMatch(/already used/);
    // The whole session is gone: the legitimately rotated tokens stop working too.
    expect((await server.request('/v1/auth/refresh', { body: { refreshToken: first.json.refreshToken } })).status).toBe(401);
    expect((await server.request('/v1/me', { token: first.json.accessToken })).status).toBe(401);
  });

  it.skipIf(database.unavailable)('logout revokes the access and refresh tokens of that sign-in only', async () => {
    const owner = await server.createTeam('Logout', 'logout@example.com');
    const other = await server.request('/v1/auth/login', { body: { email: 'logout@example.com', password: TEST_PASSWORD } });
    expect((await server.request('/v1/auth/logout', { method: 'POST', token: owner.accessToken })).status).toBe(204);
    expect((await server.request('/v1/me', { token: owner.accessToken })).status).toBe(401);
    expect((await server.request('/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status).toBe(401);
    expect((await server.request('/v1/me', { token: other.json.accessToken })).status).toBe(200);
  });

  it.skipIf(database.unavailable)('rejects forged, malformed and foreign-signed access tokens', async () => {
    const owner = await server.createTeam('Forgery');
    const [header, payload] = owner.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, team: 'another-team' })).toString('base64url')}.${owner.accessToken.split('.')[2]}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    for (const token of [tampered, unsigned, 'garbage', `${owner.accessToken}x`]) {
      expect((await server.request('/v1/me', { token })).status).toBe(401);
    }
    expect((await server.request('/v1/me', { headers: { authorization: `Basic ${owner.accessToken}` } })).status).toBe(401);
    expect((await server.request('/v1/me')).status).toBe(401);
  });

  it.skipIf(database.unavailable)('gives owners team administration and members none of it', async () => {
    const owner = await server.createTeam('Roles');
    const member = await server.addMember(owner, `member-${Date.now()}@example.com`);
    for (const [method, path, body] of [
      ['POST', '/v1/team/invites', {}],
      ['GET', '/v1/team/invites', undefined],
      ['POST', '/v1/team/api-tokens', { name: 'ci' }],
      ['GET', '/v1/team/api-tokens', undefined],
      ['PATCH', `/v1/team/members/${owner.user.id}`, { role: 'member' }],
      ['DELETE', `/v1/team/members/${owner.user.id}`, undefined],
    ] as const) {
      expect((await server.request(path, { method, token: member.accessToken, body })).status, `${method} ${path}`).toBe(403);
    }
    expect((await server.request('/v1/team/members', { token: member.accessToken })).json.members).toHaveLength(2);
    // The last owner cannot step down or leave; promoting someone else first makes it possible.
    expect((await server.request(`/v1/team/members/${owner.user.id}`, { method: 'PATCH', token: owner.accessToken, body: { role: 'member' } })).status).toBe(409);
    expect((await server.request(`/v1/team/members/${member.user.id}`, { method: 'PATCH', token: owner.accessToken, body: { role: 'owner' } })).json.role).toBe('owner');
    // Roles are read fresh on each request, so the promotion applies to the existing token.
    expect((await server.request('/v1/team/invites', { token: member.accessToken })).status).toBe(200);
  });

  it.skipIf(database.unavailable)('removing a member stops their tokens at once', async () => {
    const owner = await server.createTeam('Removal');
    const member = await server.addMember(owner, `leaver-${Date.now()}@example.com`);
    expect((await server.request(`/v1/team/members/${member.user.id}`, { method: 'DELETE', token: owner.accessToken })).status).toBe(204);
    expect((await server.request('/v1/sync/pull?deviceId=d', { token: member.accessToken })).status).toBe(401);
    expect((await server.request('/v1/auth/refresh', { body: { refreshToken: member.refreshToken } })).status).toBe(401);
  });

  it.skipIf(database.unavailable)('API tokens sync for their team, cannot administer it, and stop when revoked', async () => {
    const owner = await server.createTeam('Automation');
    const created = await server.request('/v1/team/api-tokens', { token: owner.accessToken, body: { name: 'nightly export' } });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^fmk_/);
    const push = await server.request('/v1/sync/push', { token, body: { deviceId: 'ci', changes: [{ kind: 'case', id: 'c-api', baseRevision: 0, changedAt: 1, fields: { title: 'from CI' } }] } });
    expect(push.status).toBe(200);
    expect((await server.request('/v1/me', { token })).json).toMatchObject({ type: 'api-token', team: { id: owner.team.id } });
    expect((await server.request('/v1/team/invites', { token, body: {} })).status).toBe(403);
    expect((await server.request('/v1/auth/logout', { method: 'POST', token })).status).toBe(403);
    const listed = await server.request('/v1/team/api-tokens', { token: owner.accessToken });
    expect(JSON.stringify(listed.json)).not.toContain(token.split('.')[1]);
    expect((await server.request(`/v1/team/api-tokens/${created.json.id}`, { method: 'DELETE', token: owner.accessToken })).status).toBe(204);
    expect((await server.request('/v1/sync/pull?deviceId=ci', { token })).status).toBe(401);
    expect((await server.request('/v1/sync/pull?deviceId=ci', { token: `fmk_${created.json.id}.wrong-secret` })).status).toBe(401);
  });

  it.skipIf(database.unavailable)('rate-limits sign-in attempts per address with Retry-After', async () => {
    const limited = await startTestServer(database, { authRateLimit: { capacity: 3, perMinute: 3 } });
    try {
      const attempt = () => limited.request('/v1/auth/login', { body: { email: 'who@example.com', password: 'wrong password' } });
      expect([(await attempt()).status, (await attempt()).status, (await attempt()).status]).toEqual([401, 401, 401]);
      const blocked = await attempt();
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other routes are not affected.
      expect((await limited.request('/health')).status).toBe(200);
    } finally {
      await limited.dispose();
    }
  });
});
