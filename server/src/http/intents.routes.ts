import { operations } from '@sua-sandbox/rules/api';
import { crossesOrganisations } from '../auth/access-policy.js';
import { budgetProblem } from '../budgets.js';
import { budgetExceeded } from '../errors.js';
import type { Services } from '../services/index.js';
import type { PutOutcome } from '../services/intents.js';
import type { StoredIntent } from '../store/types.js';
import { defineRoute, type MountableRoute } from './route.js';

/** Operational intent endpoints (issue 16) with ASTM F3548-21 / InterUSS DSS naming; schemas in rules/api. */

const asGet = (r: StoredIntent) => ({
  operational_intent_reference: r.intent.reference,
  operational_intent: r.intent,
  planId: r.planId,
  routeId: r.routeId,
});

function answer(out: PutOutcome) {
  if (!out.accepted) return { status: 409, body: out };
  const { stored, conflicts, findings } = out;
  return { status: out.created ? 201 : 200, body: { ...asGet(stored), conflicts, findings } };
}

/** The waypoint budget on the raw body, before the FlightPlan schema runs. */
const waypointPrecheck = (s: Services) => (body: unknown) => {
  const plan = typeof body === 'object' && body !== null ? (body as { plan?: unknown }).plan : undefined;
  const route = typeof plan === 'object' && plan !== null ? (plan as { route?: unknown }).route : undefined;
  const coords = typeof route === 'object' && route !== null ? (route as { coordinates?: unknown }).coordinates : [];
  const n = Array.isArray(coords) ? coords.length : 0;
  const limit = s.work.budgets.waypoints;
  if (n <= limit) return undefined;
  const path = ['body', 'plan', 'route', 'coordinates'];
  return budgetExceeded(budgetProblem('waypoints', `plan has ${n} waypoints`, limit, path));
};

export function intentRoutes(s: Services): MountableRoute[] {
  const intents = s.intents;
  return [
    defineRoute({
      ...operations.putOperationalIntentReference,
      request: { ...operations.putOperationalIntentReference.request, precheck: waypointPrecheck(s) },
      handler: async ({ params, body, ctx }, res) => {
        const { status, body: out } = answer(await intents.put(params.entityid, body, ctx));
        res.status(status);
        return out;
      },
    }),
    defineRoute({
      ...operations.getOperationalIntentReference,
      handler: async ({ params }) => asGet(await intents.get(params.entityid)),
    }),
    defineRoute({
      ...operations.queryOperationalIntentReferences,
      handler: ({ body }) => ({ operational_intent_references: intents.query(body.area_of_interest) }),
    }),
    defineRoute({
      ...operations.transitionOperationalIntent,
      handler: async ({ params, body, ctx }) =>
        asGet(
          await intents.transition(params.entityid, body.state, {
            ...ctx,
            overrides: crossesOrganisations(ctx.principal),
          }),
        ),
    }),
    defineRoute({
      ...operations.deleteOperationalIntentReference,
      handler: async ({ params, ctx }) =>
        asGet(
          await intents.transition(params.entityid, 'Ended', {
            ...ctx,
            overrides: crossesOrganisations(ctx.principal),
          }),
        ),
    }),
  ];
}
