import type { Grid } from './grid.js';
import { type GridElevationModel, groundRangeM } from './terrain-grid.js';

export const LOWER_AGL = 1;
export const UPPER_AGL = 2;

/**
 * Per index entry (zone × grid cell), the AMSL heights that decide a point query without looking the ground up:
 * below outLo or above outHi the point is outside the zone's band whatever the ground in the cell, and
 * between inLo and inHi it is inside; only in between does the ground decide (a lookup). The bounds come
 * from the cell's ground range (groundRangeM) and are exact: interpolation stays within the values it blends,
 * and adding the ground is monotonic in floating point. AMSL zones get their own limits, never ambiguous.
 * A cell is resolved on its first query, so a large index pays only for the cells it is asked about.
 */
export class EntryBands {
  /**
   * One 32-byte record per entry k, so a query reads one cache line where the grid and separate bounds would
   * cost two: `ints` [z, from, to, 0] at 8k (the grid's entry), `floats` [outLo, outHi, inLo, inHi] at 8k + 4,
   * in single precision rounded outwards (outLo down, outHi up, inLo up, inHi down), so decisions stay exact.
   */
  readonly ints: Int32Array;
  readonly floats: Float32Array;
  private readonly resolved: Uint8Array;
  readonly blocks: GroundBlocks;

  constructor(
    private readonly grid: Grid,
    private readonly lowerM: Float64Array,
    private readonly upperM: Float64Array,
    /** LOWER_AGL | UPPER_AGL per zone (other bits ignored) */
    private readonly aglFlags: Uint8Array,
    private readonly terrain: GridElevationModel,
  ) {
    const n = grid.entries.length / 3;
    const records = new ArrayBuffer(32 * n);
    this.ints = new Int32Array(records);
    this.floats = new Float32Array(records);
    for (let k = 0; k < n; k++) {
      this.ints[8 * k] = grid.entries[3 * k];
      this.ints[8 * k + 1] = grid.entries[3 * k + 1];
      this.ints[8 * k + 2] = grid.entries[3 * k + 2];
    }
    this.resolved = new Uint8Array(grid.nx * grid.ny);
    this.blocks = groundBlocks(terrain);
  }

  /** Offset of the point's [min, max] in blocks.range, or -1 outside the blocks. */
  blockOf(lon: number, lat: number): number {
    const b = this.blocks;
    const fx = (lon - b.west) * b.invDeg;
    const fy = (b.north - lat) * b.invDeg;
    if (!(fx >= 0 && fx < b.cols && fy >= 0 && fy < b.rows)) return -1;
    return 2 * ((fy | 0) * b.cols + (fx | 0));
  }

  /** Fills the cell's entries on first use (cheap to call on every query). */
  ensure(cell: number): void {
    if (this.resolved[cell] === 0) this.resolve(cell);
  }

  private resolve(cell: number): void {
    const g = this.grid;
    const col = cell % g.nx;
    const row = (cell - col) / g.nx;
    const first = g.cellStart[cell];
    const last = g.cellStart[cell + 1];
    let range: { min: number; max: number } | null = null;
    for (let k = first; k < last; k++) {
      const z = g.entries[3 * k];
      const agl = this.aglFlags[z] & (LOWER_AGL | UPPER_AGL);
      const lo = this.lowerM[z];
      const hi = this.upperM[z];
      const b = this.floats;
      const r = 8 * k + 4;
      if (agl === 0) {
        b[r] = roundDown(lo);
        b[r + 1] = roundUp(hi);
        b[r + 2] = roundUp(lo);
        b[r + 3] = roundDown(hi);
        continue;
      }
      range ??= groundRangeM(
        this.terrain,
        g.minX + col * g.cellW,
        g.minY + row * g.cellH,
        g.minX + (col + 1) * g.cellW,
        g.minY + (row + 1) * g.cellH,
      );
      b[r] = roundDown(agl & LOWER_AGL ? lo + range.min : lo);
      b[r + 1] = roundUp(agl & UPPER_AGL ? hi + range.max : hi);
      b[r + 2] = roundUp(agl & LOWER_AGL ? lo + range.max : lo);
      b[r + 3] = roundDown(agl & UPPER_AGL ? hi + range.min : hi);
    }
    this.resolved[cell] = 1;
  }
}

