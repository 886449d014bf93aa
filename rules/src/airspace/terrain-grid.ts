import { z } from 'zod';
import type { ElevationModel } from './types.js';

/**
 * A ground model on a regular WGS 84 lon/lat grid (rules/data/terrain, built by server/src/tools/build-terrain.ts):
 * Int16 values × `unitM` metres AMSL, row 0 the northernmost, cell values at cell centres
 * (lon = west + (c + ½)·cellDeg, lat = north − (r + ½)·cellDeg). The loader (server) reads the bytes; rules stay pure.
 */
export const TerrainGridHeader = z
  .object({
    format: z.literal('sua-terrain-grid/1'),
    id: z.string().min(1),
    title: z.string(),
    west: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
    cellDeg: z.number().positive().max(1),
    cols: z.number().int().min(2),
    rows: z.number().int().min(2),
    unitM: z.number().positive(),
    /** Nominal horizontal resolution of the data (metres), for the report. */
    resolutionM: z.number().positive(),
    /** Stated vertical accuracy (metres): a route deeper than this below the model meets the ground. */
    verticalAccuracyM: z.number().nonnegative(),
    datum: z.string(),
    sources: z.array(z.string()),
    attribution: z.string(),
    licence: z.string(),
    /** Where the data and its terms are published (cited by findings that rest on the model). */
    sourceUrl: z.url(),
  })
  .strict();
export type TerrainGridHeader = z.infer<typeof TerrainGridHeader>;

/** A grid model: what the along-leg walk needs besides point lookups. */
export interface GridElevationModel extends ElevationModel {
  readonly header: TerrainGridHeader;
  /** Stored values (× header.unitM metres), row-major from the north-west. */
  readonly values: Int16Array;
  readonly verticalAccuracyM: number;
  /** The other models of the same family by id (terrain ↔ surface), for rulebooks that choose the reference. */
  readonly alternates: Map<string, ElevationModel>;
  /** Does the grid hold data at (lon, lat)? Outside it `groundM` answers sea level, which is an assumption. */
  covers(lon: number, lat: number): boolean;
}

/**
 * The ground model a rulebook's `groundReference` asks for: the model itself, or an alternate of its family.
 * Null when the reference cannot be honoured here (e.g. sea level has no surface alternate).
 */
export function groundModelFor(model: ElevationModel, reference: unknown): ElevationModel | null {
  if (reference === undefined || reference === model.id) return model;
  if (typeof reference !== 'string' || !isGridModel(model)) return null;
  return model.alternates.get(reference) ?? null;
}

export function isGridModel(m: ElevationModel): m is GridElevationModel {
  return (m as Partial<GridElevationModel>).values instanceof Int16Array;
}

export class TerrainGridError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`terrain grid: ${field}: ${message}`);
    this.name = 'TerrainGridError';
  }
}

/** Validates a header (errors name the field) and checks the values fit it. */
export function parseTerrainHeader(raw: unknown): TerrainGridHeader {
  const r = TerrainGridHeader.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new TerrainGridError(i.path.join('.') || '(header)', i.message);
  }
  return r.data;
}

/**
 * The ground model of a grid: bilinear between cell centres, the border half-cell taking the border value,
 * sea level (0 m) outside the grid. No projection and no allocation per lookup.
 */
export function gridElevationModel(header: TerrainGridHeader, values: Int16Array): GridElevationModel {
  const { cols, rows, west, north, cellDeg, unitM } = header;
  if (values.length !== cols * rows)
    throw new TerrainGridError('values', `expected cols × rows = ${cols * rows} values, found ${values.length}`);
  if (north - rows * cellDeg < -90 || west + cols * cellDeg > 180)
    throw new TerrainGridError('cols', 'grid extends beyond the globe');
  const inv = 1 / cellDeg;
  const covers = (lon: number, lat: number): boolean => {
    const fx = (lon - west) * inv - 0.5;
    const fy = (north - lat) * inv - 0.5;
    return fx >= -0.5 && fx <= cols - 0.5 && fy >= -0.5 && fy <= rows - 0.5;
  };
  const groundM = (lon: number, lat: number): number => {
    const fx = (lon - west) * inv - 0.5;
    const fy = (north - lat) * inv - 0.5;
    if (!(fx >= -0.5 && fx <= cols - 0.5 && fy >= -0.5 && fy <= rows - 0.5)) return 0;
    const cx = fx < 0 ? 0 : Math.min(fx, cols - 1);
    const cy = fy < 0 ? 0 : Math.min(fy, rows - 1);
    let c0 = Math.floor(cx);
    let r0 = Math.floor(cy);
    if (c0 > cols - 2) c0 = cols - 2;
    if (r0 > rows - 2) r0 = rows - 2;
    const tx = cx - c0;
    const ty = cy - r0;
    const k = r0 * cols + c0;
    const top = values[k] + (values[k + 1] - values[k]) * tx;
    const bottom = values[k + cols] + (values[k + cols + 1] - values[k + cols]) * tx;
    return (top + (bottom - top) * ty) * unitM;
  };
  return {
    id: header.id,
    description:
      `${header.title}: ${header.resolutionM} m data on a ${cols}×${rows} grid of ${cellDeg}° cells, bilinear; ` +
      `vertical accuracy about ±${header.verticalAccuracyM} m (smooths sharp summits and cliffs); ` +
      `sea level outside ${west}–${(west + cols * cellDeg).toFixed(3)}°E, ${(north - rows * cellDeg).toFixed(3)}–${north}°N. ` +
      `${header.attribution}.`,
    groundM,
    header,
    values,
    verticalAccuracyM: header.verticalAccuracyM,
    alternates: new Map(),
    covers,
  };
}

/**
 * Bounds of the ground a grid model gives anywhere in the box (degrees): every value bilinear interpolation may
 * read there (one terrain cell of margin each side), and sea level when the box reaches outside the grid.
 * Interpolation never leaves the range of the values it blends, so groundM(lon, lat) lies within these bounds
 * for every point of the box, exactly, in floating point too.
 */
export function groundRangeM(
  model: GridElevationModel,
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
): { min: number; max: number } {
  const { cols, rows, west, north, cellDeg, unitM } = model.header;
  const inv = 1 / cellDeg;
  const clampCol = (x: number) => Math.max(0, Math.min(cols - 1, x));
  const clampRow = (y: number) => Math.max(0, Math.min(rows - 1, y));
  const c0 = clampCol(Math.floor((minLon - west) * inv - 0.5) - 1);
  const c1 = clampCol(Math.floor((maxLon - west) * inv - 0.5) + 2);
  const r0 = clampRow(Math.floor((north - maxLat) * inv - 0.5) - 1);
  const r1 = clampRow(Math.floor((north - minLat) * inv - 0.5) + 2);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const values = model.values;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const v = values[r * cols + c];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  min *= unitM;
  max *= unitM;
  // outside the grid (with a cell of margin) the model answers sea level
  const margin = cellDeg;
  const outside =
    minLon - margin < west ||
    maxLon + margin > west + cols * cellDeg ||
    minLat - margin < north - rows * cellDeg ||
    maxLat + margin > north;
  if (outside) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  return { min, max };
}
