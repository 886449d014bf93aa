import type { CompiledIntent, CompiledVolume } from './compiled.js';
import { segmentSegmentDist2 } from './plane.js';
import { type Time, timeOf } from './volume.js';

/**
 * Exact 4-D overlap of two compiled volumes, every interval open (volumes that only touch, or windows that
 * end when the other starts, do not conflict): time windows overlap, altitude bands overlap, and the
 * capsules intersect (segment distance < r1 + r2). `shiftMs` delays `a`.
 */
export function spaceOverlaps(a: CompiledVolume, b: CompiledVolume): boolean {
  if (a.ref === b.ref && (a.zLo >= b.zHi || b.zLo >= a.zHi)) return false;
  const rr = a.r + b.r;
  // Cheap bounding-box rejection before the exact test.
  if (Math.min(a.ax, a.bx) - rr >= Math.max(b.ax, b.bx) || Math.min(b.ax, b.bx) - rr >= Math.max(a.ax, a.bx))
    return false;
  if (Math.min(a.ay, a.by) - rr >= Math.max(b.ay, b.by) || Math.min(b.ay, b.by) - rr >= Math.max(a.ay, a.by))
    return false;
  return segmentSegmentDist2(a.ax, a.ay, a.bx, a.by, b.ax, b.ay, b.bx, b.by) < rr * rr;
}

export function volumesOverlap(a: CompiledVolume, b: CompiledVolume, shiftMs = 0): boolean {
  if (a.t0 + shiftMs >= b.t1 || b.t0 >= a.t1 + shiftMs) return false;
  return spaceOverlaps(a, b);
}

function boxesMeet(a: CompiledIntent, b: CompiledIntent): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

export interface ConflictOverlap {
  /** the hull of the windows in which volumes of the two intents overlap */
  time_start: Time;
  time_end: Time;
  /** how far the closest pair of capsules reach into each other, metres */
  lateralPenetrationM: number;
}

export interface IntentConflict {
  intentId: string;
  operator: string;
  priority: number;
  /** [index of the submitted intent's volume, index of the other intent's volume] */
  volumes: [number, number][];
  overlap: ConflictOverlap;
  /** the other intent has priority ≥ the submitted one: the submission must not be accepted as it is */
  blocking: boolean;
}

export interface SubmitResult {
  conflicts: IntentConflict[];
  /** the smallest start delay (whole seconds, ≤ maxShiftS) that clears every blocking conflict; null if none */
  earliestShiftS: number | null;
}

function conflictWith(c: CompiledIntent, o: CompiledIntent): IntentConflict | null {
  let pairs: [number, number][] | null = null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let penetration = 0;
  for (let i = 0; i < c.volumes.length; i++) {
    const a = c.volumes[i];
    for (let j = 0; j < o.volumes.length; j++) {
      const b = o.volumes[j];
      if (!volumesOverlap(a, b)) continue;
      if (pairs === null) pairs = [];
      pairs.push([i, j]);
      from = Math.min(from, Math.max(a.t0, b.t0));
      to = Math.max(to, Math.min(a.t1, b.t1));
      const d = Math.sqrt(segmentSegmentDist2(a.ax, a.ay, a.bx, a.by, b.ax, b.ay, b.bx, b.by));
      penetration = Math.max(penetration, a.r + b.r - d);
    }
  }
  if (pairs === null) return null;
  return {
    intentId: o.id,
    operator: o.operator,
    priority: o.priority,
    volumes: pairs,
    overlap: { time_start: timeOf(from), time_end: timeOf(to), lateralPenetrationM: penetration },
    blocking: o.priority >= c.priority,
  };
}

/** Conflicts of `c` with the candidates (any superset of the true ones), in id order. */
export function findIntentConflicts(c: CompiledIntent, candidates: Iterable<CompiledIntent>): IntentConflict[] {
  const out: IntentConflict[] = [];
  for (const o of candidates) {
    if (o.t0 >= c.t1 || c.t0 >= o.t1 || !boxesMeet(c, o) || !o.alive || o.id === c.id) continue;
    const k = conflictWith(c, o);
    if (k) out.push(k);
  }
  return out.sort((x, y) => (x.intentId < y.intentId ? -1 : x.intentId > y.intentId ? 1 : 0));
}

/**
 * The smallest whole-second delay s in [0, maxShiftS] at which no volume of `c` overlaps a volume of a
 * candidate of priority ≥ c's. Each spatially overlapping pair forbids the open interval of delays
 * (b.t0 − a.t1, b.t1 − a.t0); sweeping the intervals in order of their start finds s exactly.
 */
export function earliestShift(
  c: CompiledIntent,
  candidates: Iterable<CompiledIntent>,
  maxShiftS: number,
): number | null {
  const maxShiftMs = maxShiftS * 1000;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const o of candidates) {
    // Windows that end before c starts, or start after c's end delayed by maxShiftS, forbid no delay ≤ maxShiftS.
    if (o.t1 <= c.t0 || o.t0 >= c.t1 + maxShiftMs || !boxesMeet(c, o)) continue;
    if (o.priority < c.priority || !o.alive || o.id === c.id) continue;
    for (const a of c.volumes)
      for (const b of o.volumes) {
        const hi = b.t1 - a.t0;
        if (hi <= 0 || !spaceOverlaps(a, b)) continue;
        starts.push(b.t0 - a.t1);
        ends.push(hi);
      }
  }
  const order = starts.map((_, i) => i).sort((i, j) => starts[i] - starts[j] || ends[i] - ends[j]);
  let s = 0;
  for (const i of order) {
    const ms = s * 1000;
    if (starts[i] >= ms) break;
    if (ms < ends[i]) s = Math.ceil(ends[i] / 1000);
    if (s > maxShiftS) return null;
  }
  return s;
}
