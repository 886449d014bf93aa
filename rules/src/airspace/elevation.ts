import type { ElevationModel } from './types.js';

/** Default ground model: the ground is at mean sea level everywhere (AGL = AMSL). */
export const seaLevel: ElevationModel = Object.freeze({
  id: 'sea-level',
  description:
    'Assumption: ground at mean sea level (0 m AMSL) everywhere, so AGL heights equal AMSL altitudes. ' +
    'Over Hong Kong terrain (up to 957 m at Tai Mo Shan) this understates AGL-limited airspace floors and ceilings.',
  groundM: () => 0,
});

export class ElevationGridError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`elevation grid: ${field}: ${message}`);
    this.name = 'ElevationGridError';
  }
}

const HEADER_KEYS = ['ncols', 'nrows', 'xllcorner', 'yllcorner', 'xllcenter', 'yllcenter', 'cellsize', 'nodata_value'];

/**
 * Parses an ESRI ASCII grid (".asc") of ground elevation in metres AMSL, lon/lat degrees (WGS84):
 * ```
 * ncols 3
 * nrows 2
 * xllcorner 114.0      (or xllcenter: the centre of the lower-left cell)
 * yllcorner 22.2       (or yllcenter)
 * cellsize 0.01
 * NODATA_value -9999   (optional)
 * 10 20 30             (first row = northernmost)
 * 40 50 60
 * ```
 * The value of a cell belongs to its centre; between centres the model interpolates bilinearly.
 * Outside the grid and at NODATA cells the ground is taken as sea level (0 m); NODATA neighbours are
 * left out of the interpolation (weights renormalised). Errors name the header field or the data row.
 */
export function parseElevationGrid(text: string, id = 'elevation-grid'): ElevationModel {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, number>();
  let li = 0;
  for (; li < lines.length; li++) {
    const line = lines[li].trim();
    if (line === '') continue;
    const m = /^([A-Za-z_]+)\s+(\S+)$/.exec(line);
    if (!m || !HEADER_KEYS.includes(m[1].toLowerCase())) break;
    const key = m[1].toLowerCase();
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new ElevationGridError(key, `"${m[2]}" is not a number (line ${li + 1})`);
    header.set(key, v);
  }
  const need = (k: string): number => {
    const v = header.get(k);
    if (v === undefined) throw new ElevationGridError(k, 'missing header field');
    return v;
  };
  const ncols = need('ncols');
  const nrows = need('nrows');
  for (const [k, v] of [
    ['ncols', ncols],
    ['nrows', nrows],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ElevationGridError(k, `must be a positive integer, got ${v}`);
  }
  const cellsize = need('cellsize');
  if (!(cellsize > 0)) throw new ElevationGridError('cellsize', `must be positive, got ${cellsize}`);
  const centered = header.has('xllcenter') || header.has('yllcenter');
  const x0 = centered ? need('xllcenter') : need('xllcorner') + cellsize / 2; // centre of the lower-left cell
  const y0 = centered ? need('yllcenter') : need('yllcorner') + cellsize / 2;
  if (x0 < -180 || x0 + (ncols - 1) * cellsize > 180.0000001)
    throw new ElevationGridError(centered ? 'xllcenter' : 'xllcorner', 'grid longitudes out of range [-180, 180]');
  if (y0 < -90 || y0 + (nrows - 1) * cellsize > 90.0000001)
    throw new ElevationGridError(centered ? 'yllcenter' : 'yllcorner', 'grid latitudes out of range [-90, 90]');
  const nodata = header.get('nodata_value');

  // values[r * ncols + c], r = 0 the southernmost row (file rows run north to south).
  const values = new Float64Array(ncols * nrows);
  const valid = new Uint8Array(ncols * nrows);
  const tokens: string[] = [];
  const tokenRow: number[] = [];
  for (; li < lines.length; li++) {
    const line = lines[li].trim();
    if (line === '') continue;
    for (const t of line.split(/\s+/)) {
      tokens.push(t);
      tokenRow.push(li + 1);
    }
  }
  if (tokens.length !== ncols * nrows)
    throw new ElevationGridError(
      'data',
      `expected ncols × nrows = ${ncols * nrows} values, found ${tokens.length}` +
        (tokens.length > ncols * nrows ? '' : ` (data ends in grid row ${Math.floor(tokens.length / ncols) + 1})`),
    );
  for (let i = 0; i < tokens.length; i++) {
    const v = Number(tokens[i]);
    const fileRow = Math.floor(i / ncols);
    if (!Number.isFinite(v))
      throw new ElevationGridError(
        `row ${fileRow + 1}`,
        `value "${tokens[i]}" in column ${(i % ncols) + 1} (line ${tokenRow[i]}) is not a number`,
      );
    const k = (nrows - 1 - fileRow) * ncols + (i % ncols);
    if (nodata !== undefined && v === nodata) continue;
    values[k] = v;
    valid[k] = 1;
  }
  const inv = 1 / cellsize;
  return {
    id,
    description:
      `Ground elevation from an ESRI ASCII grid (${ncols}×${nrows} cells of ${cellsize}°, lower-left cell centre ` +
      `${x0}, ${y0}), bilinear between cell centres; sea level (0 m) outside the grid and at NODATA cells.`,
    groundM(lon: number, lat: number): number {
      const fx = (lon - x0) * inv;
      const fy = (lat - y0) * inv;
      if (!(fx >= -0.5 && fx <= ncols - 0.5 && fy >= -0.5 && fy <= nrows - 0.5)) return 0;
      // Clamp to the outermost centres: the half cell at the border takes the border value.
      const cx = fx < 0 ? 0 : Math.min(fx, ncols - 1);
      const cy = fy < 0 ? 0 : Math.min(fy, nrows - 1);
      const c0 = Math.min(Math.floor(cx), ncols - 1);
      const r0 = Math.min(Math.floor(cy), nrows - 1);
      const c1 = Math.min(c0 + 1, ncols - 1);
      const r1 = Math.min(r0 + 1, nrows - 1);
      const tx = cx - c0;
      const ty = cy - r0;
      // Inlined (no closure) so that the hot path allocates nothing.
      const k00 = r0 * ncols + c0;
      const k01 = r0 * ncols + c1;
      const k10 = r1 * ncols + c0;
      const k11 = r1 * ncols + c1;
      const w00 = valid[k00] * (1 - tx) * (1 - ty);
      const w01 = valid[k01] * tx * (1 - ty);
      const w10 = valid[k10] * (1 - tx) * ty;
      const w11 = valid[k11] * tx * ty;
      const wsum = w00 + w01 + w10 + w11;
      if (wsum === 0) return valid[k00] ? values[k00] : 0;
      const sum = values[k00] * w00 + values[k01] * w01 + values[k10] * w10 + values[k11] * w11;
      return sum / wsum;
    },
  };
}
