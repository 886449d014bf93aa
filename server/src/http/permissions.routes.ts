import { operations } from '@sua-sandbox/rules/api';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

export function permissionRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.listPermissions, handler: ({ query }) => s.permissions.list(query.kind) }),
    defineRoute({
      ...operations.createPermission,
      handler: async ({ body, ctx }, res) => {
        const rec = await s.permissions.create(body, ctx);
        res.status(201);
        return rec;
      },
    }),
    defineRoute({ ...operations.getPermission, handler: ({ params }) => s.permissions.get(params.id) }),
    defineRoute({
      ...operations.updatePermission,
      handler: ({ params, body, ctx }) => s.permissions.update(params.id, body, ctx),
    }),
  ];
}