const f32 = new Float32Array(1);
const bits = new Int32Array(f32.buffer);

/** The largest single-precision value ≤ x (±Infinity stay; NaN stays NaN, which every comparison rejects). */
export function roundDown(x: number): number {
  const f = Math.fround(x);
  if (f <= x || Number.isNaN(f)) return f;
  return -roundUp(-x);
}

/** The smallest single-precision value ≥ x. */
export function roundUp(x: number): number {
  const f = Math.fround(x);
  if (f >= x || Number.isNaN(f)) return f;
  // f < x: step f one unit towards +∞ (f is finite here: x is above it)
  f32[0] = f;
  if (f === 0)
    bits[0] = 1; // the smallest positive subnormal
  else bits[0] += f > 0 ? 1 : -1;
  return f32[0];
}

/** Terrain cells per side of a ground block: ~200 m on the 0.0005° Hong Kong grid, 360 KB of bounds for it. */
export const GROUND_BLOCK_CELLS = 4;
const BLOCK = GROUND_BLOCK_CELLS;

/**
 * Bounds of the ground over blocks of BLOCK × BLOCK terrain cells (with the one-cell margin bilinear
 * interpolation reads, and sea level where a block reaches outside the grid), in stored units: a finer test
 * than the index cell's range, tried before a lookup. Built once per model, on first need.
 */
export interface GroundBlocks {
  /** [min, max] of block (row, col) at 2 × (row × cols + col), in the model's stored units */
  readonly range: Int16Array;
  readonly cols: number;
  readonly rows: number;
  /** degrees of longitude/latitude per block, inverted */
  readonly invDeg: number;
  readonly west: number;
  readonly north: number;
  readonly unitM: number;
}

const blocksByModel = new WeakMap<GridElevationModel, GroundBlocks>();

export function groundBlocks(model: GridElevationModel): GroundBlocks {
  const cached = blocksByModel.get(model);
  if (cached) return cached;
  const { cols, rows, west, north, cellDeg, unitM } = model.header;
  const bCols = Math.ceil(cols / BLOCK);
  const bRows = Math.ceil(rows / BLOCK);
  const range = new Int16Array(2 * bCols * bRows);
  const values = model.values;
  for (let br = 0; br < bRows; br++) {
    // rows a point of this block may read: r0 ∈ [br·B − 1, (br+1)·B − 1], and r0 + 1
    const r0 = br * BLOCK - 1;
    const r1 = (br + 1) * BLOCK;
    for (let bc = 0; bc < bCols; bc++) {
      const c0 = bc * BLOCK - 1;
      const c1 = (bc + 1) * BLOCK;
      // a block touching the grid's border may hold points outside it, where the model answers sea level
      let min = r0 < 0 || c0 < 0 || r1 >= rows || c1 >= cols ? 0 : 32767;
      let max = min === 0 ? 0 : -32768;
      for (let r = Math.max(0, r0); r <= Math.min(rows - 1, r1); r++) {
        for (let c = Math.max(0, c0); c <= Math.min(cols - 1, c1); c++) {
          const v = values[r * cols + c];
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      range[2 * (br * bCols + bc)] = min;
      range[2 * (br * bCols + bc) + 1] = max;
    }
  }
  const blocks = { range, cols: bCols, rows: bRows, invDeg: 1 / (cellDeg * BLOCK), west, north, unitM };
  blocksByModel.set(model, blocks);
  return blocks;
}

/**
 * Where `alt` is against a zone's band (lo, hi before the ground is added; `agl` says which limit is AGL) for
 * every ground height in [gMin, gMax]: -1 outside for all, 1 inside for all, 0 it depends (look the ground up).
 */
export function bandSide(agl: number, lo: number, hi: number, gMin: number, gMax: number, alt: number): number {
  const loMin = agl & LOWER_AGL ? lo + gMin : lo;
  const hiMax = agl & UPPER_AGL ? hi + gMax : hi;
  if (!(alt >= loMin && alt <= hiMax)) return -1;
  const loMax = agl & LOWER_AGL ? lo + gMax : lo;
  const hiMin = agl & UPPER_AGL ? hi + gMin : hi;
  return alt >= loMax && alt <= hiMin ? 1 : 0;
}
