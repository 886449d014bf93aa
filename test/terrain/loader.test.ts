import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gridElevationModel, parseTerrainHeader } from '../../rules/src/airspace/terrain-grid.js';
import { loadTerrainGrid, TERRAIN_DIR } from '../../server/src/data/terrain.js';

const header = JSON.parse(readFileSync(path.join(TERRAIN_DIR, 'terrain.json'), 'utf8'));

describe('the terrain grid loader refuses bad files, naming the field', () => {
  it('a header field out of range', () => {
    expect(() => parseTerrainHeader({ ...header, cellDeg: -1 })).toThrow(/terrain grid: cellDeg: /);
    expect(() => parseTerrainHeader({ ...header, rows: undefined })).toThrow(/terrain grid: rows: /);
    expect(() => parseTerrainHeader({ ...header, extra: 1 })).toThrow(/terrain grid: /);
  });

  it('values that do not fill the grid', () => {
    expect(() => gridElevationModel(parseTerrainHeader(header), new Int16Array(10))).toThrow(/values: expected/);
  });

  it('a data file of the wrong length names the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'terrain-bad-'));
    copyFileSync(path.join(TERRAIN_DIR, 'terrain.json'), path.join(dir, 'terrain.json'));
    writeFileSync(path.join(dir, 'terrain.bin.gz'), gzipSync(Buffer.alloc(100)));
    expect(() => loadTerrainGrid('terrain', dir)).toThrow(/terrain\.bin\.gz: expected \d+ bytes, found 100/);
  });

  it('outside the grid the ground is the sea (0 m); a bilinear value between cell centres', () => {
    const h = parseTerrainHeader({ ...header, west: 114, north: 22.5, cellDeg: 0.1, cols: 2, rows: 2 });
    const m = gridElevationModel(h, Int16Array.from([0, 100, 200, 300]));
    expect(m.groundM(113.9, 22.4)).toBe(0);
    // Centres: (114.05, 22.45) = 0 m, (114.15, 22.45) = 10 m, (114.05, 22.35) = 20 m, (114.15, 22.35) = 30 m.
    expect(m.groundM(114.1, 22.4)).toBeCloseTo(15, 9);
    expect(m.groundM(114.05, 22.45)).toBeCloseTo(0, 9);
    expect(m.groundM(114.15, 22.35)).toBeCloseTo(30, 9);
  });
});
