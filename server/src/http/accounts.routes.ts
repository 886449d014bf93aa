import { operations } from '@sua-sandbox/rules/api';
import { createOrganisation, createUser, disableUser, publicUser } from '../auth/accounts.js';
import type { AuthService } from '../auth/service.js';
import { notFound } from '../errors.js';
import { defineRoute, type MountableRoute } from './route.js';

/** Users and organisations; who may call each is the access policy's (auth/access-policy.ts). */
export function accountRoutes(auth: AuthService): MountableRoute[] {
  const store = auth.store;
  return [
    defineRoute({
      ...operations.listUsers,
      handler: async () => (await store.accounts.listUsers()).map(publicUser),
    }),
    defineRoute({
      ...operations.createUser,
      handler: async ({ body, ctx }, res) => {
        const user = await createUser(store, ctx, body, auth.passwords);
        res.status(201);
        return publicUser(user);
      },
    }),
    defineRoute({
      ...operations.disableUser,
      handler: async ({ params, ctx }) => {
        const user = await store.accounts.getUser(params.id);
        if (!user) throw notFound('user', params.id);
        return publicUser(await disableUser(store, ctx, user, auth.iso()));
      },
    }),
    defineRoute({
      ...operations.listOrganisations,
      handler: () => store.accounts.listOrganisations(),
    }),
    defineRoute({
      ...operations.createOrganisation,
      handler: async ({ body, ctx }, res) => {
        const org = await createOrganisation(store, ctx, body);
        res.status(201);
        return org;
      },
    }),
  ];
}
