import { seaLevel } from './elevation.js';
import { isGridModel } from './terrain-grid.js';
import type { ElevationModel } from './types.js';

/**
 * The lowest and highest heights along a straight stretch of a leg, over the ground model. Positions are
 * interpolated linearly in lon/lat along the leg (as the route sampler does); the altitude linearly in the
 * route's own reference: AMSL (so AGL follows the ground) or AGL (so AMSL follows the ground).
 */
export interface HeightRange {
  /** Lowest and highest height above ground, metres, and the leg fractions where they occur. */
  minAglM: number;
  minAglF: number;
  maxAglM: number;
  maxAglF: number;
  /** Lowest and highest altitude AMSL, metres, and where. */
  minAmslM: number;
  minAmslF: number;
  maxAmslM: number;
  maxAmslF: number;
  /** Ground height at the lowest-AGL point. */
  groundAtMinM: number;
}

export interface LegGeometry {
  aLon: number;
  aLat: number;
  bLon: number;
  bLat: number;
  /** Route altitudes at both ends, in the route's reference. */
  aAlt: number;
  bAlt: number;
  ref: 'AGL' | 'AMSL';
}

/** Spacing (fraction of a degree) for models that are not grids: about 10 m. */
const NON_GRID_STEP_DEG = 0.0001;

export function emptyHeightRange(): HeightRange {
  return {
    minAglM: Infinity,
    minAglF: 0,
    maxAglM: -Infinity,
    maxAglF: 0,
    minAmslM: Infinity,
    minAmslF: 0,
    maxAmslM: -Infinity,
    maxAmslF: 0,
    groundAtMinM: 0,
  };
}

function visit(out: HeightRange, model: ElevationModel, leg: LegGeometry, f: number): void {
  visitOver(out, leg, f, model.groundM(leg.aLon + f * (leg.bLon - leg.aLon), leg.aLat + f * (leg.bLat - leg.aLat)));
}

/** visit with the ground at f already looked up (each break's ground serves two pieces). */
function visitOver(out: HeightRange, leg: LegGeometry, f: number, ground: number): void {
  const alt = leg.aAlt + f * (leg.bAlt - leg.aAlt);
  const agl = leg.ref === 'AGL' ? alt : alt - ground;
  const amsl = leg.ref === 'AGL' ? alt + ground : alt;
  if (agl < out.minAglM) {
    out.minAglM = agl;
    out.minAglF = f;
    out.groundAtMinM = ground;
  }
  if (agl > out.maxAglM) {
    out.maxAglM = agl;
    out.maxAglF = f;
  }
  if (amsl < out.minAmslM) {
    out.minAmslM = amsl;
    out.minAmslF = f;
  }
  if (amsl > out.maxAmslM) {
    out.maxAmslM = amsl;
    out.maxAmslF = f;
  }
}

const groundAt = (model: ElevationModel, leg: LegGeometry, f: number): number =>
  model.groundM(leg.aLon + f * (leg.bLon - leg.aLon), leg.aLat + f * (leg.bLat - leg.aLat));

/** The height that follows the ground (AMSL over an AGL leg, AGL over an AMSL leg) at f, over `ground`. */
function followsGround(leg: LegGeometry, f: number, ground: number): number {
  const alt = leg.aAlt + f * (leg.bAlt - leg.aAlt);
  return leg.ref === 'AGL' ? alt + ground : alt - ground;
}

/** The breaks of the leg being measured: one buffer reused by every call (heightRange is not re-entrant). */
let breaks = new Float64Array(256);
let breakCount = 0;

function addBreak(f: number): void {
  if (breakCount === breaks.length) {
    const grown = new Float64Array(2 * breaks.length);
    grown.set(breaks);
    breaks = grown;
  }
  breaks[breakCount++] = f;
}

/** Fractions in (f0, f1) where a coordinate moving linearly from p0 (at f0) to p1 (at f1) crosses a whole number. */
function crossings(p0: number, p1: number, f0: number, f1: number): void {
  if (p0 === p1) return;
  const lo = Math.min(p0, p1);
  const hi = Math.max(p0, p1);
  for (let k = Math.floor(lo) + 1; k < hi; k++) addBreak(f0 + ((k - p0) / (p1 - p0)) * (f1 - f0));
}

/**
 * Exact extremes over [f0, f1] for a grid model: between the points where the leg crosses a line of cell centres
 * the model is bilinear, so the ground (and hence each height) is a quadratic in f: its extremes are at the
 * piece's ends or at the parabola's vertex. Other models are sampled every ~10 m; flat ground needs only the ends.
 */
export function heightRange(
  model: ElevationModel,
  leg: LegGeometry,
  f0 = 0,
  f1 = 1,
  out = emptyHeightRange(),
): HeightRange {
  visit(out, model, leg, f0);
  visit(out, model, leg, f1);
  if (model === seaLevel || f1 <= f0) return out;
  const dLon = leg.bLon - leg.aLon;
  const dLat = leg.bLat - leg.aLat;
  const grid = isGridModel(model);
  breakCount = 0;
  addBreak(f0);
  addBreak(f1);
  if (grid) {
    // break where the leg crosses a line of cell centres: x = (lon − west) / cellDeg − 0.5, y likewise from north
    const { west, north, cellDeg } = model.header;
    const x0 = (leg.aLon + f0 * dLon - west) / cellDeg - 0.5;
    const x1 = (leg.aLon + f1 * dLon - west) / cellDeg - 0.5;
    const y0 = (north - (leg.aLat + f0 * dLat)) / cellDeg - 0.5;
    const y1 = (north - (leg.aLat + f1 * dLat)) / cellDeg - 0.5;
    crossings(x0, x1, f0, f1);
    crossings(y0, y1, f0, f1);
  } else {
    const span = Math.max(
      Math.abs(leg.aLon + f1 * dLon - (leg.aLon + f0 * dLon)),
      Math.abs(leg.aLat + f1 * dLat - (leg.aLat + f0 * dLat)),
    );
    const n = Math.min(100_000, Math.ceil(span / NON_GRID_STEP_DEG));
    for (let k = 1; k < n; k++) addBreak(f0 + ((f1 - f0) * k) / n);
  }
  const count = breakCount;
  breaks.subarray(0, count).sort();
  let fa = breaks[0];
  let ga = groundAt(model, leg, fa);
  for (let k = 0; k < count; k++) {
    if (k > 0) visitOver(out, leg, fa, ga);
    if (k + 1 >= count) break;
    const fb = breaks[k + 1];
    const gb = groundAt(model, leg, fb);
    if (grid && fb - fa >= 1e-12) {
      // The one height that follows the ground (AGL over an AMSL leg, AMSL over an AGL leg) is a quadratic on
      // [fa, fb]: through three points, its vertex, if inside, is an extreme.
      const fm = (fa + fb) / 2;
      const ha = followsGround(leg, fa, ga);
      const hm = followsGround(leg, fm, groundAt(model, leg, fm));
      const hb = followsGround(leg, fb, gb);
      const curvature = ha - 2 * hm + hb;
      // With u = (f − fa)/(fb − fa): h(u) = ha + (4hm − 3ha − hb)·u + 2·curvature·u², vertex at −b / 2a.
      const u = Math.abs(curvature) < 1e-9 ? -1 : -(4 * hm - 3 * ha - hb) / (4 * curvature);
      if (u > 0 && u < 1) visit(out, model, leg, fa + u * (fb - fa));
    }
    fa = fb;
    ga = gb;
  }
  return out;
}
