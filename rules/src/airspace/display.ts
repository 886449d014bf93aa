import type { MultiPolygonGeometry, PolygonGeometry } from '../model/geo.js';
import type { Zone } from '../model/zone.js';
import { destination } from './geodesy.js';

type Ring = [number, number][];

/**
 * A zone footprint as a GeoJSON Polygon/MultiPolygon for drawing on maps. Polygons are returned as they
 * are; circles become `segments`-gons of geodesic destination points (on the earth model of geodesy.ts),
 * sectored circles one pie slice per sector. Rings are closed and counter-clockwise (RFC 7946).
 * For display only: containment always uses the true circle.
 */
export function zoneToDisplayPolygon(
  zone: Pick<Zone, 'geometry'>,
  segments = 64,
): PolygonGeometry | MultiPolygonGeometry {
  const g = zone.geometry;
  if (g.type !== 'Circle') return g;
  const n = Math.max(8, Math.floor(segments));
  const [lon, lat] = g.center;
  if (!g.sectors || g.sectors.length === 0) {
    const ring: Ring = [];
    for (let k = 0; k < n; k++) ring.push(destination(lon, lat, (360 * (n - k)) / n, g.radiusM));
    ring.push([ring[0][0], ring[0][1]]);
    return { type: 'Polygon', coordinates: [ring] };
  }
  const slices: Ring[][] = g.sectors.map((s) => {
    let span = s.toDeg - s.fromDeg;
    if (span < 0) span += 360;
    if (span > 360) span = 360;
    const steps = Math.max(2, Math.ceil((n * span) / 360));
    const arc: Ring = [];
    // Walk the arc anticlockwise (from `to` back to `from`) so the ring is counter-clockwise.
    for (let k = 0; k <= steps; k++) arc.push(destination(lon, lat, s.toDeg - (span * k) / steps, g.radiusM));
    const ring: Ring = [[lon, lat], ...arc, [lon, lat]];
    return [ring];
  });
  return slices.length === 1
    ? { type: 'Polygon', coordinates: slices[0] }
    : { type: 'MultiPolygon', coordinates: slices };
}
