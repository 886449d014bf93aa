import { type HeightRange, heightRange, type LegGeometry } from '../airspace/terrain-profile.js';
import type { Route, Zone } from '../model/index.js';
import { type AirspaceView, flatGround, type LegFootprint } from './airspace-view.js';
import { heights, type Timeline } from './timeline.js';

/** One 4-D point of a planned flight, with the zones it is in. */
export interface RouteSample {
  leg: number;
  lon: number;
  lat: number;
  altAmslM: number;
  aglM: number;
  tMs: number;
  groundSpeedKmh: number;
  zones: Zone[];
}

/** Sampling density: a sample at least every SPACING_M metres and every STEP_MS of flight. */
export const SPACING_M = 25;
export const STEP_MS = 5_000;
/** …and every VERTICAL_SPACING_M of climb or descent, so a height limit is caught close to where it is crossed. */
export const VERTICAL_SPACING_M = 2;
const HOVER_STEP_MS = 10_000;
const MAX_HOVER_STEPS = 500;
const MAX_PER_LEG = 4_000;
/** Zone boundaries are sampled just inside and just outside, so a brief passage is never missed. */
const EDGE = 1e-7;

/**
 * A stretch of the flight on one sampling grid: the flight along a leg, or a hover at one of its ends.
 * Sample k is at fraction `f[k]` of the leg at time `t[k]`.
 */
export interface Segment {
  leg: number;
  hover: boolean;
  f: Float64Array;
  t: Float64Array;
  speedKmh: number;
  /** Both ends, and the samples at and around zone boundary crossings: adaptive sampling always checks these. */
  mandatory: Uint8Array;
  /** The zone footprints the leg passes through (shared by the leg's flight and its hovers). */
  footprints: readonly LegFootprint[];
  /** The leg's lowest and highest heights over the ground model (flight segments only). */
  heights?: HeightRange;
}

/** A leg of the route as the ground walk sees it. */
export function legGeometry(route: Route, leg: number): LegGeometry {
  const a = route.coordinates[leg];
  const b = route.coordinates[leg + 1];
  return { aLon: a[0], aLat: a[1], bLon: b[0], bLat: b[1], aAlt: a[2], bAlt: b[2], ref: route.altitudeRef };
}

/**
 * Where the heights are extreme, over the whole leg and over each zone passage: sampled exactly there, so the
 * highest point above a ridge (or the lowest over a valley) is judged even between grid samples.
 */
function extremeFractions(
  geometry: LegGeometry,
  view: AirspaceView,
  footprints: readonly LegFootprint[],
  into: number[],
) {
  const add = (r: HeightRange) => into.push(r.minAglF, r.maxAglF, r.minAmslF, r.maxAmslF);
  for (const fp of footprints) {
    const f0 = Math.max(0, fp.enter);
    const f1 = Math.min(1, fp.exit);
    if (f1 > f0) add(heightRange(view.elevation, geometry, f0, f1));
  }
}

function hoverSegment(leg: number, f: number, fromMs: number, toMs: number, footprints: readonly LegFootprint[]) {
  const n = Math.min(MAX_HOVER_STEPS, Math.ceil((toMs - fromMs) / HOVER_STEP_MS));
  const fs = new Float64Array(n + 1).fill(f);
  const t = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) t[k] = fromMs + ((toMs - fromMs) * k) / n;
  const mandatory = new Uint8Array(n + 1);
  mandatory[0] = 1;
  mandatory[n] = 1;
  return { leg, hover: true, f: fs, t, speedKmh: 0, mandatory, footprints };
}

/** The grid k/n merged with the (sorted) boundary fractions, without duplicates; boundary samples marked. */
function mergeFractions(n: number, extra: number[]): { f: Float64Array; mandatory: Uint8Array } {
  extra.sort((p, q) => p - q);
  const f = new Float64Array(n + 1 + extra.length);
  const marks = new Uint8Array(f.length);
  let len = 0;
  const add = (x: number, mark: boolean) => {
    if (len > 0 && f[len - 1] === x) {
      if (mark) marks[len - 1] = 1;
      return;
    }
    f[len] = x;
    marks[len++] = mark ? 1 : 0;
  };
  let e = 0;
  for (let k = 0; k <= n; k++) {
    const g = k / n;
    while (e < extra.length && extra[e] <= g) add(extra[e++], true);
    add(g, k === 0 || k === n);
  }
  while (e < extra.length) add(extra[e++], true);
  return { f: f.subarray(0, len), mandatory: marks.subarray(0, len) };
}

