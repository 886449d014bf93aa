import type { ElevationModel } from '../airspace/types.js';
import type { Route } from '../model/plan.js';
import { speedToKmh } from '../model/units.js';
import { haversineM } from './geo.js';

/**
 * A route ready for flying: altitudes in metres AMSL, one ground speed per leg, hover per waypoint. The waypoints
 * are packed in one typed array, as every aircraft's kinematics and plan conformance read them on every tick and
 * every monitor shard keeps every aircraft's declared route: as [lon, lat, alt] arrays they cost a pointer per point
 * and more memory (a monitor shard at 34,000 aircraft kept 159 MB; with packed routes 100 MB).
 */
export interface NavRoute {
  /** waypoint i's longitude, latitude and altitude (m AMSL) at 3i, 3i + 1 and 3i + 2 */
  readonly xyz: Float64Array;
  /** how many waypoints */
  readonly count: number;
  readonly legSpeedMps: Float64Array;
  readonly hoverS: Float64Array;
}

/** Waypoint i as [lon, lat, altAmslM] (a new array: for views and tests, not for the per-tick paths). */
export function routePoint(route: NavRoute, i: number): [number, number, number] {
  const k = 3 * i;
  return [route.xyz[k], route.xyz[k + 1], route.xyz[k + 2]];
}

/** Every waypoint as [lon, lat, altAmslM]. */
export function routePoints(route: NavRoute): [number, number, number][] {
  return Array.from({ length: route.count }, (_, i) => routePoint(route, i));
}

/** A route from its waypoints ([lon, lat, altAmslM]), leg speeds and hovers as given. */
export function navRouteOf(
  points: readonly (readonly [number, number, number])[],
  legSpeedMps: readonly number[],
  hoverS: readonly number[],
): NavRoute {
  const xyz = new Float64Array(points.length * 3);
  points.forEach((p, i) => {
    xyz.set(p, 3 * i);
  });
  return {
    xyz,
    count: points.length,
    legSpeedMps: Float64Array.from(legSpeedMps),
    hoverS: Float64Array.from(hoverS),
  };
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
  return navRouteOf(points, legSpeedMps, hoverS);
}
