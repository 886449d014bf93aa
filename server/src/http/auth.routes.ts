import { operations } from '@sua-sandbox/rules/api';
import { publicUser } from '../auth/accounts.js';
import { completeSetup } from '../auth/bootstrap.js';
import { requireUser } from '../auth/policy.js';
import { type AuthService, publicToken } from '../auth/service.js';
import { badRequest, notFound } from '../errors.js';
import { defineRoute, type MountableRoute } from './route.js';

const DAY = 86_400_000;

/** Sign-in, sign-out, who am I, first-start setup and personal API tokens. */
export function authRoutes(auth: AuthService): MountableRoute[] {
  return [
    defineRoute({
      ...operations.signIn,
      handler: async ({ body }, res, req) => {
        const user = await auth.signIn(req, res, body.email, body.password);
        return { user: publicUser(user) };
      },
    }),
    defineRoute({
      ...operations.signOut,
      handler: async (_input, res, req) => {
        await auth.endSession(req);
        auth.clearCookie(req, res);
        res.status(204).end();
      },
    }),
    defineRoute({
      ...operations.whoAmI,
      handler: async ({ ctx }) => {
        const p = ctx.principal;
        if (p.kind === 'anonymous') return { kind: 'anonymous' as const };
        const user = await auth.store.accounts.getUser(p.userId);
        if (!user) throw notFound('user', p.userId);
        return {
          kind: 'user' as const,
          user: publicUser(user),
          via: p.via,
          scopes: [...p.scopes],
          ...(p.sourceId !== undefined && { sourceId: p.sourceId }),
        };
      },
    }),
    defineRoute({
      ...operations.setupFirstAdmin,
      handler: async ({ body, ctx }, res) => {
        const user = await completeSetup(auth, ctx.principal, body, auth.passwords);
        res.status(201);
        return { user: publicUser(user) };
      },
    }),
    defineRoute({
      ...operations.changePassword,
      handler: async ({ body, ctx }, res, req) => {
        const me = requireUser(ctx.principal);
        await auth.changePassword(req, res, me, body.currentPassword, body.newPassword);
        res.status(204).end();
      },
    }),
    defineRoute({
      ...operations.listApiTokens,
      handler: async ({ ctx }) => {
        const me = requireUser(ctx.principal);
        return (await auth.store.accounts.listApiTokens(me.userId)).map(publicToken);
      },
    }),
    defineRoute({
      ...operations.createApiToken,
      handler: async ({ body, ctx }, res) => {
        const me = requireUser(ctx.principal);
        if (me.role === 'viewer' && body.scopes.some((s) => s !== 'read'))
          throw badRequest('a viewer may hold only read tokens', [{ path: ['body', 'scopes'], message: 'read only' }]);
        const { token, record } = await auth.createToken(me, {
          name: body.name,
          scopes: body.scopes,
          sourceId: body.sourceId ?? null,
          expiresAt: auth.iso(body.expiresInDays * DAY),
        });
        res.status(201);
        return { token, record: publicToken(record) };
      },
    }),
    defineRoute({
      ...operations.revokeApiToken,
      handler: async ({ params, ctx }, res) => {
        const me = requireUser(ctx.principal);
        if (!(await auth.revokeToken(me, params.id))) throw notFound('API token', params.id);
        res.status(204).end();
      },
    }),
  ];
}
