import { operations } from '@sua-sandbox/rules/api';
import { crossesOrganisations } from '../auth/access-policy.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

/** Vertiport slots (issue 16): allocate, list. */
export function vertiportRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.allocateVertiportSlot,
      handler: async ({ params, body, ctx }, res) => {
        const out = await s.vertiports.allocate(params.id, body, {
          ...ctx,
          overrides: crossesOrganisations(ctx.principal),
        });
        if (!out.ok) {
          res.status(409);
          return { message: out.message, finding: out.finding, nextFreeStart: out.nextFreeStart };
        }
        res.status(out.created ? 201 : 200);
        return out.slot;
      },
    }),
    defineRoute({
      ...operations.listVertiportSlots,
      handler: ({ params }) => s.vertiports.list(params.id),
    }),
  ];
}
