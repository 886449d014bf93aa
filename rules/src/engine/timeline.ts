import type { ElevationModel } from '../airspace/types.js';
import { type Route, speedToKmh } from '../model/index.js';
import { legLengthM } from './geo.js';
import type { Issue } from './issues.js';

/** One leg of the route in time: from waypoint `leg` to `leg + 1`. */
export interface LegTiming {
  leg: number;
  /** Arrival at the leg's first waypoint; the aircraft hovers there until `departMs`. */
  arriveMs: number;
  departMs: number;
  /** Arrival at the leg's last waypoint. */
  endMs: number;
  horizontalM: number;
  /** Speed along the leg (3-D path), km/h; for a level leg this is the ground speed. */
  speedKmh: number;
}

export interface Timeline {
  legs: LegTiming[];
  /** Hover at the last waypoint before landing, ms. */
  finalHoverMs: number;
}

/** A flight plan longer than this is not a flight (and would overflow dates). */
export const MAX_FLIGHT_MS = 7 * 86_400_000;

function pathLengthM(a: readonly number[], b: readonly number[]): number {
  const h = legLengthM(a, b);
  const v = b[2] - a[2];
  return Math.sqrt(h * h + v * v);
}

/**
 * Timing of every leg from `waypointTimesS` (arrival times; hover at a waypoint delays the departure)
 * or from `legSpeeds` (speed along the leg). Issues name the field that makes the timing impossible.
 */
export function buildTimeline(route: Route, startMs: number): { timeline: Timeline; issues: Issue[] } {
  const c = route.coordinates;
  const hover = (i: number) => (route.hoverS?.[i] ?? 0) * 1000;
  const legs: LegTiming[] = [];
  const issues: Issue[] = [];
  let arrive = startMs;
  for (let i = 0; i < c.length - 1; i++) {
    const horizontalM = legLengthM(c[i], c[i + 1]);
    const pathM = pathLengthM(c[i], c[i + 1]);
    const depart = arrive + hover(i);
    let end: number;
    let speedKmh: number;
    if (route.waypointTimesS) {
      end = startMs + route.waypointTimesS[i + 1] * 1000;
      if (end < depart) {
        issues.push({
          path: ['route', 'hoverS', i],
          message: `hovering ${hover(i) / 1000} s at waypoint ${i} runs past the time given for waypoint ${i + 1}`,
        });
        end = depart;
      }
      const durS = (end - depart) / 1000;
      speedKmh = durS > 0 ? (pathM / durS) * 3.6 : 0;
      if (durS === 0 && pathM > 0.01)
        issues.push({
          path: ['route', 'waypointTimesS', i + 1],
          message: `waypoint ${i + 1} is ${pathM.toFixed(1)} m from waypoint ${i} but reached in no time`,
        });
    } else {
      const speed = route.legSpeeds?.[i];
      speedKmh = speed ? speedToKmh(speed) : 0;
      const durMs = pathM <= 0.01 ? 0 : (pathM / (speedKmh / 3.6)) * 1000;
      if (!Number.isFinite(durMs)) {
        issues.push({
          path: ['route', 'legSpeeds', i],
          message: `speed ${speed?.value ?? 0} ${speed?.unit ?? 'km/h'} is too low for leg ${i}, which is ${pathM.toFixed(1)} m long`,
        });
        end = depart;
      } else end = depart + durMs;
    }
    if (end - startMs > MAX_FLIGHT_MS) {
      issues.push({
        path: ['route', route.waypointTimesS ? 'waypointTimesS' : 'legSpeeds', route.waypointTimesS ? i + 1 : i],
        message: `the flight would last more than ${MAX_FLIGHT_MS / 86_400_000} days by waypoint ${i + 1}`,
      });
      break;
    }
    legs.push({ leg: i, arriveMs: arrive, departMs: depart, endMs: end, horizontalM, speedKmh });
    arrive = end;
  }
  const finalHoverMs = hover(c.length - 1);
  if (issues.length === 0 && arrive + finalHoverMs - startMs > MAX_FLIGHT_MS)
    issues.push({
      path: ['route', 'hoverS', c.length - 1],
      message: `hovering would make the flight last more than ${MAX_FLIGHT_MS / 86_400_000} days`,
    });
  return { timeline: { legs, finalHoverMs }, issues };
}

/** AMSL altitude and AGL height of a route altitude at a point. */
export function heights(
  alt: number,
  ref: Route['altitudeRef'],
  lon: number,
  lat: number,
  elevation: ElevationModel,
): { altAmslM: number; aglM: number } {
  const ground = elevation.groundM(lon, lat);
  return ref === 'AGL' ? { altAmslM: alt + ground, aglM: alt } : { altAmslM: alt, aglM: alt - ground };
}
