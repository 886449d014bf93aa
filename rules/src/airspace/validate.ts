import { LonLat } from '../model/geo.js';
import type { LegCrossing, ZoneIndex } from './types.js';

/**
 * Validating wrappers for untrusted input at the boundaries (HTTP, files, sockets). The index's hot path
 * assumes finite, in-range numbers (NaN or out-of-range coordinates simply match nothing there); these
 * throw a RangeError naming the argument and the problem instead, with the same wording as the LonLat schema
 * (so a swapped latitude/longitude is called out).
 */
export function assertLonLat(lon: number, lat: number, what = 'position'): void {
  const r = LonLat.safeParse([lon, lat]);
  if (r.success) return;
  const names = ['longitude', 'latitude'];
  const text = r.error.issues.map((i) => {
    const at = typeof i.path[0] === 'number' ? `${names[i.path[0]]}: ` : '';
    return at + i.message;
  });
  throw new RangeError(`${what}: ${text.join('; ')}`);
}

export function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what}: must be a finite number, got ${value}`);
}

export function checkedPointQuery(
  index: ZoneIndex,
  lon: number,
  lat: number,
  altAmslM: number,
  tMs: number,
  out: Int32Array,
): number {
  assertLonLat(lon, lat);
  assertFinite(altAmslM, 'altAmslM');
  assertFinite(tMs, 'tMs');
  return index.pointQuery(lon, lat, altAmslM, tMs, out);
}

export function checkedLegCrossings(
  index: ZoneIndex,
  aLon: number,
  aLat: number,
  bLon: number,
  bLat: number,
): LegCrossing[] {
  assertLonLat(aLon, aLat, 'leg start');
  assertLonLat(bLon, bLat, 'leg end');
  return index.legCrossings(aLon, aLat, bLon, bLat);
}
