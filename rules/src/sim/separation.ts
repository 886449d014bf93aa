import { distance as greatCircleKm } from 'geokdbush';
import KDBush from 'kdbush';
import { metresPerDegLat, metresPerDegLon } from './geo.js';

export interface SeparationPoint {
  lon: number;
  lat: number;
  altAmslM: number;
}

export interface Conflict {
  a: number;
  b: number;
  horizontalM: number;
  verticalM: number;
}

let hitsBuf = new Int32Array(0);
const hitBuffer = (n: number): Int32Array => {
  if (hitsBuf.length < n) hitsBuf = new Int32Array(Math.max(n, 2 * hitsBuf.length));
  return hitsBuf;
};

/**
 * Pairs of airborne aircraft closer than both minima (horizontal AND vertical), found with a k-d tree
 * (kdbush) over a local equirectangular projection, then confirmed with the great-circle distance
 * (geokdbush). O(n log n) per tick instead of O(n²).
 */
export function findConflicts(points: readonly SeparationPoint[], horizontalM: number, verticalM: number): Conflict[] {
  const n = points.length;
  if (n < 2) return [];
  let latSum = 0;
  for (const p of points) latSum += p.lat;
  const lat0 = latSum / n;
  const kx = metresPerDegLon(lat0);
  const ky = metresPerDegLat();
  const index = new KDBush(n);
  for (const p of points) index.add(p.lon * kx, p.lat * ky);
  index.finish();
  // The projection stretches distances away from lat0 by < 1 % over Hong Kong: search a little wider.
  const searchM = horizontalM * 1.02;
  const out: Conflict[] = [];
  // one buffer for every query's hits (at most n), not an array per aircraft: this runs for every aircraft each tick
  const hits = hitBuffer(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    const found = index.withinInto(p.lon * kx, p.lat * ky, searchM, hits);
    for (let k = 0; k < found; k++) {
      const j = hits[k];
      if (j <= i) continue;
      const q = points[j];
      const v = Math.abs(p.altAmslM - q.altAmslM);
      if (v >= verticalM) continue;
      const h = greatCircleKm(p.lon, p.lat, q.lon, q.lat) * 1000;
      if (h < horizontalM) out.push({ a: i, b: j, horizontalM: h, verticalM: v });
    }
  }
  return out;
}
