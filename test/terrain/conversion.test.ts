import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromHk1980,
  landsdCell,
  readLandsdDtm,
  TerrariumTiles,
  toHk1980,
} from '../../server/src/tools/terrain-sources.js';
import { surface, terrain } from './helpers.js';

/**
 * The shipped grids (rules/data/terrain) against their sources, at sampled points converted with proj4 here:
 * the DTM's own cell centres (HK 1980 Grid → WGS 84, the inverse of what the build does) and the Terrarium
 * tiles' pixel centres (Web Mercator → WGS 84).
 */
const SOURCES = path.resolve(import.meta.dirname, '../../../shared/data/hk-terrain');
const dtm = readLandsdDtm(SOURCES);
const tiles = new TerrariumTiles(path.join(SOURCES, 'srtm-terrarium-z13'));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

describe('the converted ground grids against their sources', () => {
  it('proj4 with the EPSG:2326 datum shift reproduces the Geodetic Survey sample (HK 1980 Grid → WGS 84)', () => {
    // LandsD Geodetic Survey transformation service: E 835411.431, N 817266.016 → 22.294313001 N, 114.168562005 E.
    const [lon, lat] = fromHk1980(835411.431, 817266.016);
    expect(lat).toBeCloseTo(22.294313, 5);
    expect(lon).toBeCloseTo(114.168562, 5);
    const [e, n] = toHk1980(lon, lat);
    expect(e).toBeCloseTo(835411.431, 2);
    expect(n).toBeCloseTo(817266.016, 2);
  });

  it('terrain equals the DTM at its cell centres (inland cells, every 97th)', () => {
    const medianAbs = (shiftE: number, shiftN: number) => {
      const abs = centreDiffs(shiftE, shiftN).map(Math.abs);
      return quantile(abs, 0.5);
    };
    const diffs = centreDiffs(0, 0);
    expect(diffs.length).toBeGreaterThan(2_000);
    const abs = diffs.map(Math.abs);
    // Resampled once (70 m cells onto ~52 m cells, bilinear): exact on even ground, smoothed on steep slopes.
    expect(quantile(abs, 0.5)).toBeLessThan(2);
    expect(quantile(abs, 0.95)).toBeLessThan(8);
    expect(Math.abs(diffs.reduce((a, b) => a + b, 0) / diffs.length)).toBeLessThan(0.5);
    // Registered: half a cell off in either direction is clearly worse (a datum or centre/corner slip would show).
    for (const [e, n] of [
      [35, 0],
      [-35, 0],
      [0, 35],
      [0, -35],
    ])
      expect(medianAbs(e, n)).toBeGreaterThan(2 * quantile(abs, 0.5));
  });
});

/** Converted grid minus the DTM at every 97th inland DTM cell centre, the centre moved by (shiftE, shiftN) metres. */
function centreDiffs(shiftE: number, shiftN: number): number[] {
  const diffs: number[] = [];
  for (let k = 0; k < dtm.cols * dtm.rows; k += 97) {
    const col = k % dtm.cols;
    const row = Math.floor(k / dtm.cols);
    const v = landsdCell(dtm, col, row);
    // Inland: the cell and its neighbours all measured, so the conversion did not fill from SRTM here.
    const around = [-1, 0, 1].flatMap((dc) => [-1, 0, 1].map((dr) => landsdCell(dtm, col + dc, row + dr)));
    if (around.some(Number.isNaN)) continue;
    const [lon, lat] = fromHk1980(dtm.bE + dtm.aE * col + shiftE, dtm.bN + dtm.aN * row + shiftN);
    diffs.push(terrain.groundM(lon, lat) - v);
  }
  return diffs;
}

describe('the converted ground grids against their sources (Terrarium)', () => {
  it('surface equals the Terrarium tiles at their pixel centres (every 53rd pixel)', () => {
    const { west, east, south, north } = tiles.bounds();
    const diffs: number[] = [];
    const size = 256 * 2 ** tiles.zoom;
    const [x0, y0] = tiles.pixelXY(west, north);
    const [x1, y1] = tiles.pixelXY(east, south);
    for (let k = 0; ; k += 53) {
      const px = Math.floor(x0) + (k % Math.floor(x1 - x0));
      const py = Math.floor(y0) + Math.floor(k / Math.floor(x1 - x0));
      if (py >= y1 - 1) break;
      const lon = ((px + 0.5) / size) * 360 - 180;
      const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (py + 0.5)) / size))) * 180) / Math.PI;
      const source = Math.max(0, tiles.pixel(px, py));
      diffs.push(surface.groundM(lon, lat) - source);
    }
    const abs = diffs.map(Math.abs);
    expect(diffs.length).toBeGreaterThan(5_000);
    expect(quantile(abs, 0.5)).toBeLessThan(1);
    expect(quantile(abs, 0.95)).toBeLessThan(8);
  });

  it('terrain takes SRTM where the DTM has no value (Shenzhen) and keeps the sea at 0', () => {
    // Shenzhen, north of the boundary: no DTM value within a cell.
    for (const [lon, lat] of [
      [114.215, 22.582],
      [114.06, 22.56],
      [113.95, 22.55],
    ] as [number, number][]) {
      const [e, n] = toHk1980(lon, lat);
      const col = Math.round((e - dtm.bE) / dtm.aE);
      const row = Math.round((n - dtm.bN) / dtm.aN);
      expect(Number.isNaN(landsdCell(dtm, col, row))).toBe(true);
      expect(terrain.groundM(lon, lat)).toBeCloseTo(Math.max(0, tiles.sample(lon, lat)), -1);
    }
    // Open sea south of Lamma is 0; the tiles' few heights below 0 (down to −33 m near Tuen Mun) become 0.
    expect(terrain.groundM(114.12, 22.15)).toBe(0);
    expect(surface.groundM(114.12, 22.15)).toBe(0);
    expect(tiles.sample(113.99, 22.45)).toBeLessThan(-20);
    expect(surface.groundM(113.99, 22.45)).toBeGreaterThanOrEqual(0);
  });
});
