import type { CircleFootprint, Footprint, PolygonFootprint } from './footprint.js';
import { haversineH, haversineOfDistance } from './geodesy.js';

/**
 * A uniform grid over the union of the zone footprints. Each cell lists the zones whose footprint meets
 * the cell (expanded by a tiny epsilon, so that rounding in the cell lookup never loses a zone):
 * - FULL entries: the whole cell is inside the zone — no geometry test at query time;
 * - polygon entries: the zone's edges overlapping the cell's row that reach the cell or further east
 *   (a ray cast eastwards from the point meets only these), so a point test reads a handful of edges;
 * - CIRCLE entries: the exact haversine test.
 */
export interface Grid {
  minX: number;
  minY: number;
  cellW: number;
  cellH: number;
  invW: number;
  invH: number;
  nx: number;
  ny: number;
  epsX: number;
  epsY: number;
  /**
   * Entries of cell c are entries[3e .. 3e+2] for e in [cellStart[c], cellStart[c + 1]); cell c = row * nx + col.
   * An entry is (zone, from, to): from ≥ 0 is the offset in `edges` (4 numbers per edge) of a polygon entry's
   * edges [from, to); from = FULL or CIRCLE otherwise. Interleaved so that one entry is one cache line read.
   */
  cellStart: Int32Array;
  entries: Int32Array;
  /** Number of entries. */
  entryCount: number;
  edges: Float64Array;
}

export const FULL = -1;
export const CIRCLE = -2;

class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

