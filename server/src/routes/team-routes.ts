import { z } from 'zod';
import { defineRoute, Reply } from '../http/route';
import { notFound } from '../http/api-error';
import { createApiToken, createInvite, listApiTokens, listInvites, listMembers, removeMember, revokeApiToken, revokeInvite, setMemberRole } from '../team/team-service';
import { emailSchema, recordIdSchema } from '../../../lib/sync/wire';

const role = z.enum(['owner', 'member']);

export const teamRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me',
    summary: 'Who the token belongs to, and its team',
    tag: 'team',
    access: 'member',
    responses: { 200: 'The caller' },
    handle: async ({ ctx, principal }) => {
      const team = (await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [principal.teamId]))[0];
      if (!team) throw notFound('Team');
      if (principal.type === 'api-token') return { type: 'api-token', tokenId: principal.tokenId, role: principal.role, team };
      const member = (await listMembers(ctx, principal)).find((m) => m.id === principal.userId);
      return { type: 'user', user: member, role: principal.role, team };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/team/members',
    summary: "List the team's members",
    tag: 'team',
    access: 'member',
    responses: { 200: 'Members' },
    handle: async ({ ctx, principal }) => ({ members: await listMembers(ctx, principal) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/team/members/:userId',
    summary: "Change a member's role",
    tag: 'team',
    access: 'owner',
    params: z.object({ userId: recordIdSchema }),
    body: z.object({ role }),
    responses: { 200: 'The member', 404: 'No such member in this team', 409: 'Would leave the team without an owner' },
    handle: async ({ ctx, principal, params, body }) => setMemberRole(ctx, principal, params.userId, body.role),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/team/members/:userId',
    summary: 'Remove a member (their tokens stop working at once)',
    tag: 'team',
    access: 'owner',
    params: z.object({ userId: recordIdSchema }),
    responses: { 204: 'Removed', 404: 'No such member in this team', 409: 'Would leave the team without an owner' },
    handle: async ({ ctx, principal, params }) => removeMember(ctx, principal, params.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/team/invites',
    summary: 'Create an invite code (shown once)',
    tag: 'team',
    access: 'owner',
    body: z.object({ email: emailSchema.optional(), role: role.default('member') }),
    responses: { 201: 'The invite with its code' },
    handle: async ({ ctx, principal, body }) => new Reply(201, await createInvite(ctx, principal, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/team/invites',
    summary: "List the team's invites (without codes)",
    tag: 'team',
    access: 'owner',
    responses: { 200: 'Invites' },
    handle: async ({ ctx, principal }) => ({ invites: await listInvites(ctx, principal) }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/team/invites/:inviteId',
    summary: 'Revoke an invite',
    tag: 'team',
    access: 'owner',
    params: z.object({ inviteId: recordIdSchema }),
    responses: { 204: 'Revoked', 404: 'No such open invite in this team' },
    handle: async ({ ctx, principal, params }) => revokeInvite(ctx, principal, params.inviteId),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/team/api-tokens',
    summary: 'Create an API token for automation (shown once; acts as a member)',
    tag: 'team',
    access: 'owner',
    body: z.object({ name: z.string().trim().min(1).max(100) }),
    responses: { 201: 'The token' },
    handle: async ({ ctx, principal, body }) => new Reply(201, await createApiToken(ctx, principal, body.name)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/team/api-tokens',
    summary: "List the team's API tokens (without secrets)",
    tag: 'team',
    access: 'owner',
    responses: { 200: 'API tokens' },
    handle: async ({ ctx, principal }) => ({ tokens: await listApiTokens(ctx, principal) }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/team/api-tokens/:tokenId',
    summary: 'Revoke an API token',
    tag: 'team',
    access: 'owner',
    params: z.object({ tokenId: recordIdSchema }),
    responses: { 204: 'Revoked', 404: 'No such active token in this team' },
    handle: async ({ ctx, principal, params }) => revokeApiToken(ctx, principal, params.tokenId),
  }),
];
