import type { Route, Zone } from '../model/index.js';
import type { AirspaceView } from './airspace-view.js';
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
const MAX_PER_LEG = 4_000;
/** Zone boundaries are sampled just inside and just outside, so a brief passage is never missed. */
const EDGE = 1e-7;

/**
 * Dense samples along every leg: a regular grid in distance, height and time plus the exact zone entry and exit
 * fractions from the index's leg crossings, so a leg that clips a zone between waypoints is caught and a
 * zone active only part of the time is judged at the moment the aircraft is there.
 */
export function sampleRoute(route: Route, timeline: Timeline, view: AirspaceView): RouteSample[] {
  const c = route.coordinates;
  const samples: RouteSample[] = [];
  const push = (leg: number, f: number, tMs: number, speed: number) => {
    const a = c[leg];
    const b = c[leg + 1];
    const lon = a[0] + f * (b[0] - a[0]);
    const lat = a[1] + f * (b[1] - a[1]);
    const alt = a[2] + f * (b[2] - a[2]);
    const h = heights(alt, route.altitudeRef, lon, lat, view.elevation);
    samples.push({ leg, lon, lat, ...h, tMs, groundSpeedKmh: speed, zones: view.zonesAt(lon, lat, h.altAmslM, tMs) });
  };
  const hoverAt = (leg: number, f: number, fromMs: number, toMs: number) => {
    if (toMs <= fromMs) return;
    const n = Math.min(500, Math.ceil((toMs - fromMs) / HOVER_STEP_MS));
    for (let k = 0; k <= n; k++) push(leg, f, fromMs + ((toMs - fromMs) * k) / n, 0);
  };
  for (const lt of timeline.legs) {
    const a = c[lt.leg];
    const b = c[lt.leg + 1];
    hoverAt(lt.leg, 0, lt.arriveMs, lt.departMs);
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
    const fr = new Set<number>();
    for (let k = 0; k <= n; k++) fr.add(k / n);
    for (const x of view.crossingFractions(a[0], a[1], b[0], b[1]))
      for (const f of [x - EDGE, x, x + EDGE]) if (f >= 0 && f <= 1) fr.add(f);
    for (const f of [...fr].sort((p, q) => p - q)) push(lt.leg, f, lt.departMs + f * dur, lt.speedKmh);
  }
  const last = timeline.legs[timeline.legs.length - 1];
  if (last && timeline.finalHoverMs > 0) hoverAt(last.leg, 1, last.endMs, last.endMs + timeline.finalHoverMs);
  return samples;
}
