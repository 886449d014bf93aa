import type { Zone } from '../model/zone.js';
import { seaLevel } from './elevation.js';
import type { CircleFootprint } from './footprint.js';
import { circleContains } from './footprint.js';
import type { Grid } from './grid.js';
import { buildGrid, CIRCLE } from './grid.js';
import { GridWalk } from './grid-walk.js';
import { NaiveZoneIndex, type ZoneIndexOptions } from './naive-index.js';
import { edgesContain } from './planar.js';
import { bandSide, EntryBands, LOWER_AGL, UPPER_AGL } from './terrain-bands.js';
import { isGridModel } from './terrain-grid.js';
import type { LegCrossing } from './types.js';

export interface GridIndexOptions extends ZoneIndexOptions {
  /** Approximate number of grid cells (default: defaultGridCells). More cells: fewer edge tests, more memory. */
  gridCells?: number;
}

/**
 * ~500 cells per zone, at least 256 and at most 2^20: small indexes (a plan's extra zones, permission
 * areas) build in microseconds; a 300-zone catalogue over Hong Kong gets ~170 m cells (the fastest for legs,
 * and as fast as finer grids for points on the shared benchmark).
 */
export function defaultGridCells(zoneCount: number): number {
  return Math.min(1 << 20, Math.max(256, 512 * zoneCount));
}

const TIMED = 4;

/**
 * The fast index: a uniform grid (grid.ts) with per-zone limits in typed arrays. Same answers as
 * NaiveZoneIndex (differential tests); pointQuery and polylineZones allocate nothing.
 */
export class GridZoneIndex extends NaiveZoneIndex {
  readonly grid: Grid;
  private readonly lowerM: Float64Array;
  private readonly upperM: Float64Array;
  /** LOWER_AGL | UPPER_AGL | TIMED: 0 for the common case (AMSL or sea level, always active). */
  private readonly flags: Uint8Array;
  /** the 2-D walk of legs and polylines, with its per-zone marks */
  private readonly walk: GridWalk;
  /** over a terrain grid: per entry, the heights decided whatever the ground in its cell (most skip the lookup) */
  private readonly bands: EntryBands | null;
  /** per point query over terrain: the ground at the point and its block's bounds, once looked up (NaN: not yet) */
  private groundHere = Number.NaN;
  private blockMin = Number.NaN;
  private blockMax = Number.NaN;

  constructor(zones: readonly Zone[], opts: GridIndexOptions = {}) {
    super(zones, opts);
    this.grid = buildGrid(this.footprints, opts.gridCells ?? defaultGridCells(zones.length));
    const n = zones.length;
    this.lowerM = new Float64Array(n);
    this.upperM = new Float64Array(n);
    this.flags = new Uint8Array(n);
    // With the sea-level model AGL and AMSL coincide: skip the ground lookup altogether.
    const flat = this.elevation === seaLevel;
    for (let i = 0; i < n; i++) {
      const v = this.vertical[i];
      this.lowerM[i] = v.lowerM;
      this.upperM[i] = v.upperM;
      const agl = flat ? 0 : (v.lowerAgl ? LOWER_AGL : 0) | (v.upperAgl ? UPPER_AGL : 0);
      this.flags[i] = agl | (this.timing[i] === null ? 0 : TIMED);
    }
    this.bands =
      !flat && isGridModel(this.elevation)
        ? new EntryBands(this.grid, this.lowerM, this.upperM, this.flags, this.elevation)
        : null;
    this.walk = new GridWalk(this.grid, this.footprints);
  }

  override pointQuery(lon: number, lat: number, altAmslM: number, tMs: number, out: Int32Array): number {
    const g = this.grid;
    const fx = (lon - g.minX) * g.invW;
    const fy = (lat - g.minY) * g.invH;
    // Also false for NaN: no zone.
    if (!(fx >= 0 && fx < g.nx && fy >= 0 && fy < g.ny)) return 0;
    const cell = (fy | 0) * g.nx + (fx | 0); // fx, fy ≥ 0 here, so | 0 floors
    if (this.bands !== null) return this.pointQueryOverTerrain(this.bands, cell, lon, lat, altAmslM, tMs, out);
    const entries = g.entries;
    const lowerM = this.lowerM;
    const upperM = this.upperM;
    const flags = this.flags;
    const end = 3 * g.cellStart[cell + 1];
    let n = 0;
    let ground = Number.NaN;
    for (let e = 3 * g.cellStart[cell]; e < end; e += 3) {
      const z = entries[e];
      const fl = flags[z];
      if (fl === 0) {
        if (!(altAmslM >= lowerM[z] && altAmslM <= upperM[z])) continue;
      } else {
        let lo = lowerM[z];
        let hi = upperM[z];
        if ((fl & (LOWER_AGL | UPPER_AGL)) !== 0) {
          if (Number.isNaN(ground)) ground = this.elevation.groundM(lon, lat);
          if (fl & LOWER_AGL) lo += ground;
          if (fl & UPPER_AGL) hi += ground;
        }
        if (!(altAmslM >= lo && altAmslM <= hi)) continue;
        if ((fl & TIMED) !== 0 && !this.isActive(z, tMs)) continue;
      }
      if (!this.footprintEntryContains(e, z, lon, lat)) continue;
      out[n++] = z;
    }
    return n;
  }

