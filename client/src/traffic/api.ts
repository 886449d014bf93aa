import {
  AirspaceConflictResponse,
  type GetIntentResponse,
  operations,
  type PutIntentBody,
  type ResponseOf,
  type TrafficNetworkResponse,
} from '@sua-sandbox/rules/api';
import type { FlightPlan } from '@sua-sandbox/rules/model';
import type { OperationalIntent } from '@sua-sandbox/rules/traffic';
import type { z } from 'zod';
import { ApiError, call } from '../net/api.js';

/** The Traffic view's calls: the route network, the intents of a day, and submitting an intent. */
export type TrafficNetwork = z.output<typeof TrafficNetworkResponse>;
export type StoredIntent = z.output<typeof GetIntentResponse>;
export type AirspaceConflict = z.output<typeof AirspaceConflictResponse>;
export type IntentConflictView = AirspaceConflict['conflicts'][number];
export type IntentSubmission = z.input<typeof PutIntentBody>;

/** Most intents drawn at once: each costs one GET (the InterUSS query returns references only). */
export const MAX_DRAWN_INTENTS = 300;
const PARALLEL_GETS = 6;

export function fetchNetwork(): Promise<TrafficNetwork> {
  return call(operations.getTrafficNetwork, {});
}

/** The whole of Hong Kong, every height, over [fromMs, toMs): the area of interest of one day's query. */
function dayArea(fromMs: number, toMs: number) {
  return {
    volume: {
      outline_circle: { center: { lat: 22.35, lng: 114.15 }, radius: { value: 80_000, units: 'M' as const } },
      altitude_lower: { value: -1000, reference: 'W84' as const, units: 'M' as const },
      altitude_upper: { value: 20_000, reference: 'W84' as const, units: 'M' as const },
    },
    time_start: { value: new Date(fromMs).toISOString(), format: 'RFC3339' as const },
    time_end: { value: new Date(toMs).toISOString(), format: 'RFC3339' as const },
  };
}

/**
 * The live intents over Hong Kong in [fromMs, toMs), with their volumes: what the server lets this principal
 * read (the query and each intent's details are the server's access policy, not the client's).
 */
export async function fetchIntents(
  fromMs: number,
  toMs: number,
): Promise<{ intents: OperationalIntent[]; more: boolean }> {
  const { operational_intent_references: refs } = await call(operations.queryOperationalIntentReferences, {
    body: { area_of_interest: dayArea(fromMs, toMs) },
  });
  const wanted = refs.slice(0, MAX_DRAWN_INTENTS);
  const out: OperationalIntent[] = [];
  for (let i = 0; i < wanted.length; i += PARALLEL_GETS) {
    const batch = wanted.slice(i, i + PARALLEL_GETS).map((r) =>
      call(operations.getOperationalIntentReference, { params: { entityid: r.id } }).then(
        (got) => got.operational_intent,
        // ended or refused between the query and the read: draw the others
        (e: unknown) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return undefined;
          throw e;
        },
      ),
    );
    for (const got of await Promise.all(batch)) if (got) out.push(got);
  }
  return { intents: out, more: refs.length > wanted.length };
}

export type SubmitOutcome =
  | { accepted: true; reply: ResponseOf<typeof operations.putOperationalIntentReference> }
  | { accepted: false; refusal: AirspaceConflict };

/**
 * PUT an operational intent. A 409 carrying conflicts is an answer (the conflicting intents, their operators and
 * the earliest shift), not an error; any other failure is the HTTP layer's ApiError.
 */
export async function submitIntent(id: string, body: IntentSubmission): Promise<SubmitOutcome> {
  try {
    const reply = await call(operations.putOperationalIntentReference, { params: { entityid: id }, body });
    return { accepted: true, reply };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const refusal = AirspaceConflictResponse.safeParse(e.body);
    if (refusal.success) return { accepted: false, refusal: refusal.data };
    throw e;
  }
}

export interface StoredPlanItem {
  id: string;
  name: string | null;
  start: string;
}

/** The plans this principal may submit (its organisation's; the server scopes the list). */
export async function fetchPlans(): Promise<StoredPlanItem[]> {
  const list = await call(operations.listPlans, { query: { limit: 500, offset: 0 } });
  return list.items.map((p) => ({ id: p.id, name: p.name, start: p.start }));
}

/** A stored plan's content (to draw a refused submission's route). */
export async function fetchPlan(id: string): Promise<FlightPlan> {
  return (await call(operations.getPlan, { params: { id } })).plan;
}

/**
 * Store a plan for this principal (the plan checker's "Submit as operational intent"); its id. The server makes
 * the id: a checked file's own id may be stored already (the same example checked twice).
 */
export async function storePlan(plan: FlightPlan): Promise<string> {
  const { id: _fileId, ...body } = plan;
  const stored = await call(operations.createPlan, { body });
  // only an uploaded file becomes a job (202); a JSON plan is stored at once
  if (!('id' in stored)) throw new Error('the server queued this plan as a job instead of storing it');
  return stored.id;
}
