import { z } from 'zod';
import type { FlightPlan } from '../model/plan.js';
import { buildIntentFromPlan } from './build-intent.js';
import { compileIntent } from './compiled.js';
import { GridIntentStore } from './grid-index.js';
import { type OperationalIntent, shiftIntent } from './intent.js';
import { earliestShift } from './overlap.js';
import { createPlane } from './plane.js';
import { checkPlanOnRoute } from './route-check.js';
import { plannedSeparationLosses } from './separation-impact.js';
import type { TrafficData } from './traffic-draft.js';

/**
 * What a draft's traffic parameters cost or gain over a corpus of plans (issue 16 item 5), before and after:
 *   conflicts  — pairs of corpus intents whose 4-D volumes intersect (the deconfliction index's exact test);
 *   delays     — intents taken in order of start (then key), each delayed by the earliest shift that clears the
 *                accepted ones of priority ≥ its own (as deconfliction suggests), then accepted shifted;
 *                `unresolved`: no shift ≤ deconfliction.maxShiftS clears it;
 *   capacity   — per route, flights per hour = floor(min(3600 / headwayS, capacity × 3600 / slotLengthS of
 *                each route-end vertiport)), where headwayS is the earliest start shift at which a second,
 *                identical flight of the route's first conforming corpus plan clears the first (in-trail
 *                separation under the buffers). Null when no corpus plan flies the route;
 *   separation — the minima (traffic params `separation`, which live sessions under the draft use) and the planned
 *                losses of separation under them: pairs of corpus plans that, flown as planned, come closer than
 *                both at the same moment (separation-impact.ts).
 */
const Count = z.number().int().min(0);

export const TrafficRouteImpact = z.object({
  routeId: z.string(),
  plans: Count.describe('corpus plans that stay on the route (width, layer, direction, hours)'),
  conflicts: Count.describe('conflicting pairs among those plans'),
  headwayS: z.number().int().nullable().describe('in-trail start separation of the reference flight'),
  flightsPerHour: Count.nullable(),
  limitedBy: z.string().nullable().describe('"route" (headway) or the id of the limiting vertiport'),
});
export type TrafficRouteImpact = z.infer<typeof TrafficRouteImpact>;

export const TrafficSide = z.object({
  intents: Count,
  skipped: Count.describe('plans that are invalid or give no intent'),
  conflicts: Count,
  delays: z.object({ delayed: Count, totalS: Count, maxS: Count, unresolved: Count }),
  routes: z.array(TrafficRouteImpact),
  separation: z.object({
    horizontalM: z.number(),
    verticalM: z.number(),
    losses: Count.describe('pairs of plans that, flown as planned, come closer than both minima at once'),
  }),
});
export type TrafficSide = z.infer<typeof TrafficSide>;

export const TrafficImpact = z
  .object({
    changes: z.array(z.string()).describe('the traffic parameter paths the draft sets'),
    before: TrafficSide,
    after: TrafficSide,
    delta: z.object({
      conflicts: z.number().int(),
      delayTotalS: z.number().int(),
      unresolved: z.number().int(),
      separationLosses: z.number().int(),
      routes: z.array(z.object({ routeId: z.string(), flightsPerHour: z.number().int().nullable() })),
    }),
  })
  .meta({ id: 'TrafficImpact' });
export type TrafficImpact = z.infer<typeof TrafficImpact>;

export interface TrafficPlan {
  key: string;
  plan: FlightPlan;
}

const SLOT_HOUR_S = 3600;

function intentsOf(plans: readonly TrafficPlan[], data: TrafficData) {
  const out: { key: string; plan: FlightPlan; intent: OperationalIntent }[] = [];
  for (const [i, p] of plans.entries()) {
    const r = buildIntentFromPlan(p.plan, data.params, { id: `${p.key}#${i}`, manager: 'impact', operator: p.key });
    if (r.ok) out.push({ key: p.key, plan: p.plan, intent: r.intent });
  }
  return out;
}

/** In-trail headway: the earliest shift at which an identical copy clears the intent (search up to a day). */
function headwayOf(intent: OperationalIntent, data: TrafficData): number | null {
  const plane = createPlane(data.params.plane.originLon, data.params.plane.originLat);
  const lead = compileIntent(plane, intent);
  const follower = compileIntent(plane, { ...intent, reference: { ...intent.reference, id: `${lead.id}~` } });
  return earliestShift(follower, [lead], 86_400);
}

