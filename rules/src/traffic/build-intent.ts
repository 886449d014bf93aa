import type { Issue } from '../engine/issues.js';
import { buildTimeline } from '../engine/timeline.js';
import type { FlightPlan } from '../model/plan.js';
import { computeOvn, type OperationalIntent } from './intent.js';
import type { TrafficParams } from './params.js';
import { createPlane, fromPlane, type Plane, toPlane } from './plane.js';
import { type LatLngPoint, timeOf, type Volume4D } from './volume.js';

export interface IntentOptions {
  id: string;
  manager: string;
  operator: string;
  /** declared by the applicant (e.g. "medical-delivery"); otherwise from the plan's purpose */
  priorityClass?: string;
}

export type BuildIntentResult = { ok: true; intent: OperationalIntent } | { ok: false; issues: Issue[] };

const ARC_STEPS = 8;

/** The capsule's outline as a polygon (half-circle ends of ARC_STEPS segments), counter-clockwise. */
export function capsulePolygon(plane: Plane, a: LatLngPoint, b: LatLngPoint, halfWidthM: number): LatLngPoint[] {
  const [ax, ay] = toPlane(plane, a.lng, a.lat);
  const [bx, by] = toPlane(plane, b.lng, b.lat);
  const heading = ax === bx && ay === by ? 0 : Math.atan2(by - ay, bx - ax);
  const out: LatLngPoint[] = [];
  const arc = (cx: number, cy: number, from: number) => {
    for (let k = 0; k <= ARC_STEPS; k++) {
      const t = from + (Math.PI * k) / ARC_STEPS;
      const [lng, lat] = fromPlane(plane, cx + halfWidthM * Math.cos(t), cy + halfWidthM * Math.sin(t));
      out.push({ lat, lng });
    }
  };
  arc(bx, by, heading - Math.PI / 2);
  arc(ax, ay, heading + Math.PI / 2);
  return out;
}

/** The priority class of a plan: the declared one if it is known, else by purpose, else the default. */
export function priorityClassOf(
  plan: FlightPlan,
  params: TrafficParams,
  declared?: string,
): { ok: true; cls: string } | { ok: false; issues: Issue[] } {
  const p = params.priorities;
  if (declared !== undefined) {
    if (Object.hasOwn(p.classes, declared)) return { ok: true, cls: declared };
    return {
      ok: false,
      issues: [
        {
          path: ['priorityClass'],
          message: `unknown priority class "${declared}"; known: ${Object.keys(p.classes).join(', ')}`,
        },
      ],
    };
  }
  return { ok: true, cls: p.byPurpose[plan.operation.purpose] ?? p.default };
}

/**
 * An operational intent from a flight plan: one Volume4D per leg, the leg's segment buffered by
 * `buffers.lateralM`, its altitudes widened by `buffers.verticalM`, and its time window (hover at the leg's
 * first waypoint included; final hover in the last leg) widened by the time buffers. State Accepted, v1.
 */
export function buildIntentFromPlan(plan: FlightPlan, params: TrafficParams, opts: IntentOptions): BuildIntentResult {
  const cls = priorityClassOf(plan, params, opts.priorityClass);
  if (!cls.ok) return cls;
  const startMs = Date.parse(plan.start);
  const { timeline, issues } = buildTimeline(plan.route, startMs);
  if (issues.length > 0) return { ok: false, issues };
  const plane = createPlane(params.plane.originLon, params.plane.originLat);
  const b = params.buffers;
  const ref = plan.route.altitudeRef;
  const c = plan.route.coordinates;
  const volumes: Volume4D[] = timeline.legs.map((leg, i) => {
    const start: LatLngPoint = { lat: c[leg.leg][1], lng: c[leg.leg][0] };
    const end: LatLngPoint = { lat: c[leg.leg + 1][1], lng: c[leg.leg + 1][0] };
    const lower = Math.min(c[leg.leg][2], c[leg.leg + 1][2]) - b.verticalM;
    const upper = Math.max(c[leg.leg][2], c[leg.leg + 1][2]) + b.verticalM;
    const last = i === timeline.legs.length - 1;
    const endMs = leg.endMs + (last ? timeline.finalHoverMs : 0);
    return {
      volume: {
        outline_polygon: { vertices: capsulePolygon(plane, start, end, b.lateralM) },
        outline_corridor: { start, end, half_width: { value: b.lateralM, units: 'M' } },
        altitude_lower: { value: lower, reference: ref, units: 'M' },
        altitude_upper: { value: upper, reference: ref, units: 'M' },
      },
      time_start: timeOf(leg.arriveMs - b.timeBeforeS * 1000),
      time_end: timeOf(endMs + b.timeAfterS * 1000),
    };
  });
  const t0 = Math.min(...volumes.map((v) => Date.parse(v.time_start.value)));
  const t1 = Math.max(...volumes.map((v) => Date.parse(v.time_end.value)));
  return {
    ok: true,
    intent: {
      reference: {
        id: opts.id,
        manager: opts.manager,
        operator: opts.operator,
        state: 'Accepted',
        version: 1,
        ovn: computeOvn(opts.id, 1, 'Accepted', volumes),
        time_start: timeOf(t0),
        time_end: timeOf(t1),
      },
      details: {
        volumes,
        off_nominal_volumes: [],
        priority: params.priorities.classes[cls.cls],
        priority_class: cls.cls,
      },
    },
  };
}
