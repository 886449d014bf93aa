import { Permission } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';
import { IdParams, pickErrors } from './schemas.js';

const StoredPermissionOut = z
  .object({
    id: z.string(),
    source: z.enum(['builtin', 'user']),
    revision: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    permission: Permission,
  })
  .meta({ id: 'StoredPermission' });

export function permissionRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/permissions',
      operationId: 'listPermissions',
      summary: 'CAD permissions and sandbox projects (?kind=sandbox-project for projects only)',
      tags: ['permissions'],
      request: { query: z.object({ kind: z.enum(['cad-permission', 'sandbox-project']).optional() }) },
      responses: { 200: { description: 'permissions', schema: z.array(StoredPermissionOut) }, ...pickErrors(400) },
      handler: ({ query }) => s.permissions.list(query.kind),
    }),
    defineRoute({
      method: 'post',
      path: '/api/permissions',
      operationId: 'createPermission',
      summary: 'Add a CAD permission or a sandbox project',
      tags: ['permissions'],
      request: { body: Permission },
      responses: { 201: { description: 'stored', schema: StoredPermissionOut }, ...pickErrors(400, 409, 413, 415) },
      handler: async ({ body, ctx }, res) => {
        const rec = await s.permissions.create(body, ctx);
        res.status(201);
        return rec;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/permissions/:id',
      operationId: 'getPermission',
      summary: 'A permission or sandbox project',
      tags: ['permissions'],
      request: { params: IdParams },
      responses: { 200: { description: 'the permission', schema: StoredPermissionOut }, ...pickErrors(404) },
      handler: ({ params }) => s.permissions.get(params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/permissions/:id',
      operationId: 'updatePermission',
      summary: 'Replace a permission or sandbox project (built-in ones too; the change is audited)',
      tags: ['permissions'],
      request: { params: IdParams, body: Permission },
      responses: { 200: { description: 'updated', schema: StoredPermissionOut }, ...pickErrors(400, 404, 413, 415) },
      handler: ({ params, body, ctx }) => s.permissions.update(params.id, body, ctx),
    }),
  ];
}
