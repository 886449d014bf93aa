import { operations } from '@sua-sandbox/rules/api';
import { crossesOrganisations } from '../auth/access-policy.js';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

/** The route network with its priority classes, highest first (for maps and submission forms). */
function networkOf(s: Services) {
  const { network, params } = s.intents.traffic;
  const priorityClasses = Object.entries(params.priorities.classes)
    .map(([id, priority]) => ({ id, priority }))
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
  const { $schema: _schema, ...data } = network;
  return {
    network: data,
    priorityClasses,
    plane: { originLon: params.plane.originLon, originLat: params.plane.originLat },
  };
}

/** Vertiport slots (issue 16): allocate, list; and the route network they sit on. */
export function vertiportRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({ ...operations.getTrafficNetwork, handler: () => networkOf(s) }),
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
