import { operations } from '@sua-sandbox/rules/api';
import { listScope } from '../auth/access-policy.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

export function permissionRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.listPermissions,
      handler: ({ query, ctx }) => s.permissions.list(query.kind, listScope(ctx.principal)),
    }),
    defineRoute({
      ...operations.createPermission,
      handler: async ({ body, ctx }, res) => {
        const rec = await s.permissions.create(body, ctx);
        res.status(201);
        return rec;
      },
    }),
    defineRoute({
      ...operations.getPermission,
      handler: ({ params, ctx }) => s.permissions.get(params.id, listScope(ctx.principal)),
    }),
    defineRoute({
      ...operations.updatePermission,
      handler: ({ params, body, ctx }) => s.permissions.update(params.id, body, ctx),
    }),
  ];
}
