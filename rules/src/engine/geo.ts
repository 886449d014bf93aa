import { distanceM, EARTH_RADIUS_M, zoneToDisplayPolygon } from '../airspace/index.js';
import type { Altitude, LonLat, Zone } from '../model/index.js';
import { lengthToMetres } from '../model/index.js';

const DEG = Math.PI / 180;

/**
 * Horizontal distance in metres from P to the segment A–B, in a local equirectangular projection centred
 * on P (accurate to well under a metre over the few kilometres that matter for lateral distances).
 */
export function pointToSegmentM(
  pLon: number,
  pLat: number,
  aLon: number,
  aLat: number,
  bLon: number,
  bLat: number,
): number {
  const kx = Math.cos(pLat * DEG) * DEG * EARTH_RADIUS_M;
  const ky = DEG * EARTH_RADIUS_M;
  const ax = (aLon - pLon) * kx;
  const ay = (aLat - pLat) * ky;
  const bx = (bLon - pLon) * kx;
  const by = (bLat - pLat) * ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  return Math.sqrt(cx * cx + cy * cy);
}

/** Distance in metres from a point to a polyline (a corridor's centre line). */
export function pointToPolylineM(lon: number, lat: number, line: readonly LonLat[]): number {
  if (line.length === 1) return distanceM(lon, lat, line[0][0], line[0][1]);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const d = pointToSegmentM(lon, lat, line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
    if (d < best) best = d;
  }
  return best;
}

/**
 * Horizontal distance from a point outside a zone to the zone's edge. (Whether the point is inside is
 * the airspace index's question; callers pass 0 for points the index reports inside.)
 */
export function distanceToZoneEdgeM(zone: Zone, lon: number, lat: number): number {
  const g = zone.geometry;
  if (g.type === 'Circle' && !g.sectors) return Math.max(0, distanceM(lon, lat, g.center[0], g.center[1]) - g.radiusM);
  const poly = g.type === 'Circle' ? zoneToDisplayPolygon(zone, 128) : g;
  const polygons = poly.type === 'Polygon' ? [poly.coordinates] : poly.coordinates;
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++) {
        const d = pointToSegmentM(lon, lat, ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]);
        if (d < best) best = d;
      }
  return best;
}

/** Length of a leg in metres (great circle; legs are short enough that the lon/lat line is the same). */
export function legLengthM(a: readonly number[], b: readonly number[]): number {
  return distanceM(a[0], a[1], b[0], b[1]);
}

/**
 * Below (-1), within (0) or above (1) vertical limits, in metres AMSL on flat (sea-level) ground, where AGL and
 * AMSL limits coincide — the same inclusive comparison as the airspace index.
 */
export function verticalSide(altAmslM: number, lower: Altitude, upper: Altitude | null): -1 | 0 | 1 {
  if (altAmslM < lengthToMetres(lower)) return -1;
  if (upper !== null && altAmslM > lengthToMetres(upper)) return 1;
  return 0;
}
