import { z } from 'zod';
import { Permission } from '../model/permission.js';
import { defineOperation, IdParams, pickErrors, Timestamp } from './operation.js';

export const StoredPermission = z
  .object({
    id: z.string(),
    source: z.enum(['builtin', 'user']),
    revision: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    permission: Permission,
  })
  .meta({ id: 'StoredPermission' });

export const permissionOperations = {
  listPermissions: defineOperation({
    method: 'get',
    path: '/api/permissions',
    operationId: 'listPermissions',
    summary: 'CAD permissions and sandbox projects (?kind=sandbox-project for projects only)',
    tags: ['permissions'],
    request: { query: z.object({ kind: z.enum(['cad-permission', 'sandbox-project']).optional() }) },
    responses: { 200: { description: 'permissions', schema: z.array(StoredPermission) }, ...pickErrors(400) },
  }),
  createPermission: defineOperation({
    method: 'post',
    path: '/api/permissions',
    operationId: 'createPermission',
    summary: 'Add a CAD permission or a sandbox project',
    tags: ['permissions'],
    request: { body: Permission },
    responses: { 201: { description: 'stored', schema: StoredPermission }, ...pickErrors(400, 409, 413, 415) },
  }),
  getPermission: defineOperation({
    method: 'get',
    path: '/api/permissions/:id',
    operationId: 'getPermission',
    summary: 'A permission or sandbox project',
    tags: ['permissions'],
    request: { params: IdParams },
    responses: { 200: { description: 'the permission', schema: StoredPermission }, ...pickErrors(404) },
  }),
  updatePermission: defineOperation({
    method: 'put',
    path: '/api/permissions/:id',
    operationId: 'updatePermission',
    summary: 'Replace a permission or sandbox project (built-in ones too; the change is audited)',
    tags: ['permissions'],
    request: { params: IdParams, body: Permission },
    responses: { 200: { description: 'updated', schema: StoredPermission }, ...pickErrors(400, 404, 413, 415) },
  }),
};
