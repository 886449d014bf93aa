import type { CircleFootprint, Footprint } from './footprint.js';
import { circleH, footprintContains } from './footprint.js';
import { bearingDeg } from './geodesy.js';
import { orient, segmentsTouch } from './planar.js';

/**
 * Exact passage of the leg a→b (a straight line in lon/lat, parametrised by the fraction t ∈ [0, 1])
 * through one footprint: closed intervals [enter, exit] pushed as pairs onto `out`, ordered, merged
 * where they overlap or touch. A leg that only touches the footprint gives enter = exit.
 * Polygons: edge intersections + the containment predicate at the midpoints in between.
 * `contains` is the footprint's containment predicate (an index may pass a faster, identical one).
 * Circles: the enter/exit fractions are found by bisection on the same haversine predicate that point
 * containment uses (so the two agree to ~1e-12 of the leg), sector edges by bisection on the bearing.
 */
export function legIntervals(
  f: Footprint,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  out: number[],
  contains: (lon: number, lat: number) => boolean = (lon, lat) => footprintContains(f, lon, lat),
): void {
  if (ax === bx && ay === by) {
    if (contains(ax, ay)) out.push(0, 1);
    return;
  }
  const lminX = Math.min(ax, bx);
  const lmaxX = Math.max(ax, bx);
  const lminY = Math.min(ay, by);
  const lmaxY = Math.max(ay, by);
  if (lmaxX < f.minX || lminX > f.maxX || lmaxY < f.minY || lminY > f.maxY) return;
  const raw: number[] = [];
  const critical: number[] = [0, 1];
  if (f.kind === 'polygon') polygonCritical(f.edges, ax, ay, bx, by, critical, raw);
  else if (!circleCritical(f, ax, ay, bx, by, critical)) return;
  critical.sort(ascending);
  for (let i = 0; i < critical.length; i++) {
    const t = critical[i];
    if (i > 0 && t === critical[i - 1]) continue;
    if (contains(ax + t * (bx - ax), ay + t * (by - ay))) raw.push(t, t);
    const next = critical[i + 1];
    const mid = (t + next) / 2;
    if (next !== undefined && next > t && contains(ax + mid * (bx - ax), ay + mid * (by - ay))) raw.push(t, next);
  }
  mergeIntervals(raw, out);
}

const ascending = (p: number, q: number): number => p - q;

/** Edge crossings (touching included) become boundary points; collinear overlaps become inside intervals. */
function polygonCritical(
  edges: Float64Array,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  critical: number[],
  raw: number[],
): void {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const minX = Math.min(ax, bx);
  const maxX = Math.max(ax, bx);
  const minY = Math.min(ay, by);
  const maxY = Math.max(ay, by);
  for (let k = 0; k < edges.length; k += 4) {
    const cx = edges[k];
    const cy = edges[k + 1];
    const ex = edges[k + 2];
    const ey = edges[k + 3];
    if ((cx < minX && ex < minX) || (cx > maxX && ex > maxX) || (cy < minY && ey < minY) || (cy > maxY && ey > maxY))
      continue;
    if (!segmentsTouch(ax, ay, bx, by, cx, cy, ex, ey)) continue;
    const d1 = orient(cx, cy, ex, ey, ax, ay);
    const d2 = orient(cx, cy, ex, ey, bx, by);
    if (d1 === d2) {
      // Collinear (the leg runs along the edge line): the shared stretch is boundary, hence inside.
      const tc = ((cx - ax) * dx + (cy - ay) * dy) / len2;
      const te = ((ex - ax) * dx + (ey - ay) * dy) / len2;
      const t0 = clamp01(Math.min(tc, te));
      const t1 = clamp01(Math.max(tc, te));
      critical.push(t0, t1);
      raw.push(t0, t1);
    } else {
      const t = clamp01(d1 / (d1 - d2));
      critical.push(t);
      raw.push(t, t);
    }
  }
}

