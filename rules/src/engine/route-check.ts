import type { PlanContext } from '../kinds/types.js';
import type { Route } from '../model/index.js';
import { type AirspaceView, flatGround } from './airspace-view.js';
import { type FlightPoint, permissionPointHits, type RuleHit, sampleRuleHits, toSampleContext } from './check.js';
import type { CompiledRule } from './compile.js';
import type { LegHeights } from './ground-clearance.js';
import type { PreparedPermission } from './permissions.js';
import { type RouteSample, routeSegments, type Segment, sampleAt } from './samples.js';
import { type StretchEnd, stretchSteady } from './stretch.js';
import type { Timeline } from './timeline.js';

/**
 * How densely a route is checked. "dense": every sample of the grid (routeSegments). "adaptive" (default):
 * only where something can change — the ends of each leg and hover, zone boundary crossings, and in between
 * by bisection wherever two checked samples differ or a rule cannot vouch for the stretch between them.
 * Both give the same report; adaptive is much faster on long legs.
 */
export type Sampling = 'adaptive' | 'dense';

/**
 * The samples checked, in flight order, with the raw hits of every per-sample rule at each. Two consecutive
 * checked samples are neighbours on the grid, or the ends of a stretch along which every per-sample result is
 * provably the same as at both ends (with measured values worst at an end): merging consecutive hits over
 * these samples gives the findings of the dense grid.
 */
export interface RouteCheck {
  samples: RouteSample[];
  points: FlightPoint[];
  hits: RuleHit[][];
  /** Every flight leg's lowest and highest heights over the ground model. */
  legs: LegHeights[];
}

export interface RouteCheckInput {
  route: Route;
  timeline: Timeline;
  view: AirspaceView;
  /** Every per-sample rule that may apply (for either operation type). */
  rules: readonly CompiledRule[];
  /** Every declared permission (those relied upon are a subset). */
  permissions: readonly PreparedPermission[];
  ctx: PlanContext;
  pilot: readonly [number, number];
  sampling?: Sampling;
}

/** Always-checked samples of a segment are joined by checked samples at most this many grid steps apart. */
const COARSE_STEPS = 32;
/** A stretch this short that cannot be vouched for is checked sample by sample rather than bisected. */
const SCAN_STEPS = 3;

interface Checked extends StretchEnd {
  point: FlightPoint;
  hits: RuleHit[];
  /** What the report depends on at this sample, besides measured values. */
  signature: string;
}

function hitKey(order: number, h: RuleHit['hit']): string {
  return `${order}\u0001${h.effect}\u0001${h.trigger ?? ''}\u0001${h.msg.code}\u0001${h.zoneId ?? ''}\u0002`;
}

export function checkRoute(input: RouteCheckInput): RouteCheck {
  const { route, view, rules, permissions, ctx } = input;
  const [pilotLon, pilotLat] = input.pilot;
  const flat = flatGround(view);
  const dense = input.sampling === 'dense';
  const result: RouteCheck = { samples: [], points: [], hits: [], legs: [] };

  for (const seg of routeSegments(route, input.timeline, view)) {
    if (seg.heights) result.legs.push({ leg: seg.leg, heights: seg.heights });
    const checked: (Checked | undefined)[] = new Array(seg.f.length);
    const check = (k: number): Checked => {
      const done = checked[k];
      if (done) return done;
      const sample = sampleAt(route, seg, k, view);
      const point: FlightPoint = {
        lon: sample.lon,
        lat: sample.lat,
        altAmslM: sample.altAmslM,
        aglM: sample.aglM,
        tMs: sample.tMs,
        groundSpeedKmh: sample.groundSpeedKmh,
        pilotLon,
        pilotLat,
        zones: sample.zones,
      };
      const context = toSampleContext(point, view);
      const hits = sampleRuleHits(rules, context, ctx);
      let signature = '';
      for (const h of hits) signature += hitKey(h.rule.order, h.hit);
      for (const t of permissionPointHits(permissions, point)) signature += hitKey(t.source.order, t.hit);
      const c: Checked = { sample, point, context, hits, signature };
      checked[k] = c;
      return c;
    };
    if (dense) for (let k = 0; k < seg.f.length; k++) check(k);
    else
      selectSamples(seg, check, (i, j, a, b) =>
        stretchSteady({ seg, i, j, a, b, view, flat, route, rules, permissions, ctx }),
      );
    for (const c of checked) {
      if (!c) continue;
      result.samples.push(c.sample);
      result.points.push(c.point);
      result.hits.push(c.hits);
    }
  }
  return result;
}

/** Adaptive sampling of one segment: check the always-checked samples, then bisect where needed. */
function selectSamples(
  seg: Segment,
  check: (k: number) => Checked,
  steady: (i: number, j: number, a: Checked, b: Checked) => boolean,
): void {
  const refine = (i: number, j: number): void => {
    if (j - i <= 1) return;
    const a = check(i);
    const b = check(j);
    if (a.signature === b.signature && steady(i, j, a, b)) return;
    if (j - i <= SCAN_STEPS) {
      for (let k = i + 1; k < j; k++) check(k);
      return;
    }
    const m = (i + j) >>> 1;
    refine(i, m);
    refine(m, j);
  };
  const last = seg.f.length - 1;
  check(0);
  let prev = 0;
  for (let k = 1; k <= last; k++) {
    if (seg.mandatory[k] !== 1 && k - prev < COARSE_STEPS) continue;
    check(k);
    refine(prev, k);
    prev = k;
  }
}
