import { z } from 'zod';
import { createTeam, login, signUpWithInvite } from '../auth/account-service';
import { refreshSession, revokeSession } from '../auth/sessions';
import { defineRoute, Reply } from '../http/route';
import { displayNameSchema, emailSchema, loginRequestSchema, passwordSchema, refreshRequestSchema } from '../../../lib/sync/wire';

const newAccount = { email: emailSchema, password: passwordSchema, displayName: displayNameSchema };

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/teams',
    summary: 'Create a team and its first owner. Open for the first team only; later teams need the X-Setup-Token header.',
    tag: 'auth',
    access: 'public',
    rateLimited: true,
    body: z.object({ teamName: z.string().trim().min(1).max(100), ...newAccount }),
    responses: { 201: 'Team created; tokens for its owner', 403: 'A team exists and no valid setup token was sent', 409: 'Email already registered' },
    handle: async ({ ctx, body, c }) => new Reply(201, await createTeam(ctx, body, c.req.header('x-setup-token'))),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/signup',
    summary: 'Join a team with an invite code',
    tag: 'auth',
    access: 'public',
    rateLimited: true,
    body: z.object({ inviteCode: z.string().min(10).max(200), ...newAccount }),
    responses: { 201: 'Account created; tokens', 403: 'Invite unknown, used, revoked, expired or for another email', 409: 'Email already registered' },
    handle: async ({ ctx, body }) => new Reply(201, await signUpWithInvite(ctx, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/login',
    summary: 'Sign in with email and password',
    tag: 'auth',
    access: 'public',
    rateLimited: true,
    body: loginRequestSchema,
    responses: { 200: 'Access and refresh tokens', 401: 'Wrong email or password', 429: 'Too many attempts' },
    handle: async ({ ctx, body }) => login(ctx, body.email, body.password),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/refresh',
    summary: 'Trade a refresh token for a new pair (rotation: each refresh token works once)',
    tag: 'auth',
    access: 'public',
    rateLimited: true,
    body: refreshRequestSchema,
    responses: { 200: 'New access and refresh tokens', 401: 'Unknown, expired, revoked or reused refresh token' },
    handle: async ({ ctx, body }) => refreshSession(ctx, body.refreshToken),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/logout',
    summary: 'End this sign-in: its access and refresh tokens stop working on every instance',
    tag: 'auth',
    access: 'user',
    responses: { 204: 'Signed out' },
    handle: async ({ ctx, principal }) => {
      if (principal.type === 'user') await revokeSession(ctx, principal.sessionId);
      return undefined;
    },
  }),
];