  /**
   * pointQuery over a terrain grid: each entry's precomputed bands (terrain-bands.ts) decide most points with
   * the same two comparisons as an AMSL zone; the ground is looked up only where the cell's relief makes it matter.
   */
  private pointQueryOverTerrain(
    bands: EntryBands,
    cell: number,
    lon: number,
    lat: number,
    altAmslM: number,
    tMs: number,
    out: Int32Array,
  ): number {
    bands.ensure(cell);
    const ints = bands.ints;
    const b = bands.floats;
    const last = 8 * this.grid.cellStart[cell + 1];
    let n = 0;
    this.groundHere = Number.NaN;
    this.blockMin = Number.NaN;
    for (let r = 8 * this.grid.cellStart[cell]; r < last; r += 8) {
      if (!(altAmslM >= b[r + 4] && altAmslM <= b[r + 5])) continue;
      const z = ints[r];
      if (!(altAmslM >= b[r + 6] && altAmslM <= b[r + 7]) && !this.insideOverGround(bands, z, lon, lat, altAmslM))
        continue;
      if ((this.flags[z] & TIMED) !== 0 && !this.isActive(z, tMs)) continue;
      const from = ints[r + 1];
      if (from >= 0) {
        if (!edgesContain(this.grid.edges, from, ints[r + 2], lon, lat)) continue;
      } else if (from === CIRCLE && !circleContains(this.footprints[z] as CircleFootprint, lon, lat)) continue;
      out[n++] = z;
    }
    return n;
  }

  /** The relief under the cell spans zone z's limit: the ground near the point (its block), then at it, decides. */
  private insideOverGround(bands: EntryBands, z: number, lon: number, lat: number, altAmslM: number): boolean {
    const fl = this.flags[z];
    const lo = this.lowerM[z];
    const hi = this.upperM[z];
    let ground = this.groundHere;
    if (Number.isNaN(ground)) {
      if (Number.isNaN(this.blockMin)) {
        const i = bands.blockOf(lon, lat);
        this.blockMin = i < 0 ? Number.NEGATIVE_INFINITY : bands.blocks.range[i] * bands.blocks.unitM;
        this.blockMax = i < 0 ? Number.POSITIVE_INFINITY : bands.blocks.range[i + 1] * bands.blocks.unitM;
      }
      const side = bandSide(fl, lo, hi, this.blockMin, this.blockMax, altAmslM);
      if (side !== 0) return side > 0;
      ground = this.groundHere = this.elevation.groundM(lon, lat);
    }
    const lo1 = fl & LOWER_AGL ? lo + ground : lo;
    const hi1 = fl & UPPER_AGL ? hi + ground : hi;
    return altAmslM >= lo1 && altAmslM <= hi1;
  }

  /** The 2-D test of grid entry e (zone z): FULL cells pass, polygon edges or the circle decide the rest. */
  private footprintEntryContains(e: number, z: number, lon: number, lat: number): boolean {
    const g = this.grid;
    const from = g.entries[e + 1];
    if (from >= 0) return edgesContain(g.edges, from, g.entries[e + 2], lon, lat);
    if (from === CIRCLE) return circleContains(this.footprints[z] as CircleFootprint, lon, lat);
    return true;
  }

  /** 2-D containment of zone i through the grid: same answer as the full test, reading only nearby edges. */
  override footprintContains(i: number, lon: number, lat: number): boolean {
    const g = this.grid;
    const fx = (lon - g.minX) * g.invW;
    const fy = (lat - g.minY) * g.invH;
    if (!(fx >= 0 && fx < g.nx && fy >= 0 && fy < g.ny)) return false;
    const cell = (fy | 0) * g.nx + (fx | 0);
    const entries = g.entries;
    const end = 3 * g.cellStart[cell + 1];
    for (let e = 3 * g.cellStart[cell]; e < end; e += 3) {
      if (entries[e] !== i) continue;
      const from = entries[e + 1];
      if (from >= 0) return edgesContain(g.edges, from, entries[e + 2], lon, lat);
      if (from === CIRCLE) return circleContains(this.footprints[i] as CircleFootprint, lon, lat);
      return true;
    }
    return false;
  }

  override legCrossings(aLon: number, aLat: number, bLon: number, bLat: number): LegCrossing[] {
    if (!(Number.isFinite(aLon) && Number.isFinite(aLat) && Number.isFinite(bLon) && Number.isFinite(bLat))) return [];
    // Candidates: zones the leg provably touches (start point inside, boundary touched, FULL cell entered).
    const walk = this.walk;
    const gen = walk.nextGen();
    const n = walk.walkLeg(gen, walk.markPoint(gen, 0, aLon, aLat), aLon, aLat, bLon, bLat);
    const candidates = walk.hits.slice(0, n).sort();
    return this.crossingsOf(candidates, aLon, aLat, bLon, bLat);
  }

  /**
   * Zones whose 2-D footprint the polyline touches (any time, any height). `coords` holds
   * [lon0, lat0, lon1, lat1, ...] for `nPoints` points. Writes zone indices (unordered) into `out` and
   * returns how many. Allocation-free (except for legs through sectored circles).
   */
  polylineZones(coords: ArrayLike<number>, nPoints: number, out: Int32Array): number {
    if (nPoints <= 0) return 0;
    const walk = this.walk;
    const gen = walk.nextGen();
    // A connected polyline that never touches a zone's boundary is wholly inside or wholly outside it,
    // so the first point's containment plus the boundary/FULL-cell walk of every leg decides all zones.
    let n = walk.markPoint(gen, 0, coords[0], coords[1]);
    for (let k = 0; k + 1 < nPoints; k++)
      n = walk.walkLeg(gen, n, coords[2 * k], coords[2 * k + 1], coords[2 * k + 2], coords[2 * k + 3]);
    const hits = walk.hits;
    for (let i = 0; i < n; i++) out[i] = hits[i];
    return n;
  }
}
