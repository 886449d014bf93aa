import { FlightPlan, Provision } from '@sua-sandbox/rules/model';
import { IntentState, OperationalIntent, OperationalIntentReference, Time, Volume4D } from '@sua-sandbox/rules/traffic';
import { z } from 'zod';
import { budgetProblem } from '../budgets.js';
import { budgetExceeded } from '../errors.js';
import type { Services } from '../services/index.js';
import type { PutOutcome } from '../services/intents.js';
import type { StoredIntent } from '../store/types.js';
import { BUDGET_ERRORS } from './check.routes.js';
import { defineRoute, type MountableRoute } from './route.js';
import { ErrorBody, pickErrors } from './schemas.js';

/** Operational intent endpoints (issue 16) with ASTM F3548-21 / InterUSS DSS naming. */
const BASE = '/api/uss/v1/operational_intent_references';
const TAGS = ['traffic'];

export const EntityParams = z.object({
  entityid: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
});

export const TrafficFindingOut = z
  .object({
    ruleId: z.string(),
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    trialParameter: z.literal(true).describe('a Sandbox X trial rule, not law'),
    provision: Provision,
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'TrafficFinding' });

const PutIntentBody = z
  .object({
    operator: z.string().min(1).max(200).describe('the operator flying it (shown to other operators in conflicts)'),
    planId: z.string().min(1).max(200).optional().describe('a stored plan (give this or `plan`)'),
    plan: FlightPlan.optional().describe('an inline plan (give this or `planId`)'),
    priorityClass: z.string().min(1).max(100).optional().describe('declared class (params.priorities.classes)'),
    routeId: z.string().min(1).max(200).optional().describe('the designated air route the flight claims'),
    delayS: z.number().int().min(0).max(86_400).optional().describe("delay the plan's start (e.g. by earliestShiftS)"),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.planId === undefined) === (b.plan === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of planId and plan', path: ['planId'] });
  })
  .meta({ id: 'PutOperationalIntentReferenceParameters' });

const Conflict = z
  .object({
    intentId: z.string(),
    operator: z.string(),
    priority: z.number().int(),
    blocking: z.boolean().describe('the other intent has priority ≥ this one: it must not be accepted as it is'),
    volumes: z.array(z.tuple([z.number().int(), z.number().int()])).describe('[own volume, other volume] pairs'),
    intersecting_volumes: z.array(Volume4D).describe("the other intent's volumes that intersect this one"),
    overlap: z.object({ time_start: Time, time_end: Time, lateralPenetrationM: z.number() }),
  })
  .meta({ id: 'OperationalIntentConflict' });

const ChangeResponse = z
  .object({
    operational_intent_reference: OperationalIntentReference,
    operational_intent: OperationalIntent,
    planId: z.string().nullable(),
    routeId: z.string().nullable(),
    conflicts: z.array(Conflict).describe('conflicts with lower-priority intents: reported, not blocking'),
    findings: z.array(TrafficFindingOut).describe('route-check findings and conflict warnings'),
  })
  .meta({ id: 'ChangeOperationalIntentReferenceResponse' });

const AirspaceConflictResponse = z
  .object({
    message: z.string(),
    conflicts: z.array(Conflict),
    earliestShiftS: z
      .number()
      .int()
      .nullable()
      .describe('the smallest start delay that clears every blocking conflict; null: none within maxShiftS'),
    findings: z.array(TrafficFindingOut),
  })
  .meta({ id: 'AirspaceConflictResponse' });

const GetResponse = z
  .object({
    operational_intent_reference: OperationalIntentReference,
    operational_intent: OperationalIntent,
    planId: z.string().nullable(),
    routeId: z.string().nullable(),
  })
  .meta({ id: 'GetOperationalIntentReferenceResponse' });

const QueryBody = z
  .object({ area_of_interest: Volume4D })
  .strict()
  .meta({ id: 'QueryOperationalIntentReferenceParameters' });
const QueryResponse = z
  .object({ operational_intent_references: z.array(OperationalIntentReference) })
  .meta({ id: 'QueryOperationalIntentReferenceResponse' });

const StateBody = z.object({ state: IntentState }).strict();

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
      method: 'put',
      path: `${BASE}/:entityid`,
      operationId: 'putOperationalIntentReference',
      summary: 'Create or replace an operational intent from a plan: strategic deconfliction',
      description:
        'Builds one Volume4D per leg with the trial buffers, checks a claimed air route, and deconflicts against ' +
        'the accepted intents of every operator. 201 accepted (200 when it replaced a version); 409 with the ' +
        'conflicting intents, their intersecting volumes and `earliestShiftS` when an intent of equal or higher ' +
        'priority is in the way (resubmit with `delayS`). Route findings are returned, not blocking.',
      tags: TAGS,
      request: { params: EntityParams, body: PutIntentBody, precheck: waypointPrecheck(s) },
      responses: {
        201: { description: 'accepted', schema: ChangeResponse },
        200: { description: 'accepted as a new version of an existing intent', schema: ChangeResponse },
        409: {
          description: 'refused: conflicts (AirspaceConflictResponse), or the id is ended / managed by another USS',
          schema: z.union([AirspaceConflictResponse, ErrorBody]),
        },
        ...pickErrors(400, 404, 413, 415),
        ...BUDGET_ERRORS,
      },
      handler: async ({ params, body, ctx }, res) => {
        const { status, body: out } = answer(await intents.put(params.entityid, body, ctx));
        res.status(status);
        return out;
      },
    }),
    defineRoute({
      method: 'get',
      path: `${BASE}/:entityid`,
      operationId: 'getOperationalIntentReference',
      summary: 'An operational intent: its reference and volumes',
      tags: TAGS,
      request: { params: EntityParams },
      responses: { 200: { description: 'the intent', schema: GetResponse }, ...pickErrors(400, 404) },
      handler: async ({ params }) => asGet(await intents.get(params.entityid)),
    }),
    defineRoute({
      method: 'post',
      path: `${BASE}/query`,
      operationId: 'queryOperationalIntentReferences',
      summary: 'The live intents meeting an area of interest (a Volume4D)',
      tags: TAGS,
      request: { body: QueryBody },
      responses: {
        200: { description: 'references, in id order', schema: QueryResponse },
        ...pickErrors(400, 413, 415),
      },
      handler: ({ body }) => ({ operational_intent_references: intents.query(body.area_of_interest) }),
    }),
    defineRoute({
      method: 'post',
      path: `${BASE}/:entityid/state`,
      operationId: 'transitionOperationalIntent',
      summary: 'Change the state (F3548: Accepted → Activated → Nonconforming → Contingent → Ended)',
      description: 'An illegal transition is a 409 whose message and issue name the allowed next states.',
      tags: TAGS,
      request: { params: EntityParams, body: StateBody },
      responses: {
        200: { description: 'the new version', schema: GetResponse },
        ...pickErrors(400, 404, 409, 415),
      },
      handler: async ({ params, body, ctx }) => asGet(await intents.transition(params.entityid, body.state, ctx)),
    }),
    defineRoute({
      method: 'delete',
      path: `${BASE}/:entityid`,
      operationId: 'deleteOperationalIntentReference',
      summary: 'End an operational intent (state Ended; its vertiport slots are freed)',
      tags: TAGS,
      request: { params: EntityParams },
      responses: { 200: { description: 'the ended intent', schema: GetResponse }, ...pickErrors(400, 404, 409) },
      handler: async ({ params, ctx }) => asGet(await intents.transition(params.entityid, 'Ended', ctx)),
    }),
  ];
}