/**
 * The dense sampling grid of a route: along every leg a regular grid in distance, height and time plus the
 * exact zone entry and exit fractions from the index's leg crossings (sampled just before, at and just after),
 * so a leg that clips a zone between waypoints is caught and a zone active only part of the time is judged at
 * the moment the aircraft is there; hovers are sampled in time.
 */
export function routeSegments(route: Route, timeline: Timeline, view: AirspaceView): Segment[] {
  const c = route.coordinates;
  const segments: Segment[] = [];
  let lastFootprints: readonly LegFootprint[] = [];
  for (const lt of timeline.legs) {
    const a = c[lt.leg];
    const b = c[lt.leg + 1];
    const footprints = view.legFootprints(a[0], a[1], b[0], b[1]);
    lastFootprints = footprints;
    if (lt.departMs > lt.arriveMs) segments.push(hoverSegment(lt.leg, 0, lt.arriveMs, lt.departMs, footprints));
    const dur = lt.endMs - lt.departMs;
    const climb = Math.abs(b[2] - a[2]);
    const n = Math.min(
      MAX_PER_LEG,
      Math.max(
        1,
        Math.ceil(lt.horizontalM / SPACING_M),
        Math.ceil(dur / STEP_MS),
        Math.ceil(climb / VERTICAL_SPACING_M),
      ),
    );
    const extra: number[] = [];
    for (const fp of footprints)
      for (const x of [fp.enter, fp.exit]) for (const f of [x - EDGE, x, x + EDGE]) if (f >= 0 && f <= 1) extra.push(f);
    const geometry = legGeometry(route, lt.leg);
    const heights = heightRange(view.elevation, geometry);
    if (!flatGround(view)) {
      extra.push(heights.minAglF, heights.maxAglF, heights.minAmslF, heights.maxAmslF);
      extremeFractions(geometry, view, footprints, extra);
    }
    const { f, mandatory } = mergeFractions(n, [...new Set(extra)]);
    const t = new Float64Array(f.length);
    for (let k = 0; k < f.length; k++) t[k] = lt.departMs + f[k] * dur;
    segments.push({ leg: lt.leg, hover: false, f, t, speedKmh: lt.speedKmh, mandatory, footprints, heights });
  }
  const last = timeline.legs[timeline.legs.length - 1];
  if (last && last.endMs + timeline.finalHoverMs > last.endMs)
    segments.push(hoverSegment(last.leg, 1, last.endMs, last.endMs + timeline.finalHoverMs, lastFootprints));
  return segments;
}

/** Sample k of a segment: position, heights and the zones it is in. */
export function sampleAt(route: Route, seg: Segment, k: number, view: AirspaceView): RouteSample {
  const a = route.coordinates[seg.leg];
  const b = route.coordinates[seg.leg + 1];
  const f = seg.f[k];
  const tMs = seg.t[k];
  const lon = a[0] + f * (b[0] - a[0]);
  const lat = a[1] + f * (b[1] - a[1]);
  const alt = a[2] + f * (b[2] - a[2]);
  const h = heights(alt, route.altitudeRef, lon, lat, view.elevation);
  return {
    leg: seg.leg,
    lon,
    lat,
    altAmslM: h.altAmslM,
    aglM: h.aglM,
    tMs,
    groundSpeedKmh: seg.speedKmh,
    zones: view.zonesAt(lon, lat, h.altAmslM, tMs),
  };
}

/** Every sample of the dense grid, in flight order. */
export function sampleRoute(route: Route, timeline: Timeline, view: AirspaceView): RouteSample[] {
  const out: RouteSample[] = [];
  for (const seg of routeSegments(route, timeline, view))
    for (let k = 0; k < seg.f.length; k++) out.push(sampleAt(route, seg, k, view));
  return out;
}