function circleCritical(
  c: CircleFootprint,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  critical: number[],
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const h = (t: number): number => circleH(c, ax + t * dx, ay + t * dy);
  // Golden-section search for the closest approach (the distance along a short leg is unimodal).
  const g = (Math.sqrt(5) - 1) / 2;
  let l = 0;
  let r = 1;
  let m1 = r - g * (r - l);
  let m2 = l + g * (r - l);
  let h1 = h(m1);
  let h2 = h(m2);
  for (let i = 0; i < 80 && r - l > 1e-15; i++) {
    if (h1 <= h2) {
      r = m2;
      m2 = m1;
      h2 = h1;
      m1 = r - g * (r - l);
      h1 = h(m1);
    } else {
      l = m1;
      m1 = m2;
      h1 = h2;
      m2 = l + g * (r - l);
      h2 = h(m2);
    }
  }
  let tMin = (l + r) / 2;
  if (h(0) <= h(tMin)) tMin = 0;
  if (h(1) <= h(tMin)) tMin = 1;
  if (h(tMin) > c.hMax) return false;
  const inDisk = (t: number): boolean => h(t) <= c.hMax;
  const e1 = inDisk(0) ? 0 : bisect(0, tMin, inDisk);
  const e2 = inDisk(1) ? 1 : bisect(1, tMin, inDisk);
  critical.push(e1, e2, tMin);
  const sec = c.sectors;
  if (sec === null) return true;
  const pieces = [e1, tMin, tMin, e2];
  for (let s = 0; s < sec.length; s++) {
    const beta = sec[s];
    const diff = (t: number): number => {
      const d = bearingDeg(c.lon, c.lat, ax + t * dx, ay + t * dy) - beta;
      return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
    };
    for (let p = 0; p < 4; p += 2) {
      const p0 = pieces[p];
      const p1 = pieces[p + 1];
      if (p1 <= p0) continue;
      const s0 = diff(p0);
      const s1 = diff(p1);
      if (s0 === 0) critical.push(p0);
      if (s1 === 0) critical.push(p1);
      if (s0 * s1 < 0 && Math.abs(s0 - s1) < 180) critical.push(bisect(p0, p1, (t) => diff(t) * s1 > 0));
    }
  }
  // Sub-intervals are classified by the full predicate (disk ∩ sectors) in legIntervals.
  return true;
}

/** Bisection between tFalse (predicate false) and tTrue (true); returns a point where the predicate holds. */
function bisect(tFalse: number, tTrue: number, pred: (t: number) => boolean): number {
  let f = tFalse;
  let t = tTrue;
  for (let i = 0; i < 100; i++) {
    const m = (f + t) / 2;
    if (m === f || m === t) break;
    if (pred(m)) t = m;
    else f = m;
  }
  return t;
}

function clamp01(t: number): number {
  return t < 0 ? 0 : Math.min(t, 1);
}

/** Sorts [enter, exit] pairs (insertion sort: there are only a few) and merges those that overlap or touch. */
function mergeIntervals(raw: number[], out: number[]): void {
  for (let i = 2; i < raw.length; i += 2) {
    const e0 = raw[i];
    const e1 = raw[i + 1];
    let j = i - 2;
    while (j >= 0 && raw[j] > e0) {
      raw[j + 2] = raw[j];
      raw[j + 3] = raw[j + 1];
      j -= 2;
    }
    raw[j + 2] = e0;
    raw[j + 3] = e1;
  }
  if (raw.length === 0) return;
  let cur0 = raw[0];
  let cur1 = raw[1];
  for (let i = 2; i < raw.length; i += 2) {
    if (raw[i] <= cur1) {
      if (raw[i + 1] > cur1) cur1 = raw[i + 1];
    } else {
      out.push(cur0, cur1);
      cur0 = raw[i];
      cur1 = raw[i + 1];
    }
  }
  out.push(cur0, cur1);
}

/**
 * Does the leg touch the circle footprint? Allocation-free for full circles (golden-section search for the
 * closest approach, on the same haversine predicate as point containment); sectored circles use legIntervals.
 */
export function legTouchesCircle(c: CircleFootprint, ax: number, ay: number, bx: number, by: number): boolean {
  if (c.sectors !== null) {
    const iv: number[] = [];
    legIntervals(c, ax, ay, bx, by, iv);
    return iv.length > 0;
  }
  const dx = bx - ax;
  const dy = by - ay;
  const hMax = c.hMax;
  if (circleH(c, ax, ay) <= hMax || circleH(c, bx, by) <= hMax) return true;
  const g = 0.6180339887498949;
  let l = 0;
  let r = 1;
  let m1 = r - g * (r - l);
  let m2 = l + g * (r - l);
  let h1 = circleH(c, ax + m1 * dx, ay + m1 * dy);
  let h2 = circleH(c, ax + m2 * dx, ay + m2 * dy);
  for (let i = 0; i < 80 && r - l > 1e-15; i++) {
    if (h1 <= hMax || h2 <= hMax) return true;
    if (h1 <= h2) {
      r = m2;
      m2 = m1;
      h2 = h1;
      m1 = r - g * (r - l);
      h1 = circleH(c, ax + m1 * dx, ay + m1 * dy);
    } else {
      l = m1;
      m1 = m2;
      h1 = h2;
      m2 = l + g * (r - l);
      h2 = circleH(c, ax + m2 * dx, ay + m2 * dy);
    }
  }
  const mid = (l + r) / 2;
  return h1 <= hMax || h2 <= hMax || circleH(c, ax + mid * dx, ay + mid * dy) <= hMax;
}
