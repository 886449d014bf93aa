/**
 * Earth model used everywhere in the airspace index: a sphere with the IUGG mean radius R1
 * (6,371,008.8 m). Distances are great-circle (haversine) distances, bearings are initial great-circle
 * bearings in degrees true. Over Hong Kong this differs from the WGS84 ellipsoid by < 0.5 % of the
 * distance; what matters is that containment, leg crossings and the display polygons all use this one model.
 */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEG = Math.PI / 180;

/** Haversine of the central angle between two points ("h" in the haversine formula). */
export function haversineH(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sLat = Math.sin((lat2 - lat1) * DEG * 0.5);
  const sLon = Math.sin((lon2 - lon1) * DEG * 0.5);
  return sLat * sLat + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * sLon * sLon;
}

/** Great-circle distance in metres. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h = haversineH(lon1, lat1, lon2, lat2);
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** The haversine value of a distance: distanceM(p, q) ≤ r ⇔ haversineH(p, q) ≤ haversineOfDistance(r). */
export function haversineOfDistance(radiusM: number): number {
  const s = Math.sin(Math.min(Math.PI, radiusM / EARTH_RADIUS_M) * 0.5);
  return s * s;
}

/** Initial bearing from point 1 to point 2, degrees true in [0, 360). */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * DEG;
  const p2 = lat2 * DEG;
  const dl = (lon2 - lon1) * DEG;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  const b = Math.atan2(y, x) / DEG;
  return b < 0 ? b + 360 : b >= 360 ? b - 360 : b;
}

/** The point reached from (lon, lat) after `distM` metres on the initial bearing `bearing` (degrees true). */
export function destination(lon: number, lat: number, bearing: number, distM: number): [number, number] {
  const d = distM / EARTH_RADIUS_M;
  const p1 = lat * DEG;
  const th = bearing * DEG;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th));
  const l2 =
    lon * DEG + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  let lonOut = l2 / DEG;
  if (lonOut > 180) lonOut -= 360;
  else if (lonOut < -180) lonOut += 360;
  return [lonOut, p2 / DEG];
}

/** Is `bearing` within the clockwise range from `fromDeg` to `toDeg` (inclusive; the range may wrap through 0)? */
export function bearingInRange(bearing: number, fromDeg: number, toDeg: number): boolean {
  const from = fromDeg % 360;
  const to = toDeg % 360;
  if (toDeg - fromDeg >= 360) return true;
  if (from <= to) return bearing >= from && bearing <= to;
  return bearing >= from || bearing <= to;
}
