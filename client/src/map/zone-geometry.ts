import type { Zone, ZoneGeometry } from '@sua-sandbox/rules/model';
import type { ZoneInfo } from './zone-model.js';

const EARTH_R = 6_371_008.8;
const toRad = Math.PI / 180;

/** The point `distM` metres from [lon, lat] on bearing `deg` (spherical earth; fine for drawing). */
export function destination(lon: number, lat: number, distM: number, deg: number): [number, number] {
  const d = distM / EARTH_R;
  const b = deg * toRad;
  const p1 = lat * toRad;
  const l1 = lon * toRad;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [l2 / toRad, p2 / toRad];
}

export function circleRing(
  center: [number, number],
  radiusM: number,
  fromDeg = 0,
  toDeg = 360,
  segments = 64,
): number[][] {
  const span = (toDeg - fromDeg + 360) % 360 || 360;
  const n = Math.max(4, Math.ceil((segments * span) / 360));
  const ring: number[][] = [];
  const full = span === 360;
  if (!full) ring.push([...center]);
  for (let i = 0; i <= n; i++) ring.push(destination(center[0], center[1], radiusM, fromDeg + (span * i) / n));
  if (!full) ring.push([...center]);
  else ring[ring.length - 1] = ring[0];
  return ring;
}

/** A drawable polygon for any zone geometry (circles and sectors become polygons). */
export function displayGeometry(g: ZoneGeometry): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  if (g.type !== 'Circle') return g;
  const c: [number, number] = [g.center[0], g.center[1]];
  if (!g.sectors) return { type: 'Polygon', coordinates: [circleRing(c, g.radiusM)] };
  return { type: 'MultiPolygon', coordinates: g.sectors.map((s) => [circleRing(c, g.radiusM, s.fromDeg, s.toDeg)]) };
}

/** A full Zone (scenario, draft or session zone) as the client's ZoneInfo. */
export function zoneInfoFromZone(z: Zone): ZoneInfo {
  return {
    id: z.id,
    name: z.name,
    class: z.class,
    effect: z.effect,
    lower: z.lower,
    upper: z.upper,
    timing: z.timing,
    provenance: z.provenance,
    legalBasis: z.legalBasis,
    description: z.description,
    designatedBy: z.designatedBy,
    appliesTo: z.appliesTo,
    circle:
      z.geometry.type === 'Circle'
        ? { center: [z.geometry.center[0], z.geometry.center[1]], radiusM: z.geometry.radiusM }
        : undefined,
    geometry: displayGeometry(z.geometry),
  };
}
