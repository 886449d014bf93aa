import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import proj4 from 'proj4';

/**
 * Readers for the two raw Hong Kong ground sources (../shared/data/hk-terrain, SOURCES.md "hk-terrain"),
 * used by the one-off conversion (build-terrain.ts) and by the test that checks it. Not on any hot path:
 * the product reads the converted grids (rules/data/terrain) without a projection library.
 */

/** EPSG:2326 Hong Kong 1980 Grid, with the 7-parameter datum shift to WGS 84 (as epsg.io and LandsD publish it). */
export const EPSG_2326 =
  '+proj=tmerc +lat_0=22.31213333333334 +lon_0=114.1785555555556 +k=1 +x_0=836694.05 +y_0=819069.8 +ellps=intl ' +
  '+towgs84=-162.619,-276.959,-161.764,0.067753,-2.24365,-1.15883,-1.09425 +units=m +no_defs';

const hk1980 = proj4('EPSG:4326', EPSG_2326);

/** WGS 84 lon/lat → HK 1980 Grid easting/northing (metres). */
export function toHk1980(lon: number, lat: number): [number, number] {
  const [e, n] = hk1980.forward([lon, lat]);
  return [e, n];
}

/** HK 1980 Grid easting/northing → WGS 84 lon/lat. */
export function fromHk1980(e: number, n: number): [number, number] {
  const [lon, lat] = hk1980.inverse([e, n]);
  return [lon, lat];
}

export interface LandsdDtm {
  cols: number;
  rows: number;
  /** Whole metres above Principal Datum, row-major from the north-west; 0 = sea or unknown. */
  elev: Float64Array;
  /** Cell centre: E = bE + aE·col, N = bN + aN·row. */
  aE: number;
  bE: number;
  aN: number;
  bN: number;
  peaks: { name: string; col: number; row: number; elev: number }[];
}

function num(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${what}: expected a number, got ${String(x)}`);
  return x;
}

export function readLandsdDtm(dir: string): LandsdDtm {
  const raw = JSON.parse(readFileSync(path.join(dir, 'landsd-dtm-70m.json'), 'utf8')) as Record<string, unknown>;
  const geo = JSON.parse(readFileSync(path.join(dir, 'landsd-dtm-70m.georef.json'), 'utf8')) as Record<string, unknown>;
  const cols = num(raw.w, 'landsd-dtm-70m.json w');
  const rows = num(raw.h, 'landsd-dtm-70m.json h');
  if (!Array.isArray(raw.elev) || raw.elev.length !== cols * rows)
    throw new Error(`landsd-dtm-70m.json elev: expected ${cols * rows} values`);
  const elev = Float64Array.from(raw.elev as unknown[], (v, i) => num(v, `landsd-dtm-70m.json elev[${i}]`));
  const peaks = Array.isArray(raw.peaks) ? (raw.peaks as LandsdDtm['peaks']) : [];
  return {
    cols,
    rows,
    elev,
    aE: num(geo.aE, 'georef aE'),
    bE: num(geo.bE, 'georef bE'),
    aN: num(geo.aN, 'georef aN'),
    bN: num(geo.bN, 'georef bN'),
    peaks,
  };
}

/** The DTM value of a cell, or NaN outside the grid or where it holds 0 (sea or unknown). */
export function landsdCell(d: LandsdDtm, col: number, row: number): number {
  if (col < 0 || row < 0 || col >= d.cols || row >= d.rows) return Number.NaN;
  const v = d.elev[row * d.cols + col];
  return v > 0 ? v : Number.NaN;
}

/**
 * Terrarium tiles at one zoom (x, y Web-Mercator tiles of 256 px): height = R·256 + G + B/256 − 32768 m.
 * Pixel values belong to pixel centres; `sample` interpolates bilinearly between them, across tiles.
 */
export class TerrariumTiles {
  private readonly tiles = new Map<string, Float32Array>();
  readonly zoom: number;

  constructor(dir: string) {
    let zoom = -1;
    for (const name of readdirSync(dir)) {
      const m = /^(\d+)-(\d+)-(\d+)\.png$/.exec(name);
      if (!m) continue;
      const z = Number(m[1]);
      if (zoom >= 0 && z !== zoom) throw new Error(`${name}: mixed zoom levels (${zoom} and ${z})`);
      zoom = z;
      const png = PNG.sync.read(readFileSync(path.join(dir, name)));
      if (png.width !== 256 || png.height !== 256) throw new Error(`${name}: expected 256×256 px`);
      const h = new Float32Array(256 * 256);
      for (let i = 0; i < h.length; i++)
        h[i] = png.data[4 * i] * 256 + png.data[4 * i + 1] + png.data[4 * i + 2] / 256 - 32768;
      this.tiles.set(`${m[2]}/${m[3]}`, h);
    }
    if (zoom < 0) throw new Error(`${dir}: no Terrarium tiles (z-x-y.png)`);
    this.zoom = zoom;
  }

  /** Height of the pixel at global pixel coordinates, or NaN where no tile is loaded. */
  pixel(px: number, py: number): number {
    const tile = this.tiles.get(`${Math.floor(px / 256)}/${Math.floor(py / 256)}`);
    if (!tile) return Number.NaN;
    return tile[(py % 256) * 256 + (px % 256)];
  }

  /** Global pixel coordinates (pixel centres at integer + 0.5) of a WGS 84 point. */
  pixelXY(lon: number, lat: number): [number, number] {
    const size = 256 * 2 ** this.zoom;
    const phi = (lat * Math.PI) / 180;
    const x = ((lon + 180) / 360) * size;
    const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size;
    return [x, y];
  }

  /** Bilinear height at a WGS 84 point (metres, negative over the sea's bathymetry), NaN outside the tiles. */
  sample(lon: number, lat: number): number {
    const [x, y] = this.pixelXY(lon, lat);
    const fx = x - 0.5;
    const fy = y - 0.5;
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const tx = fx - x0;
    const ty = fy - y0;
    return (
      this.pixel(x0, y0) * (1 - tx) * (1 - ty) +
      this.pixel(x0 + 1, y0) * tx * (1 - ty) +
      this.pixel(x0, y0 + 1) * (1 - tx) * ty +
      this.pixel(x0 + 1, y0 + 1) * tx * ty
    );
  }

  /** The WGS 84 bounds covered by the loaded tiles. */
  bounds(): { west: number; south: number; east: number; north: number } {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const key of this.tiles.keys()) {
      const [x, y] = key.split('/').map(Number);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x + 1);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y + 1);
    }
    const n = 2 ** this.zoom;
    const lon = (x: number) => (x / n) * 360 - 180;
    const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
    return { west: lon(minX), east: lon(maxX), north: lat(minY), south: lat(maxY) };
  }
}
