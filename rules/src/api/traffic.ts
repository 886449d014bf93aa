import { z } from 'zod';
import { Provision } from '../model/citation.js';
import { FlightPlan } from '../model/plan.js';
import { Instant } from '../model/time.js';
import { IntentState, OperationalIntent, OperationalIntentReference } from '../traffic/intent.js';
import { RouteNetwork } from '../traffic/routes.js';
import { Time, Volume4D } from '../traffic/volume.js';
import { BUDGET_ERRORS, defineOperation, ErrorBody, IdParams, pickErrors, Timestamp } from './operation.js';

/** Operational intents (ASTM F3548-21 / InterUSS DSS naming) and vertiport slots (issue 16). */
const BASE = '/api/uss/v1/operational_intent_references';
const TAGS = ['traffic'];

export const EntityParams = z.object({
  entityid: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
});

export const TrafficFinding = z
  .object({
    ruleId: z.string(),
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    trialParameter: z.literal(true).describe('a Sandbox X trial rule, not law'),
    provision: Provision,
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'TrafficFinding' });

export const PutIntentBody = z
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

export const IntentConflict = z
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

export const GetIntentResponse = z
  .object({
    operational_intent_reference: OperationalIntentReference,
    operational_intent: OperationalIntent,
    planId: z.string().nullable(),
    routeId: z.string().nullable(),
  })
  .meta({ id: 'GetOperationalIntentReferenceResponse' });

export const ChangeIntentResponse = GetIntentResponse.extend({
  conflicts: z.array(IntentConflict).describe('conflicts with lower-priority intents: reported, not blocking'),
  findings: z.array(TrafficFinding).describe('route-check findings and conflict warnings'),
}).meta({ id: 'ChangeOperationalIntentReferenceResponse' });

export const AirspaceConflictResponse = z
  .object({
    message: z.string(),
    conflicts: z.array(IntentConflict),
    earliestShiftS: z
      .number()
      .int()
      .nullable()
      .describe('the smallest start delay that clears every blocking conflict; null: none within maxShiftS'),
    findings: z.array(TrafficFinding),
  })
  .meta({ id: 'AirspaceConflictResponse' });

export const QueryIntentsBody = z
  .object({ area_of_interest: Volume4D })
  .strict()
  .meta({ id: 'QueryOperationalIntentReferenceParameters' });
export const QueryIntentsResponse = z
  .object({ operational_intent_references: z.array(OperationalIntentReference) })
  .meta({ id: 'QueryOperationalIntentReferenceResponse' });

export const IntentStateBody = z.object({ state: IntentState }).strict();

export const VertiportSlot = z
  .object({
    vertiportId: z.string(),
    index: z.number().int().describe('slot k runs [k·slotLength, (k+1)·slotLength) from the epoch'),
    intentId: z.string(),
    movement: z.enum(['arrival', 'departure']),
    startAt: Timestamp,
    endAt: Timestamp,
    createdAt: Timestamp,
  })
  .meta({ id: 'VertiportSlot' });

export const VertiportSlotRequest = z
  .object({
    intentId: z.string().min(1).max(200).describe('a live operational intent'),
    movement: z.enum(['arrival', 'departure']),
    at: Instant.describe('when the aircraft uses the pad'),
  })
  .strict()
  .meta({ id: 'VertiportSlotRequest' });

export const VertiportSlotRefusal = z
  .object({
    message: z.string(),
    finding: TrafficFinding,
    nextFreeStart: z.string().nullable().describe('start of the next free slot; null: none in the search window'),
  })
  .meta({ id: 'VertiportSlotRefusal' });

/** The route network for maps (the browser client's Traffic view), with what a submission form offers. */
export const TrafficNetworkResponse = z
  .object({
    network: RouteNetwork,
    priorityClasses: z
      .array(z.object({ id: z.string(), priority: z.number().int() }))
      .describe('the priority classes an intent may declare (priorityClass), highest first'),
    plane: z
      .object({ originLon: z.number(), originLat: z.number() })
      .describe('origin of the shared plane the deconfliction measures in (params.plane)'),
  })
  .meta({ id: 'TrafficNetwork' });

/** With several nodes on PostgreSQL, intent changes are decided one at a time; a change waits at most 5 s. */
const INTENTS_BUSY =
  'busy: the worker pool (PUT), or in a cluster another node held the intent lock for over 5 s; retry';

