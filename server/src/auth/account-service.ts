import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { ApiError, conflict, forbidden, unauthorized } from '../http/api-error';
import type { Role, TokenPair } from '../../../lib/sync/wire';
import { hashPassword, verifyPassword } from './passwords';
import { digest, randomId, sameDigest } from './secrets';
import { startSession, type UserRow } from './sessions';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/i.test(e?.message ?? '');
}

async function insertUser(ctx: ServerContext, tx: Queryable, teamId: string, account: NewAccount, passwordHash: string, role: Role): Promise<UserRow> {
  const user: UserRow = { id: randomId(), team_id: teamId, email: account.email, display_name: account.displayName, role };
  try {
    await tx.execute(
      'INSERT INTO users (id, team_id, email, display_name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [user.id, teamId, user.email, user.display_name, passwordHash, role, ctx.clock()],
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An account with this email already exists');
    throw error;
  }
  return user;
}

/**
 * Creates a team with its first owner. The very first team on a server needs nothing else
 * (first-run set-up); further teams need the operator's setup token, so strangers cannot
 * open teams on someone's server.
 */
export async function createTeam(ctx: ServerContext, input: NewAccount & { teamName: string }, setupToken: string | undefined): Promise<TokenPair> {
  const passwordHash = await hashPassword(input.password, ctx.config.passwordCost);
  return ctx.db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM teams');
    const tokenOk = ctx.config.setupToken !== undefined && setupToken !== undefined && sameDigest(digest(setupToken), digest(ctx.config.setupToken));
    if (Number(n) > 0 && !tokenOk) {
      throw forbidden('This server already has a team: ask its owner for an invite (creating more teams needs the setup token)');
    }
    const teamId = randomId();
    await tx.execute('INSERT INTO teams (id, name, revision, created_at) VALUES ($1, $2, 0, $3)', [teamId, input.teamName, ctx.clock()]);
    const user = await insertUser(ctx, tx, teamId, input, passwordHash, 'owner');
    return startSession(ctx, tx, user);
  });
}

/** Joins the invite's team. The invite works once, before it expires, and only for its email if it names one. */
export async function signUpWithInvite(ctx: ServerContext, input: NewAccount & { inviteCode: string }): Promise<TokenPair> {
  const passwordHash = await hashPassword(input.password, ctx.config.passwordCost);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const invites = await tx.query<{ id: string; team_id: string; email: string | null; role: Role; expires_at: number; used_at: number | null; revoked_at: number | null }>(
      'SELECT id, team_id, email, role, expires_at, used_at, revoked_at FROM invites WHERE code_hash = $1',
      [digest(input.inviteCode)],
    );
    const invite = invites[0];
    if (!invite || invite.revoked_at !== null || invite.used_at !== null || invite.expires_at <= now) {
      throw new ApiError(403, 'invalid-invite', 'This invite is unknown, used, revoked or expired: ask for a new one');
    }
    if (invite.email !== null && invite.email !== input.email) {
      throw new ApiError(403, 'invalid-invite', 'This invite is for a different email address');
    }
    const user = await insertUser(ctx, tx, invite.team_id, input, passwordHash, invite.role);
    const claimed = await tx.execute('UPDATE invites SET used_at = $2, used_by = $3 WHERE id = $1 AND used_at IS NULL', [invite.id, now, user.id]);
    if (claimed === 0) throw new ApiError(403, 'invalid-invite', 'This invite was just used');
    return startSession(ctx, tx, user);
  });
}

/** A hash to check against when the email is unknown, so the response time does not reveal which emails exist. */
let decoyHash: Promise<string> | undefined;

export async function login(ctx: ServerContext, email: string, password: string): Promise<TokenPair> {
  const rows = await ctx.db.query<UserRow & { password_hash: string }>(
    'SELECT id, team_id, email, display_name, role, password_hash FROM users WHERE email = $1',
    [email],
  );
  const user = rows[0];
  decoyHash ??= hashPassword('decoy password', ctx.config.passwordCost);
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  if (!user || !ok) throw unauthorized('Wrong email or password');
  return ctx.db.transaction((tx) => startSession(ctx, tx, user));
}
