import type { ZoneGeometry } from '../model/geo.js';
import { bearingDeg, bearingInRange, haversineOfDistance } from './geodesy.js';
import { edgesContain } from './planar.js';

/**
 * A zone's 2-D footprint compiled for fast tests.
 * - polygon: Polygon/MultiPolygon rings as flat edges [x1, y1, x2, y2, ...] in lon/lat degrees, planar,
 *   even–odd over all rings (holes respected; MultiPolygon parts must not overlap, as GeoJSON requires).
 * - circle: centre + radius on the spherical earth of geodesy.ts, optional bearing sectors.
 */
export type Footprint = PolygonFootprint | CircleFootprint;

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface PolygonFootprint extends BBox {
  kind: 'polygon';
  edges: Float64Array;
  /** Representative point (bbox centre) used for sunrise/sunset. */
  refLon: number;
  refLat: number;
}

export interface CircleFootprint extends BBox {
  kind: 'circle';
  lon: number;
  lat: number;
  radiusM: number;
  /** haversineOfDistance(radiusM): inside ⇔ circleH(c, p) ≤ hMax. */
  hMax: number;
  /** cos(latitude of the centre), cached: circleH(c, p) is bit-for-bit haversineH(centre, p). */
  cosLat: number;
  /** Flat [from, to, from, to, ...] bearing ranges in degrees true, or null for a full circle. */
  sectors: Float64Array | null;
  refLon: number;
  refLat: number;
}

const DEG = Math.PI / 180;
const M_PER_DEG_LAT_MIN = 110_574; // metres per degree of latitude at the equator (the smallest)

export function compileFootprint(g: ZoneGeometry): Footprint {
  if (g.type === 'Circle') return compileCircle(g.center[0], g.center[1], g.radiusM, g.sectors);
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let n = 0;
  for (const ring of rings) n += ring.length - 1;
  const edges = new Float64Array(n * 4);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let k = 0;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      edges[k++] = x1;
      edges[k++] = y1;
      edges[k++] = x2;
      edges[k++] = y2;
      if (x1 < minX) minX = x1;
      if (x1 > maxX) maxX = x1;
      if (y1 < minY) minY = y1;
      if (y1 > maxY) maxY = y1;
    }
  }
  const refLon = (minX + maxX) / 2;
  const refLat = (minY + maxY) / 2;
  return { kind: 'polygon', edges, minX, minY, maxX, maxY, refLon, refLat };
}

export function compileCircle(
  lon: number,
  lat: number,
  radiusM: number,
  sectors?: readonly { fromDeg: number; toDeg: number }[],
): CircleFootprint {
  // Conservative bbox: 1 % + 1 m margin over the spherical extent.
  const r = radiusM * 1.01 + 1;
  const dLat = r / M_PER_DEG_LAT_MIN;
  const cosMax = Math.cos((Math.min(89.9, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLon = Math.min(180, r / (M_PER_DEG_LAT_MIN * cosMax));
  const sec = sectors && sectors.length > 0 ? new Float64Array(sectors.length * 2) : null;
  if (sec && sectors) {
    for (let i = 0; i < sectors.length; i++) {
      sec[2 * i] = sectors[i].fromDeg;
      sec[2 * i + 1] = sectors[i].toDeg;
    }
  }
  return {
    kind: 'circle',
    lon,
    lat,
    radiusM,
    hMax: haversineOfDistance(radiusM),
    cosLat: Math.cos(lat * DEG),
    sectors: sec,
    minX: lon - dLon,
    maxX: lon + dLon,
    minY: lat - dLat,
    maxY: lat + dLat,
    refLon: lon,
    refLat: lat,
  };
}

/** Is the bearing from the circle's centre to p inside one of its sectors? The centre itself is inside. */
export function inSectors(c: CircleFootprint, px: number, py: number): boolean {
  const sec = c.sectors;
  if (sec === null) return true;
  if (px === c.lon && py === c.lat) return true;
  const b = bearingDeg(c.lon, c.lat, px, py);
  for (let i = 0; i < sec.length; i += 2) if (bearingInRange(b, sec[i], sec[i + 1])) return true;
  return false;
}

/** haversineH(centre, p) with the centre's cosine cached (same operations in the same order). */
export function circleH(c: CircleFootprint, px: number, py: number): number {
  const sLat = Math.sin((py - c.lat) * DEG * 0.5);
  const sLon = Math.sin((px - c.lon) * DEG * 0.5);
  return sLat * sLat + c.cosLat * Math.cos(py * DEG) * sLon * sLon;
}

export function circleContains(c: CircleFootprint, px: number, py: number): boolean {
  if (circleH(c, px, py) > c.hMax) return false;
  return inSectors(c, px, py);
}

/** Boundary-inclusive 2-D containment. */
export function footprintContains(f: Footprint, px: number, py: number): boolean {
  if (px < f.minX || px > f.maxX || py < f.minY || py > f.maxY) return false;
  if (f.kind === 'circle') return circleContains(f, px, py);
  return edgesContain(f.edges, 0, f.edges.length, px, py);
}
