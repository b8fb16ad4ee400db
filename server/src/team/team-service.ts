import type { Principal, ServerContext } from '../context';
import { formatApiToken } from '../auth/sessions';
import { digest, randomId, randomSecret } from '../auth/secrets';
import { ApiError, forbidden, notFound } from '../http/api-error';
import type { Role } from '../../../lib/sync/wire';

/** Team administration: invites, members, API tokens. Every query is scoped to the caller's team. */

export function requireOwner(principal: Principal): asserts principal is Extract<Principal, { type: 'user' }> {
  if (principal.type !== 'user' || principal.role !== 'owner') throw forbidden('Only a team owner can do this');
}

export interface InviteView {
  id: string;
  email: string | null;
  role: Role;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

export async function createInvite(ctx: ServerContext, principal: Principal, input: { email?: string; role: Role }): Promise<InviteView & { code: string }> {
  requireOwner(principal);
  const code = `fmi_${randomSecret(24)}`;
  const now = ctx.clock();
  const invite: InviteView = { id: randomId(), email: input.email ?? null, role: input.role, createdAt: now, expiresAt: now + ctx.config.inviteTtlSeconds * 1000, usedAt: null, revokedAt: null };
  await ctx.db.execute(
    'INSERT INTO invites (id, team_id, code_hash, email, role, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [invite.id, principal.teamId, digest(code), invite.email, invite.role, principal.userId, now, invite.expiresAt],
  );
  return { ...invite, code };
}

export async function listInvites(ctx: ServerContext, principal: Principal): Promise<InviteView[]> {
  requireOwner(principal);
  const rows = await ctx.db.query<{ id: string; email: string | null; role: Role; created_at: number; expires_at: number; used_at: number | null; revoked_at: number | null }>(
    'SELECT id, email, role, created_at, expires_at, used_at, revoked_at FROM invites WHERE team_id = $1 ORDER BY created_at',
    [principal.teamId],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at, revokedAt: r.revoked_at }));
}

export async function revokeInvite(ctx: ServerContext, principal: Principal, inviteId: string): Promise<void> {
  requireOwner(principal);
  const changed = await ctx.db.execute('UPDATE invites SET revoked_at = $3 WHERE id = $1 AND team_id = $2 AND revoked_at IS NULL', [inviteId, principal.teamId, ctx.clock()]);
  if (changed === 0) throw notFound('Invite');
}

export interface MemberView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  createdAt: number;
}

export async function listMembers(ctx: ServerContext, principal: Principal): Promise<MemberView[]> {
  const rows = await ctx.db.query<{ id: string; email: string; display_name: string; role: Role; created_at: number }>(
    'SELECT id, email, display_name, role, created_at FROM users WHERE team_id = $1 ORDER BY created_at',
    [principal.teamId],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role, createdAt: r.created_at }));
}

async function ownerCount(ctx: ServerContext, teamId: string): Promise<number> {
  const rows = await ctx.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE team_id = $1 AND role = 'owner'", [teamId]);
  return Number(rows[0]?.n ?? 0);
}

async function memberRole(ctx: ServerContext, teamId: string, userId: string): Promise<Role> {
  const rows = await ctx.db.query<{ role: Role }>('SELECT role FROM users WHERE id = $1 AND team_id = $2', [userId, teamId]);
  if (!rows[0]) throw notFound('Member');
  return rows[0].role;
}

export async function setMemberRole(ctx: ServerContext, principal: Principal, userId: string, role: Role): Promise<MemberView> {
  requireOwner(principal);
  const current = await memberRole(ctx, principal.teamId, userId);
  if (current === 'owner' && role !== 'owner' && (await ownerCount(ctx, principal.teamId)) <= 1) {
    throw new ApiError(409, 'last-owner', 'A team needs at least one owner: make someone else owner first');
  }
  await ctx.db.execute('UPDATE users SET role = $3 WHERE id = $1 AND team_id = $2', [userId, principal.teamId, role]);
  const member = (await listMembers(ctx, principal)).find((m) => m.id === userId);
  if (!member) throw notFound('Member');
  return member;
}

/** Removes a member; their sessions go with them, so their tokens stop working at once. */
export async function removeMember(ctx: ServerContext, principal: Principal, userId: string): Promise<void> {
  requireOwner(principal);
  const role = await memberRole(ctx, principal.teamId, userId);
  if (role === 'owner' && (await ownerCount(ctx, principal.teamId)) <= 1) {
    throw new ApiError(409, 'last-owner', 'A team needs at least one owner');
  }
  await ctx.db.execute('DELETE FROM users WHERE id = $1 AND team_id = $2', [userId, principal.teamId]);
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

/** API tokens act for the team with member rights (sync, blobs), for automation such as CI exports. */
export async function createApiToken(ctx: ServerContext, principal: Principal, name: string): Promise<ApiTokenView & { token: string }> {
  requireOwner(principal);
  const id = randomId().replaceAll('-', '');
  const secret = randomSecret();
  const now = ctx.clock();
  await ctx.db.execute('INSERT INTO api_tokens (id, team_id, name, secret_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    principal.teamId,
    name,
    digest(secret),
    principal.userId,
    now,
  ]);
  return { id, name, createdAt: now, revokedAt: null, token: formatApiToken(id, secret) };
}

export async function listApiTokens(ctx: ServerContext, principal: Principal): Promise<ApiTokenView[]> {
  requireOwner(principal);
  const rows = await ctx.db.query<{ id: string; name: string; created_at: number; revoked_at: number | null }>(
    'SELECT id, name, created_at, revoked_at FROM api_tokens WHERE team_id = $1 ORDER BY created_at',
    [principal.teamId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function revokeApiToken(ctx: ServerContext, principal: Principal, tokenId: string): Promise<void> {
  requireOwner(principal);
  const changed = await ctx.db.execute('UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND team_id = $2 AND revoked_at IS NULL', [tokenId, principal.teamId, ctx.clock()]);
  if (changed === 0) throw notFound('API token');
}
