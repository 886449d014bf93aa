import { distanceM } from '../airspace/index.js';
import { type HeightRange, heightRange } from '../airspace/terrain-profile.js';
import type { PlanContext, SampleContext, Stretch } from '../kinds/types.js';
import { type Altitude, lengthToMetres, type Route, type Zone, type ZoneEffect } from '../model/index.js';
import type { AirspaceView, ZoneRef } from './airspace-view.js';
import type { CompiledRule } from './compile.js';
import { verticalSide } from './geo.js';
import type { PointInTime, PreparedPermission } from './permissions.js';
import { legGeometry, type RouteSample, type Segment } from './samples.js';

/** One end of a stretch: a sample already checked. */
export interface StretchEnd {
  sample: RouteSample;
  point: PointInTime;
  context: SampleContext;
}

export interface StretchInput {
  seg: Segment;
  /** Dense sample indices of the ends in `seg` (i < j). */
  i: number;
  j: number;
  a: StretchEnd;
  b: StretchEnd;
  view: AirspaceView;
  /** The view's ground is flat: heights change linearly along a leg. */
  flat: boolean;
  /** The route (for the heights between the ends over uneven ground). */
  route: Route;
  rules: readonly CompiledRule[];
  permissions: readonly PreparedPermission[];
  ctx: PlanContext;
}

/** Range of the heights a limit is compared with (AGL or AMSL) over the stretch. */
function rangeFor(limit: Altitude, r: HeightRange): [number, number] {
  return limit.ref === 'AGL' ? [r.minAglM, r.maxAglM] : [r.minAmslM, r.maxAmslM];
}

/** The whole stretch is on one side of a zone's limit (inclusive bounds, as the airspace index compares). */
function oneSide(limit: Altitude, r: HeightRange, isLower: boolean): boolean {
  const m = lengthToMetres(limit);
  const [lo, hi] = rangeFor(limit, r);
  return isLower ? lo >= m || hi < m : hi <= m || lo > m;
}

function sameZones(p: readonly Zone[], q: readonly Zone[]): boolean {
  if (p.length !== q.length) return false;
  for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return false;
  return true;
}

function activityConstant(ref: ZoneRef, times: ArrayLike<number>): boolean {
  const first = ref.index.isActive(ref.i, times[0]);
  for (let k = 1; k < times.length; k++) if (ref.index.isActive(ref.i, times[k]) !== first) return false;
  return true;
}

function timedZone(z: Zone): boolean {
  return (z.timing?.windows?.length ?? 0) > 0 || (z.timing?.daily?.length ?? 0) > 0;
}

/**
 * Is `zones` the same at every dense sample from i to j? The footprints the stretch is in do not change
 * (no boundary crossing lies strictly inside it: crossings are always-checked samples), so it remains to show
 * that the height stays on the same side of each such zone's vertical limits and its activity does not change.
 */
function zonesConstant(s: StretchInput, times: ArrayLike<number>, range: () => HeightRange): boolean {
  const { seg, a, b } = s;
  if (!sameZones(a.sample.zones, b.sample.zones)) return false;
  const fa = seg.f[s.i];
  const fb = seg.f[s.j];
  for (const fp of seg.footprints) {
    const covers = fp.enter <= fa && fp.exit >= fb;
    if (!covers) {
      if (fp.enter < fb && fp.exit > fa) return false;
      continue;
    }
    if (!seg.hover) {
      const { lower, upper } = fp.zone;
      if (s.flat) {
        if (verticalSide(a.sample.altAmslM, lower, upper) !== verticalSide(b.sample.altAmslM, lower, upper))
          return false;
      } else if (!oneSide(lower, range(), true) || (upper !== null && !oneSide(upper, range(), false))) return false;
    }
    if (timedZone(fp.zone) && !activityConstant(fp, times)) return false;
  }
  return true;
}

/**
 * Every height between the ends lies between their values (each of AGL and AMSL is extreme at an end), which is
 * what the per-sample rules' `linearHeights` promises them: a threshold has the same side at every sample as at
 * both ends when the ends agree, and the worst value is at an end.
 */
function extremesAtEnds(r: HeightRange, a: RouteSample, b: RouteSample): boolean {
  const EPS = 1e-6;
  return (
    r.minAglM >= Math.min(a.aglM, b.aglM) - EPS &&
    r.maxAglM <= Math.max(a.aglM, b.aglM) + EPS &&
    r.minAmslM >= Math.min(a.altAmslM, b.altAmslM) - EPS &&
    r.maxAmslM <= Math.max(a.altAmslM, b.altAmslM) + EPS
  );
}

/**
 * Can the samples strictly between i and j be left unchecked? True only when the zones stay the same, every
 * per-sample rule is steady (its hits change at most once and its measured values are monotone) and every
 * declared permission's envelope answer stays the same. With equal hits at both ends, every sample between
 * then has the same hits and the worst measured values are at the ends: the merged findings are those of
 * checking every sample.
 */
export function stretchSteady(s: StretchInput): boolean {
  const { seg, a, b } = s;
  const times = seg.t.subarray(s.i, s.j + 1);
  // Over uneven ground the heights between the ends are walked over the model's cells once, when first asked.
  let walked: HeightRange | undefined;
  const range = () => {
    walked ??= heightRange(s.view.elevation, legGeometry(s.route, seg.leg), seg.f[s.i], seg.f[s.j]);
    return walked;
  };
  if (!zonesConstant(s, times, range)) return false;
  const lengthM = seg.hover ? 0 : distanceM(a.sample.lon, a.sample.lat, b.sample.lon, b.sample.lat);
  const linearHeights = seg.hover || s.flat || extremesAtEnds(range(), a.sample, b.sample);
  const checked = new Map<ZoneEffect, boolean>();
  const stretch: Stretch = {
    lengthM,
    linearHeights,
    heights: seg.hover || s.flat ? undefined : range(),
    activityConstant(effect) {
      let ok = checked.get(effect);
      if (ok === undefined) {
        ok = s.view.timedZones(effect).every((ref) => activityConstant(ref, times));
        checked.set(effect, ok);
      }
      return ok;
    },
  };
  // A rule that cannot say (no `steady`) makes every stretch uncertain: its samples are all checked.
  for (const rule of s.rules) if (!rule.bound.steady?.(a.context, b.context, s.ctx, stretch)) return false;
  // A permission's own check compares its band at the ends only; over terrain the walked range must first keep
  // to one side of each band limit (its end comparison then only adds caution).
  for (const p of s.permissions) {
    const { lower, upper } = p.permission.altitudeBand;
    const vertical =
      seg.hover || s.flat || (oneSide(lower, range(), true) && (upper === null || oneSide(upper, range(), false)));
    if (!p.steady(a.point, b.point, lengthM, vertical, times)) return false;
  }
  return true;
}
