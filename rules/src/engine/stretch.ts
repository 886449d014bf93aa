import { distanceM } from '../airspace/index.js';
import type { PlanContext, SampleContext, Stretch } from '../kinds/types.js';
import type { Zone, ZoneEffect } from '../model/index.js';
import type { AirspaceView, ZoneRef } from './airspace-view.js';
import type { CompiledRule } from './compile.js';
import { verticalSide } from './geo.js';
import type { PointInTime, PreparedPermission } from './permissions.js';
import type { RouteSample, Segment } from './samples.js';

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
  rules: readonly CompiledRule[];
  permissions: readonly PreparedPermission[];
  ctx: PlanContext;
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
function zonesConstant(s: StretchInput, times: ArrayLike<number>): boolean {
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
      if (!s.flat) return false;
      const { lower, upper } = fp.zone;
      if (verticalSide(a.sample.altAmslM, lower, upper) !== verticalSide(b.sample.altAmslM, lower, upper)) return false;
    }
    if (timedZone(fp.zone) && !activityConstant(fp, times)) return false;
  }
  return true;
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
  if (!zonesConstant(s, times)) return false;
  const lengthM = seg.hover ? 0 : distanceM(a.sample.lon, a.sample.lat, b.sample.lon, b.sample.lat);
  const linearHeights = seg.hover || s.flat;
  const checked = new Map<ZoneEffect, boolean>();
  const stretch: Stretch = {
    lengthM,
    linearHeights,
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
  for (const p of s.permissions) if (!p.steady(a.point, b.point, lengthM, linearHeights, times)) return false;
  return true;
}
