import { EARTH_RADIUS_M } from '../airspace/geodesy.js';
import { segmentsCross } from '../airspace/planar.js';

/**
 * One shared plane for traffic geometry: an equirectangular projection about a fixed origin (params:
 * `plane`). Every volume of every intent is projected once into it, so the index and the naive check see
 * the same coordinates and give identical answers. Over Hong Kong (±0.3° of latitude about the origin)
 * east–west distances are off by at most ~0.3% (≤ 0.3 m on a 100 m separation).
 */
export interface Plane {
  originLon: number;
  originLat: number;
  /** metres per degree of longitude and latitude */
  kx: number;
  ky: number;
}

const DEG = Math.PI / 180;

export function createPlane(originLon: number, originLat: number): Plane {
  return { originLon, originLat, kx: Math.cos(originLat * DEG) * DEG * EARTH_RADIUS_M, ky: DEG * EARTH_RADIUS_M };
}

export function toPlane(p: Plane, lon: number, lat: number): [number, number] {
  return [(lon - p.originLon) * p.kx, (lat - p.originLat) * p.ky];
}

export function fromPlane(p: Plane, x: number, y: number): [number, number] {
  return [p.originLon + x / p.kx, p.originLat + y / p.ky];
}

/** Squared distance from point P to segment A–B. */
export function pointSegmentDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

/**
 * Squared distance between segments A–B and C–D: zero when they cross, otherwise the least of the four
 * endpoint-to-segment distances (touching and collinear cases are covered by those).
 */
export function segmentSegmentDist2(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  if (segmentsCross(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.min(
    pointSegmentDist2(ax, ay, cx, cy, dx, dy),
    pointSegmentDist2(bx, by, cx, cy, dx, dy),
    pointSegmentDist2(cx, cy, ax, ay, bx, by),
    pointSegmentDist2(dx, dy, ax, ay, bx, by),
  );
}
