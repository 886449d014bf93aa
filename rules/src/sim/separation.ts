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
 * The local equirectangular projection both searches use (metres per degree at the points' mean latitude), and
 * the radius to search in it: the projection stretches distances away from that latitude by < 1 % over Hong Kong.
 */
function projection(points: readonly SeparationPoint[], horizontalM: number) {
  let latSum = 0;
  for (const p of points) latSum += p.lat;
  const lat0 = latSum / points.length;
  return { kx: metresPerDegLon(lat0), ky: metresPerDegLat(), searchM: horizontalM * 1.02 };
}

/** Points i and j as a conflict when they are closer than both minima (the great-circle distance), else nothing. */
function confirmed(
  points: readonly SeparationPoint[],
  i: number,
  j: number,
  horizontalM: number,
  verticalM: number,
): Conflict | undefined {
  const p = points[i];
  const q = points[j];
  const v = Math.abs(p.altAmslM - q.altAmslM);
  if (v >= verticalM) return undefined;
  const h = greatCircleKm(p.lon, p.lat, q.lon, q.lat) * 1000;
  return h < horizontalM ? { a: i, b: j, horizontalM: h, verticalM: v } : undefined;
}

/**
 * Pairs of airborne aircraft closer than both minima (horizontal AND vertical), found with a k-d tree
 * (kdbush) over a local equirectangular projection, then confirmed with the great-circle distance
 * (geokdbush). O(n log n) per tick instead of O(n²).
 */
export function findConflicts(points: readonly SeparationPoint[], horizontalM: number, verticalM: number): Conflict[] {
  const n = points.length;
  if (n < 2) return [];
  const { kx, ky, searchM } = projection(points, horizontalM);
  const index = new KDBush(n);
  for (const p of points) index.add(p.lon * kx, p.lat * ky);
  index.finish();
  const out: Conflict[] = [];
  // one buffer for every query's hits (at most n), not an array per aircraft: this runs for every aircraft each tick
  const hits = hitBuffer(n);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    const found = index.withinInto(p.lon * kx, p.lat * ky, searchM, hits);
    for (let k = 0; k < found; k++) {
      const j = hits[k];
      if (j <= i) continue;
      const c = confirmed(points, i, j, horizontalM, verticalM);
      if (c) out.push(c);
    }
  }
  return out;
}

let gridBufs = { x: new Float64Array(0), y: new Float64Array(0), cx: new Int32Array(0), cy: new Int32Array(0) };
let bucketBufs = { start: new Int32Array(0), order: new Int32Array(0) };

/** Typed buffers for n points, reused from tick to tick (grown when needed). */
function gridBuffers(n: number) {
  if (gridBufs.x.length < n) {
    const m = Math.max(n, 2 * gridBufs.x.length);
    gridBufs = { x: new Float64Array(m), y: new Float64Array(m), cx: new Int32Array(m), cy: new Int32Array(m) };
  }
  const buckets = 1 << Math.max(4, Math.ceil(Math.log2(2 * n)));
  if (bucketBufs.start.length !== buckets + 1 || bucketBufs.order.length < n)
    bucketBufs = { start: new Int32Array(buckets + 1), order: new Int32Array(Math.max(n, bucketBufs.order.length)) };
  return { ...gridBufs, ...bucketBufs, mask: buckets - 1 };
}

const cellHash = (cx: number, cy: number, mask: number) =>
  (Math.imul(cx, 73_856_093) ^ Math.imul(cy, 19_349_663)) & mask;

/**
 * The pairs findConflicts finds (same candidates, same distances, so the same numbers), through a hashed grid of
 * cells a little wider than the search radius instead of a k-d tree: built in linear time into reused typed
 * arrays, each aircraft's neighbours read from 9 cells. Unordered, as findConflicts' (the caller sorts).
 */
export function conflictPairs(points: readonly SeparationPoint[], horizontalM: number, verticalM: number): Conflict[] {
  const n = points.length;
  if (n < 2) return [];
  // findConflicts' projection and radius, and the same squared test as its k-d tree
  const { kx, ky, searchM: r } = projection(points, horizontalM);
  const r2 = r * r;
  // wider cells: a point within r is surely in one of the 9 cells around, whatever the rounding
  const cell = r * 1.01;
  const { x, y, cx, cy, start, order, mask } = gridBuffers(n);
  start.fill(0);
  for (let i = 0; i < n; i++) {
    const p = points[i];
    const px = p.lon * kx;
    const py = p.lat * ky;
    x[i] = px;
    y[i] = py;
    const gx = Math.floor(px / cell);
    const gy = Math.floor(py / cell);
    // cells beyond int32 (minima of millimetres over the globe): the k-d tree instead
    if (Math.abs(gx) > 2 ** 30 || Math.abs(gy) > 2 ** 30) return findConflicts(points, horizontalM, verticalM);
    cx[i] = gx;
    cy[i] = gy;
    start[cellHash(gx, gy, mask) + 1]++;
  }
  for (let b = 0; b < mask + 1; b++) start[b + 1] += start[b];
  // counting sort into buckets; `start[b]` then advances to the bucket's end, so shift back below
  for (let i = 0; i < n; i++) order[start[cellHash(cx[i], cy[i], mask)]++] = i;
  for (let b = mask + 1; b > 0; b--) start[b] = start[b - 1];
  start[0] = 0;
  const out: Conflict[] = [];
  for (let i = 0; i < n; i++) {
    const ix = cx[i];
    const iy = cy[i];
    for (let gx = ix - 1; gx <= ix + 1; gx++)
      for (let gy = iy - 1; gy <= iy + 1; gy++) {
        const b = cellHash(gx, gy, mask);
        for (let k = start[b], end = start[b + 1]; k < end; k++) {
          const j = order[k];
          // another cell hashed here too, or the pair is found from its first point
          if (j <= i || cx[j] !== gx || cy[j] !== gy) continue;
          const dx = x[j] - x[i];
          const dy = y[j] - y[i];
          if (!(dx * dx + dy * dy <= r2)) continue;
          const c = confirmed(points, i, j, horizontalM, verticalM);
          if (c) out.push(c);
        }
      }
  }
  return out;
}