class FloatList {
  data = new Float64Array(4096);
  length = 0;
  push4(a: number, b: number, c: number, d: number): void {
    if (this.length + 4 > this.data.length) {
      const n = new Float64Array(this.data.length * 2);
      n.set(this.data);
      this.data = n;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
    this.data[this.length++] = d;
  }
}

interface Builder {
  g: Grid;
  cell: IntList;
  zone: IntList;
  from: IntList;
  to: IntList;
  edges: FloatList;
}

/** Builds the grid with about `targetCells` cells, square in degrees. */
export function buildGrid(fps: readonly Footprint[], targetCells = 1 << 20): Grid {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const f of fps) {
    minX = Math.min(minX, f.minX);
    minY = Math.min(minY, f.minY);
    maxX = Math.max(maxX, f.maxX);
    maxY = Math.max(maxY, f.maxY);
  }
  if (fps.length === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  const w = Math.max(maxX - minX, 1e-9);
  const h = Math.max(maxY - minY, 1e-9);
  const s = Math.sqrt((w * h) / Math.max(1, targetCells));
  const nx = Math.max(1, Math.ceil(w / s) + 1);
  const ny = Math.max(1, Math.ceil(h / s) + 1);
  // Start half a cell before the data so that nothing lies on the outer border.
  const g: Grid = {
    minX: minX - s / 2,
    minY: minY - s / 2,
    cellW: s,
    cellH: s,
    invW: 1 / s,
    invH: 1 / s,
    nx,
    ny,
    epsX: s * 1e-6,
    epsY: s * 1e-6,
    cellStart: new Int32Array(nx * ny + 1),
    entries: new Int32Array(0),
    entryCount: 0,
    edges: new Float64Array(0),
  };
  const b: Builder = {
    g,
    cell: new IntList(),
    zone: new IntList(),
    from: new IntList(),
    to: new IntList(),
    edges: new FloatList(),
  };
  for (let z = 0; z < fps.length; z++) {
    const f = fps[z];
    if (f.kind === 'polygon') addPolygon(b, f, z);
    else addCircle(b, f, z);
  }
  finish(b);
  return g;
}

/** The x-extent of a segment within a row band (rowSpan's answer; one record, reused: no allocation per call). */
export const span = { lo: 0, hi: 0 };

/**
 * Where the segment (x1, y1)–(x2, y2) lies within row r's band (widened by epsilon): its x-extent there in `span`,
 * or false when it does not reach the band.
 */
export function rowSpan(g: Grid, r: number, x1: number, y1: number, x2: number, y2: number): boolean {
  if (y1 === y2) {
    span.lo = Math.min(x1, x2);
    span.hi = Math.max(x1, x2);
    return true;
  }
  const ta = (g.minY + r * g.cellH - g.epsY - y1) / (y2 - y1);
  const tb = (g.minY + (r + 1) * g.cellH + g.epsY - y1) / (y2 - y1);
  const t0 = Math.max(0, Math.min(ta, tb));
  const t1 = Math.min(1, Math.max(ta, tb));
  if (t0 > t1) return false;
  const xt0 = x1 + t0 * (x2 - x1);
  const xt1 = x1 + t1 * (x2 - x1);
  span.lo = Math.min(xt0, xt1);
  span.hi = Math.max(xt0, xt1);
  return true;
}

export function colOf(g: Grid, x: number): number {
  const c = Math.floor((x - g.minX) * g.invW);
  return c < 0 ? 0 : c >= g.nx ? g.nx - 1 : c;
}

export function rowOf(g: Grid, y: number): number {
  const r = Math.floor((y - g.minY) * g.invH);
  return r < 0 ? 0 : r >= g.ny ? g.ny - 1 : r;
}

function emit(b: Builder, cell: number, zone: number, from: number, to: number): void {
  b.cell.push(cell);
  b.zone.push(zone);
  b.from.push(from);
  b.to.push(to);
}

function addPolygon(b: Builder, f: PolygonFootprint, z: number): void {
  const g = b.g;
  const e = f.edges;
  const r0 = rowOf(g, f.minY - g.epsY);
  const r1 = rowOf(g, f.maxY + g.epsY);
  const c0 = colOf(g, f.minX - g.epsX);
  const c1 = colOf(g, f.maxX + g.epsX);
  const C = c1 - c0 + 1;
  const partial = new Uint8Array((r1 - r0 + 1) * C);
  const rowEdges: number[][] = [];
  for (let r = r0; r <= r1; r++) rowEdges.push([]);
  for (let k = 0; k < e.length; k += 4) {
    const x1 = e[k];
    const y1 = e[k + 1];
    const x2 = e[k + 2];
    const y2 = e[k + 3];
    const ra = rowOf(g, Math.min(y1, y2) - g.epsY);
    const rb = rowOf(g, Math.max(y1, y2) + g.epsY);
    for (let r = ra; r <= rb; r++) {
      if (!rowSpan(g, r, x1, y1, x2, y2)) continue;
      const ca = colOf(g, span.lo - g.epsX);
      const cb = colOf(g, span.hi + g.epsX);
      const row = (r - r0) * C;
      for (let c = ca; c <= cb; c++) partial[row + c - c0] = 1;
      rowEdges[r - r0].push(k);
    }
  }
  for (let r = r0; r <= r1; r++) addPolygonRow(b, f, z, r, c0, c1, rowEdges[r - r0], partial, (r - r0) * C - c0);
}

function addPolygonRow(
  b: Builder,
  f: PolygonFootprint,
  z: number,
  r: number,
  c0: number,
  c1: number,
  ks: number[],
  partial: Uint8Array,
  partialOffset: number,
): void {
  const g = b.g;
  const e = f.edges;
  const east = (k: number): number => Math.max(e[k], e[k + 2]);
  // East-most edges first, so "edges reaching column c or further east" is a prefix.
  ks.sort((p, q) => east(q) - east(p));
  const slab = b.edges.length;
  for (const k of ks) b.edges.push4(e[k], e[k + 1], e[k + 2], e[k + 3]);
  // Crossings of the row's centre line, to classify the cells that no edge touches.
  const yc = g.minY + (r + 0.5) * g.cellH;
  const xs: number[] = [];
  for (const k of ks) {
    const y1 = e[k + 1];
    const y2 = e[k + 3];
    if (y1 > yc !== y2 > yc) xs.push(e[k] + ((yc - y1) * (e[k + 2] - e[k])) / (y2 - y1));
  }
  xs.sort((p, q) => p - q);
  let crossed = 0;
  let prefix = ks.length;
  for (let c = c0; c <= c1; c++) {
    const xc = g.minX + (c + 0.5) * g.cellW;
    while (crossed < xs.length && xs[crossed] < xc) crossed++;
    const cell = r * g.nx + c;
    if (partial[partialOffset + c]) {
      const cellMinX = g.minX + c * g.cellW - g.epsX;
      while (prefix > 0 && east(ks[prefix - 1]) < cellMinX) prefix--;
      emit(b, cell, z, slab, slab + prefix * 4);
    } else if (crossed % 2 === 1) {
      emit(b, cell, z, FULL, FULL);
    }
  }
}

function addCircle(b: Builder, f: CircleFootprint, z: number): void {
  const g = b.g;
  const margin = 1 + f.radiusM * 1e-6; // metres: covers the spherical-vs-planar shape of a cell
  const hIn = f.radiusM > margin ? haversineOfDistance(f.radiusM - margin) : -1;
  const hOut = haversineOfDistance(f.radiusM + margin);
  const r0 = rowOf(g, f.minY);
  const r1 = rowOf(g, f.maxY);
  const c0 = colOf(g, f.minX);
  const c1 = colOf(g, f.maxX);
  for (let r = r0; r <= r1; r++) {
    const y0 = g.minY + r * g.cellH - g.epsY;
    const y1 = y0 + g.cellH + 2 * g.epsY;
    const cy = f.lat < y0 ? y0 : Math.min(f.lat, y1);
    for (let c = c0; c <= c1; c++) {
      const x0 = g.minX + c * g.cellW - g.epsX;
      const x1 = x0 + g.cellW + 2 * g.epsX;
      const cx = f.lon < x0 ? x0 : Math.min(f.lon, x1);
      if (haversineH(f.lon, f.lat, cx, cy) > hOut) continue;
      const far = Math.max(
        haversineH(f.lon, f.lat, x0, y0),
        haversineH(f.lon, f.lat, x1, y0),
        haversineH(f.lon, f.lat, x0, y1),
        haversineH(f.lon, f.lat, x1, y1),
      );
      const kind = f.sectors === null && far <= hIn ? FULL : CIRCLE;
      emit(b, r * g.nx + c, z, kind, kind);
    }
  }
}

/** Counting sort of the entries by cell (stable: zone order within a cell). */
function finish(b: Builder): void {
  const g = b.g;
  const n = b.cell.length;
  const cells = b.cell.data;
  const start = g.cellStart;
  for (let i = 0; i < n; i++) start[cells[i] + 1]++;
  for (let c = 0; c < g.nx * g.ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, g.nx * g.ny);
  g.entries = new Int32Array(n * 3);
  g.entryCount = n;
  for (let i = 0; i < n; i++) {
    const at = 3 * fill[cells[i]]++;
    g.entries[at] = b.zone.data[i];
    g.entries[at + 1] = b.from.data[i];
    g.entries[at + 2] = b.to.data[i];
  }
  g.edges = b.edges.data.slice(0, b.edges.length);
}
