import type { ElevationModel } from '../airspace/types.js';
import type { Route } from '../model/plan.js';
import { speedToKmh } from '../model/units.js';
import { haversineM } from './geo.js';

/** A route ready for flying: altitudes in metres AMSL, one ground speed per leg, hover per waypoint. */
export interface NavRoute {
  /** [lon, lat, altAmslM] */
  points: [number, number, number][];
  legSpeedMps: number[];
  hoverS: number[];
}

/** Altitude of a route position in metres AMSL (AGL routes are lifted by the ground model). */
export function routeAltAmsl(route: Route, i: number, elevation: ElevationModel): number {
  const [lon, lat, alt] = route.coordinates[i];
  return route.altitudeRef === 'AGL' ? alt + elevation.groundM(lon, lat) : alt;
}

/**
 * Compile a declared route. With `waypointTimesS`, a leg's speed is its 3-D length over the time left
 * after the hover at its first waypoint; a leg with no time to spare is flown at `fallbackSpeedMps`.
 */
export function compileNavRoute(route: Route, elevation: ElevationModel, fallbackSpeedMps: number): NavRoute {
  const points = route.coordinates.map(
    (c, i) => [c[0], c[1], routeAltAmsl(route, i, elevation)] as [number, number, number],
  );
  const hoverS = route.hoverS ?? points.map(() => 0);
  const legSpeedMps: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const given = route.legSpeeds?.[i];
    if (given) {
      legSpeedMps.push(speedToKmh(given) / 3.6);
      continue;
    }
    const times = route.waypointTimesS;
    const a = points[i];
    const b = points[i + 1];
    const len = Math.hypot(haversineM(a[0], a[1], b[0], b[1]), b[2] - a[2]);
    const dt = times ? times[i + 1] - times[i] - hoverS[i] : 0;
    legSpeedMps.push(dt > 0 && len > 0 ? len / dt : fallbackSpeedMps);
  }
  return { points, legSpeedMps, hoverS };
}
