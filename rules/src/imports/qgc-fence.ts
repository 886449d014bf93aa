import { isRecord, toNumber } from './common.js';
import type { ImportedFence } from './types.js';

function lonLatOf(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value)) return undefined;
  const lat = toNumber(value[0]);
  const lon = toNumber(value[1]);
  if (lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return [lon, lat];
}

/**
 * QGC `geoFence` polygons ([lat, lon] vertices) and circles, as [lon, lat]. Informational only, so a malformed
 * shape is skipped with a warning instead of failing the import.
 */
export function readQgcFence(raw: unknown, warnings: string[]): ImportedFence | undefined {
  if (!isRecord(raw)) return undefined;
  const fence: ImportedFence = { polygons: [], circles: [] };
  const polygons = Array.isArray(raw.polygons) ? raw.polygons : [];
  polygons.forEach((p, i) => {
    const vertices = isRecord(p) && Array.isArray(p.polygon) ? p.polygon.map(lonLatOf) : [];
    if (vertices.length < 3 || vertices.some((v) => v === undefined)) {
      warnings.push(`geoFence.polygons[${i}]: not a polygon of [lat, lon] vertices; skipped`);
      return;
    }
    const ring = vertices as [number, number][];
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
    fence.polygons.push({ inclusion: isRecord(p) && p.inclusion !== false, ring });
  });
  const circles = Array.isArray(raw.circles) ? raw.circles : [];
  circles.forEach((c, i) => {
    const circle = isRecord(c) && isRecord(c.circle) ? c.circle : undefined;
    const center = lonLatOf(circle?.center);
    const radiusM = toNumber(circle?.radius);
    if (!center || radiusM === undefined || Number.isNaN(radiusM) || radiusM <= 0) {
      warnings.push(`geoFence.circles[${i}]: not a circle with a [lat, lon] center and a positive radius; skipped`);
      return;
    }
    fence.circles.push({ inclusion: isRecord(c) && c.inclusion !== false, center, radiusM });
  });
  if (fence.polygons.length + fence.circles.length === 0) return undefined;
  warnings.push(
    `geofence (${fence.polygons.length} polygons, ${fence.circles.length} circles) kept as the operator's own fence zones: the route is checked against it (advisory findings only)`,
  );
  return fence;
}
