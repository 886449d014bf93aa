import { distanceM, EARTH_RADIUS_M } from '../airspace/geodesy.js';

/**
 * Small-distance geometry for the simulation: a local tangent plane around each point (east/north metres).
 * Over the few hundred metres an aircraft moves per step the error is far below a metre; long distances
 * (pilot range, separation) use the haversine formula.
 */
const R = EARTH_RADIUS_M;
export const DEG = Math.PI / 180;

export function metresPerDegLat(): number {
  return R * DEG;
}

export function metresPerDegLon(lat: number): number {
  return R * DEG * Math.cos(lat * DEG);
}

/** Move (lon, lat) by east/north metres. */
export function offsetLonLat(lon: number, lat: number, eastM: number, northM: number): [number, number] {
  return [lon + eastM / metresPerDegLon(lat), lat + northM / metresPerDegLat()];
}

/** East/north metres from a to b on the tangent plane at a. */
export function enuDelta(aLon: number, aLat: number, bLon: number, bLat: number): [number, number] {
  return [(bLon - aLon) * metresPerDegLon(aLat), (bLat - aLat) * metresPerDegLat()];
}

/** Great-circle distance, metres (the airspace index's earth model). */
export const haversineM = distanceM;

/**
 * Length of an east/north vector. Not Math.hypot: on Node 20 every call of that builtin allocates (its arguments
 * and result on the heap) and takes about 27 ns against 3 ns, which in the per-aircraft, per-tick paths was 16 MB
 * of garbage a tick at 34,000 aircraft. The metres and metres per second measured here cannot overflow a square.
 */
export function planarLength(east: number, north: number): number {
  return Math.sqrt(east * east + north * north);
}

/** Heading in degrees true [0, 360) of an east/north vector. */
export function headingOf(east: number, north: number): number {
  const h = Math.atan2(east, north) / DEG;
  return h < 0 ? h + 360 : h;
}

/** Signed smallest turn from heading a to heading b, degrees in (-180, 180]. */
export function turnDelta(a: number, b: number): number {
  let d = (b - a) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

export const toRad = (deg: number): number => deg * DEG;