export const trafficOperations = {
  putOperationalIntentReference: defineOperation({
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
    request: { params: EntityParams, body: PutIntentBody },
    responses: {
      201: { description: 'accepted', schema: ChangeIntentResponse },
      200: { description: 'accepted as a new version of an existing intent', schema: ChangeIntentResponse },
      409: {
        description: 'refused: conflicts (AirspaceConflictResponse), or the id is ended / managed by another USS',
        schema: z.union([AirspaceConflictResponse, ErrorBody]),
      },
      ...pickErrors(400, 404, 413, 415),
      ...BUDGET_ERRORS,
      503: { description: INTENTS_BUSY, schema: ErrorBody },
    },
  }),
  getOperationalIntentReference: defineOperation({
    method: 'get',
    path: `${BASE}/:entityid`,
    operationId: 'getOperationalIntentReference',
    summary: 'An operational intent: its reference and volumes',
    tags: TAGS,
    request: { params: EntityParams },
    responses: { 200: { description: 'the intent', schema: GetIntentResponse }, ...pickErrors(400, 404) },
  }),
  queryOperationalIntentReferences: defineOperation({
    method: 'post',
    path: `${BASE}/query`,
    operationId: 'queryOperationalIntentReferences',
    summary: 'The live intents meeting an area of interest (a Volume4D)',
    tags: TAGS,
    request: { body: QueryIntentsBody },
    responses: {
      200: { description: 'references, in id order', schema: QueryIntentsResponse },
      ...pickErrors(400, 413, 415),
    },
  }),
  transitionOperationalIntent: defineOperation({
    method: 'post',
    path: `${BASE}/:entityid/state`,
    operationId: 'transitionOperationalIntent',
    summary: 'Change the state (F3548: Accepted → Activated → Nonconforming → Contingent → Ended)',
    description: 'An illegal transition is a 409 whose message and issue name the allowed next states.',
    tags: TAGS,
    request: { params: EntityParams, body: IntentStateBody },
    responses: {
      200: { description: 'the new version', schema: GetIntentResponse },
      ...pickErrors(400, 404, 409, 415),
      503: { description: INTENTS_BUSY, schema: ErrorBody },
    },
  }),
  deleteOperationalIntentReference: defineOperation({
    method: 'delete',
    path: `${BASE}/:entityid`,
    operationId: 'deleteOperationalIntentReference',
    summary: 'End an operational intent (state Ended; its vertiport slots are freed)',
    tags: TAGS,
    request: { params: EntityParams },
    responses: {
      200: { description: 'the ended intent', schema: GetIntentResponse },
      ...pickErrors(400, 404, 409),
      503: { description: INTENTS_BUSY, schema: ErrorBody },
    },
  }),
  allocateVertiportSlot: defineOperation({
    method: 'post',
    path: '/api/vertiports/:id/slots',
    operationId: 'allocateVertiportSlot',
    summary: 'Allocate the slot containing `at` at a vertiport to a live operational intent',
    description: 'A full or closed slot is a 409 naming the next free slot, with its finding.',
    tags: TAGS,
    request: { params: IdParams, body: VertiportSlotRequest },
    responses: {
      201: { description: 'allocated', schema: VertiportSlot },
      200: { description: 'the intent already held it', schema: VertiportSlot },
      409: {
        description: 'slot clash or closed (or the intent is not live)',
        schema: z.union([VertiportSlotRefusal, ErrorBody]),
      },
      ...pickErrors(400, 404, 413, 415),
    },
  }),
  getTrafficNetwork: defineOperation({
    method: 'get',
    path: '/api/traffic/network',
    operationId: 'getTrafficNetwork',
    summary: 'The designated air routes, waypoints and vertiports (Sandbox X trial data, with provenance)',
    tags: TAGS,
    request: {},
    responses: { 200: { description: 'the network in force', schema: TrafficNetworkResponse } },
  }),
  listVertiportSlots: defineOperation({
    method: 'get',
    path: '/api/vertiports/:id/slots',
    operationId: 'listVertiportSlots',
    summary: 'The slots held at a vertiport, in time order',
    tags: TAGS,
    request: { params: IdParams },
    responses: { 200: { description: 'slots', schema: z.array(VertiportSlot) }, ...pickErrors(404) },
  }),
};
