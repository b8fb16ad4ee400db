import type { Queryable } from '../db/database';
import type { Principal, ServerContext } from '../context';
import { unauthorized } from '../http/api-error';
import type { Role, TokenPair } from '../../../lib/sync/wire';
import { digest, randomId, randomSecret, sameDigest } from './secrets';

export interface UserRow {
  id: string;
  team_id: string;
  email: string;
  display_name: string;
  role: Role;
}

const REFRESH_PREFIX = 'fmr_';
const API_TOKEN_PREFIX = 'fmk_';

async function teamName(tx: Queryable, teamId: string): Promise<string> {
  const rows = await tx.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [teamId]);
  return rows[0]?.name ?? '';
}

async function newRefreshToken(ctx: ServerContext, tx: Queryable, sessionId: string): Promise<string> {
  const token = `${REFRESH_PREFIX}${randomSecret()}`;
  const now = ctx.clock();
  await tx.execute('INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    digest(token),
    sessionId,
    now,
    now + ctx.config.refreshTokenTtlSeconds * 1000,
  ]);
  return token;
}

async function tokenPair(ctx: ServerContext, tx: Queryable, user: UserRow, sessionId: string, refreshToken: string): Promise<TokenPair> {
  return {
    accessToken: await ctx.accessTokens.sign({ userId: user.id, teamId: user.team_id, sessionId }),
    expiresIn: ctx.accessTokens.ttlSeconds,
    refreshToken,
    user: { id: user.id, email: user.email, displayName: user.display_name, role: user.role },
    team: { id: user.team_id, name: await teamName(tx, user.team_id) },
  };
}

/** A new sign-in: one session, its first refresh token, and an access token. */
export async function startSession(ctx: ServerContext, tx: Queryable, user: UserRow): Promise<TokenPair> {
  const sessionId = randomId();
  await tx.execute('INSERT INTO sessions (id, user_id, team_id, created_at) VALUES ($1, $2, $3, $4)', [sessionId, user.id, user.team_id, ctx.clock()]);
  return tokenPair(ctx, tx, user, sessionId, await newRefreshToken(ctx, tx, sessionId));
}

/**
 * Rotation: each refresh token works once and is replaced by a new one. Presenting a token
 * that was already used means it was copied, so the whole session is revoked (the thief and
 * the owner both have to sign in again, and only the owner can).
 */
export async function refreshSession(ctx: ServerContext, presented: string): Promise<TokenPair> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const rows = await tx.query<{ session_id: string; expires_at: number; used_at: number | null; revoked_at: number | null }>(
      `SELECT r.session_id, r.expires_at, r.used_at, s.revoked_at
         FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
        WHERE r.token_hash = $1`,
      [digest(presented)],
    );
    const row = rows[0];
    if (!row || row.revoked_at !== null) return { error: 'This sign-in has ended; sign in again' } as const;
    if (row.expires_at <= now) return { error: 'The refresh token has expired; sign in again' } as const;
    // Claim the token atomically: of two concurrent refreshes (even on two instances) one wins.
    const claimed = await tx.execute('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL', [digest(presented), now]);
    if (row.used_at !== null || claimed === 0) {
      await tx.execute('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [row.session_id, now]);
      return { error: 'This refresh token was already used, so the session was ended for safety; sign in again', revoke: true } as const;
    }
    const users = await tx.query<UserRow>(
      'SELECT u.id, u.team_id, u.email, u.display_name, u.role FROM users u JOIN sessions s ON s.user_id = u.id WHERE s.id = $1',
      [row.session_id],
    );
    const user = users[0];
    if (!user) return { error: 'This account no longer exists' } as const;
    return { pair: await tokenPair(ctx, tx, user, row.session_id, await newRefreshToken(ctx, tx, row.session_id)) } as const;
  });
  if ('error' in outcome) {
    if ('revoke' in outcome) ctx.logger.warn('refresh token reuse: session revoked');
    throw unauthorized(outcome.error);
  }
  return outcome.pair;
}

export async function revokeSession(ctx: ServerContext, sessionId: string): Promise<void> {
  await ctx.db.execute('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, ctx.clock()]);
}

export function formatApiToken(id: string, secret: string): string {
  return `${API_TOKEN_PREFIX}${id}.${secret}`;
}

/**
 * Resolves `Authorization: Bearer …`. Access tokens are checked against their session on every
 * request so that logout, revocation and member removal take effect at once on every instance.
 */
export async function authenticate(ctx: ServerContext, header: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw unauthorized('Send "Authorization: Bearer <token>"');
  const token = match[1]!;
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const [id, secret] = token.slice(API_TOKEN_PREFIX.length).split('.');
    if (!id || !secret || id.length > 64) throw unauthorized('Unknown API token');
    const rows = await ctx.db.query<{ team_id: string; secret_hash: string; revoked_at: number | null }>(
      'SELECT team_id, secret_hash, revoked_at FROM api_tokens WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row || row.revoked_at !== null || !sameDigest(row.secret_hash, digest(secret))) throw unauthorized('Unknown or revoked API token');
    return { type: 'api-token', tokenId: id, teamId: row.team_id, role: 'member' };
  }
  const claims = await ctx.accessTokens.verify(token);
  if (!claims) throw unauthorized();
  const rows = await ctx.db.query<{ revoked_at: number | null; role: Role; team_id: string }>(
    'SELECT s.revoked_at, u.role, u.team_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND u.id = $2',
    [claims.sessionId, claims.userId],
  );
  const row = rows[0];
  if (!row || row.revoked_at !== null || row.team_id !== claims.teamId) throw unauthorized();
  return { type: 'user', userId: claims.userId, teamId: row.team_id, role: row.role, sessionId: claims.sessionId };
}
