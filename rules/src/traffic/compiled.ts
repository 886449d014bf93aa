import type { OperationalIntent } from './intent.js';
import { type Plane, toPlane } from './plane.js';
import type { Volume3D, Volume4D } from './volume.js';

/** A volume in the shared plane: the capsule A–B buffered by r, a vertical band and an open time window. */
export interface CompiledVolume {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  r: number;
  /** 0 W84, 1 AMSL, 2 AGL: bands with different references are taken to overlap (conservative) */
  ref: number;
  zLo: number;
  zHi: number;
  t0: number;
  t1: number;
}

export interface CompiledIntent {
  id: string;
  operator: string;
  priority: number;
  volumes: CompiledVolume[];
  t0: number;
  t1: number;
  /** bounding box of every volume's capsule in the plane: a cheap rejection before the exact tests */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  source: OperationalIntent;
  /** index bookkeeping: false once removed or replaced */
  alive: boolean;
  /** index bookkeeping: the last query that collected it */
  stamp: number;
}

const REFS = { W84: 0, AMSL: 1, AGL: 2 } as const;

/** The footprint of a Volume3D as a capsule; a polygon without a corridor becomes its bounding circle. */
export function compileFootprint(plane: Plane, v: Volume3D): Pick<CompiledVolume, 'ax' | 'ay' | 'bx' | 'by' | 'r'> {
  if (v.outline_corridor) {
    const [ax, ay] = toPlane(plane, v.outline_corridor.start.lng, v.outline_corridor.start.lat);
    const [bx, by] = toPlane(plane, v.outline_corridor.end.lng, v.outline_corridor.end.lat);
    return { ax, ay, bx, by, r: v.outline_corridor.half_width.value };
  }
  if (v.outline_circle) {
    const [ax, ay] = toPlane(plane, v.outline_circle.center.lng, v.outline_circle.center.lat);
    return { ax, ay, bx: ax, by: ay, r: v.outline_circle.radius.value };
  }
  const pts = (v.outline_polygon?.vertices ?? []).map((p) => toPlane(plane, p.lng, p.lat));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { ax: cx, ay: cy, bx: cx, by: cy, r: Math.hypot(maxX - minX, maxY - minY) / 2 };
}

export function compileVolume(plane: Plane, v: Volume4D): CompiledVolume {
  return {
    ...compileFootprint(plane, v.volume),
    ref: REFS[v.volume.altitude_lower.reference],
    zLo: v.volume.altitude_lower.value,
    zHi: v.volume.altitude_upper.value,
    t0: Date.parse(v.time_start.value),
    t1: Date.parse(v.time_end.value),
  };
}

/** Nominal volumes while conforming; a Nonconforming or Contingent intent also holds its off-nominal ones. */
export function compileIntent(plane: Plane, intent: OperationalIntent): CompiledIntent {
  const offNominal = intent.reference.state === 'Nonconforming' || intent.reference.state === 'Contingent';
  const source = offNominal
    ? [...intent.details.volumes, ...intent.details.off_nominal_volumes]
    : intent.details.volumes;
  const volumes = source.map((v) => compileVolume(plane, v));
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const v of volumes) {
    t0 = Math.min(t0, v.t0);
    t1 = Math.max(t1, v.t1);
    x0 = Math.min(x0, v.ax - v.r, v.bx - v.r);
    y0 = Math.min(y0, v.ay - v.r, v.by - v.r);
    x1 = Math.max(x1, v.ax + v.r, v.bx + v.r);
    y1 = Math.max(y1, v.ay + v.r, v.by + v.r);
  }
  return {
    id: intent.reference.id,
    operator: intent.reference.operator,
    priority: intent.details.priority,
    volumes,
    t0,
    t1,
    x0,
    y0,
    x1,
    y1,
    source: intent,
    alive: true,
    stamp: 0,
  };
}
