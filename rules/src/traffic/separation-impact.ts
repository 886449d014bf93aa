import { buildTimeline } from '../engine/timeline.js';
import type { FlightPlan } from '../model/plan.js';
import { buildIntentFromPlan } from './build-intent.js';
import { GridIntentStore } from './grid-index.js';
import type { TrafficParams } from './params.js';
import { createPlane, type Plane, toPlane } from './plane.js';

/** Planned positions are compared once a second over the time both flights fly. */
const STEP_MS = 1000;

interface PlannedTrack {
  ref: string;
  t0: number;
  t1: number;
  /** planar x, y (m) and altitude (the plan's reference) at time t, written into `out` */
  at(tMs: number, out: [number, number, number]): void;
}

/** A plan flown as the engine times it: hover at each waypoint until departure, then straight to the next. */
function trackOf(plan: FlightPlan, plane: Plane): PlannedTrack | null {
  const { timeline, issues } = buildTimeline(plan.route, Date.parse(plan.start));
  if (issues.length > 0 || timeline.legs.length === 0) return null;
  const pts = plan.route.coordinates.map((c) => [...toPlane(plane, c[0], c[1]), c[2]] as const);
  const legs = timeline.legs;
  const last = legs[legs.length - 1];
  return {
    ref: plan.route.altitudeRef,
    t0: legs[0].arriveMs,
    t1: last.endMs + timeline.finalHoverMs,
    at(t, out) {
      const leg = legs.find((l) => t < l.endMs) ?? last;
      const a = pts[leg.leg];
      const b = pts[leg.leg + 1];
      const span = leg.endMs - leg.departMs;
      const f = t <= leg.departMs || span <= 0 ? 0 : Math.min(1, (t - leg.departMs) / span);
      const end = t >= last.endMs;
      for (let k = 0; k < 3; k++) out[k] = end ? b[k] : a[k] + (b[k] - a[k]) * f;
    },
  };
}

function losesSeparation(a: PlannedTrack, b: PlannedTrack, h: number, v: number): boolean {
  const p: [number, number, number] = [0, 0, 0];
  const q: [number, number, number] = [0, 0, 0];
  // different height references cannot be compared without the ground: taken as vertically close (conservative)
  const sameRef = a.ref === b.ref;
  for (let t = Math.max(a.t0, b.t0); t <= Math.min(a.t1, b.t1); t += STEP_MS) {
    a.at(t, p);
    b.at(t, q);
    if (Math.hypot(p[0] - q[0], p[1] - q[1]) < h && (!sameRef || Math.abs(p[2] - q[2]) < v)) return true;
  }
  return false;
}

/**
 * Planned losses of separation over a corpus under the traffic params' separation minima: pairs of plans that,
 * flown as planned, come closer than both minima (horizontal in the shared plane, vertical in the plans' height
 * reference) at the same moment, sampled each second. Candidate pairs come from the deconfliction index over
 * intents whose buffers are half the minima with no time buffers: two positions closer than the minima lie in
 * intersecting volumes, so the index misses no pair and the sampling decides.
 */
export function plannedSeparationLosses(plans: readonly { key: string; plan: FlightPlan }[], params: TrafficParams) {
  const { horizontalM: h, verticalM: v } = params.separation;
  const probe: TrafficParams = {
    ...params,
    buffers: { lateralM: h / 2, verticalM: v / 2, timeBeforeS: 0, timeAfterS: 0 },
    // every candidate is wanted, no start shift
    deconfliction: { ...params.deconfliction, maxShiftS: 0 },
  };
  const plane = createPlane(params.plane.originLon, params.plane.originLat);
  const store = new GridIntentStore(probe);
  const tracks = new Map<string, PlannedTrack>();
  let losses = 0;
  for (const [i, p] of plans.entries()) {
    const id = `${p.key}#${i}`;
    const track = trackOf(p.plan, plane);
    const built = buildIntentFromPlan(p.plan, probe, { id, manager: 'impact', operator: p.key });
    if (!track || !built.ok) continue;
    for (const c of store.submit(built.intent).conflicts) {
      const other = tracks.get(c.intentId);
      if (other && losesSeparation(track, other, h, v)) losses++;
    }
    store.put(built.intent);
    tracks.set(id, track);
  }
  return { horizontalM: h, verticalM: v, losses };
}