/** One side (base or draft) of the analysis: see the module comment for each measure. */
export function analyseTraffic(plans: readonly TrafficPlan[], data: TrafficData): TrafficSide {
  const intents = intentsOf(plans, data);
  const conflictStore = new GridIntentStore(data.params);
  const pairs: [string, string][] = [];
  for (const x of intents) {
    for (const k of conflictStore.submit(x.intent).conflicts) pairs.push([k.intentId, x.intent.reference.id]);
    conflictStore.put(x.intent);
  }
  const seqStore = new GridIntentStore(data.params);
  const delays = { delayed: 0, totalS: 0, maxS: 0, unresolved: 0 };
  const t0 = (x: (typeof intents)[number]) => Date.parse(x.intent.reference.time_start.value);
  const byStart = [...intents].sort(
    (a, b) => t0(a) - t0(b) || (a.intent.reference.id < b.intent.reference.id ? -1 : 1),
  );
  for (const x of byStart) {
    const s = seqStore.submit(x.intent).earliestShiftS;
    if (s === null) {
      delays.unresolved++;
      continue;
    }
    if (s > 0) {
      delays.delayed++;
      delays.totalS += s;
      delays.maxS = Math.max(delays.maxS, s);
    }
    seqStore.put(s > 0 ? shiftIntent(x.intent, s) : x.intent);
  }
  const routes = data.network.routes.map((route): TrafficRouteImpact => {
    const on = intents.filter((x) => {
      const r = checkPlanOnRoute(x.plan, data.network, route.id, data.params);
      return r.ok && r.findings.length === 0;
    });
    const ids = new Set(on.map((x) => x.intent.reference.id));
    const conflicts = pairs.filter(([a, b]) => ids.has(a) && ids.has(b)).length;
    if (on.length === 0)
      return { routeId: route.id, plans: 0, conflicts, headwayS: null, flightsPerHour: null, limitedBy: null };
    const headwayS = headwayOf(on[0].intent, data);
    let best = headwayS === null || headwayS === 0 ? Number.POSITIVE_INFINITY : SLOT_HOUR_S / headwayS;
    let limitedBy = 'route';
    const ends = [route.points[0], route.points[route.points.length - 1]];
    for (const v of data.network.vertiports.filter((p) => ends.includes(p.id))) {
      const rate = (v.capacity * SLOT_HOUR_S) / v.slotLengthS;
      if (rate < best) [best, limitedBy] = [rate, v.id];
    }
    const flightsPerHour = Number.isFinite(best) ? Math.floor(best) : null;
    return { routeId: route.id, plans: on.length, conflicts, headwayS, flightsPerHour, limitedBy };
  });
  const separation = plannedSeparationLosses(intents, data.params);
  return {
    intents: intents.length,
    skipped: plans.length - intents.length,
    conflicts: pairs.length,
    delays,
    routes,
    separation,
  };
}

/** Base and draft traffic data over the same corpus, with the change in each measure (after − before). */
export function compareTraffic(
  plans: readonly TrafficPlan[],
  base: TrafficData,
  draft: TrafficData,
  changes: string[],
  skipped = 0,
): TrafficImpact {
  const side = (d: TrafficData) => {
    const s = analyseTraffic(plans, d);
    return { ...s, skipped: s.skipped + skipped };
  };
  const before = side(base);
  const after = side(draft);
  const fph = (s: TrafficSide, id: string) => s.routes.find((r) => r.routeId === id)?.flightsPerHour ?? null;
  return {
    changes,
    before,
    after,
    delta: {
      conflicts: after.conflicts - before.conflicts,
      delayTotalS: after.delays.totalS - before.delays.totalS,
      unresolved: after.delays.unresolved - before.delays.unresolved,
      separationLosses: after.separation.losses - before.separation.losses,
      routes: after.routes.map((r) => {
        const a = fph(after, r.routeId);
        const b = fph(before, r.routeId);
        return { routeId: r.routeId, flightsPerHour: a === null || b === null ? null : a - b };
      }),
    },
  };
}
