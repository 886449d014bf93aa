import { describe, expect, it } from 'vitest';
import { GridZoneIndex, NaiveZoneIndex } from '../../rules/src/airspace/index.js';
import { GROUND_BLOCK_CELLS, groundBlocks, roundDown, roundUp } from '../../rules/src/airspace/terrain-bands.js';
import { groundRangeM, isGridModel } from '../../rules/src/airspace/terrain-grid.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { makeZone, prng } from '../airspace/fixtures.js';

/**
 * The grid index skips the ground lookup when a point is above or below an AGL band whatever the ground in its
 * cell (bounds from groundRangeM). That shortcut must never change an answer: the index equals the naive one,
 * which looks the ground up for every AGL zone, on random points near and far from the ground over the real
 * Hong Kong terrain, with AGL bands on both limits.
 */
const model = loadGroundModel('terrain');
if (!isGridModel(model)) throw new Error('the shipped terrain model is a grid');
const terrain = model;
const rnd = prng(2026);
const HK = { minLon: 113.82, maxLon: 114.45, minLat: 22.14, maxLat: 22.58 };

function aglZones(count: number): Zone[] {
  const zones: Zone[] = [];
  for (let i = 0; i < count; i++) {
    const lon = HK.minLon + rnd() * (HK.maxLon - HK.minLon);
    const lat = HK.minLat + rnd() * (HK.maxLat - HK.minLat);
    const lower = {
      value: Math.floor(rnd() * 4) * 20,
      unit: 'm' as const,
      ref: rnd() < 0.7 ? ('AGL' as const) : ('AMSL' as const),
    };
    const upper = {
      value: 90 + Math.floor(rnd() * 8) * 15,
      unit: 'm' as const,
      ref: rnd() < 0.7 ? ('AGL' as const) : ('AMSL' as const),
    };
    zones.push(
      makeZone(`agl-${i}`, { type: 'Circle', center: [lon, lat], radiusM: 300 + rnd() * 5000 }, { lower, upper }),
    );
  }
  return zones;
}

describe('ground bounds of a box (groundRangeM)', () => {
  it('hold the ground of every point in the box, sampled densely, on and off the grid', () => {
    for (let k = 0; k < 200; k++) {
      const w = 0.0005 + rnd() * 0.02;
      const minLon = HK.minLon - 0.05 + rnd() * (HK.maxLon - HK.minLon + 0.1);
      const minLat = HK.minLat - 0.05 + rnd() * (HK.maxLat - HK.minLat + 0.1);
      const { min, max } = groundRangeM(terrain, minLon, minLat, minLon + w, minLat + w);
      for (let i = 0; i <= 20; i++)
        for (let j = 0; j <= 20; j++) {
          const g = terrain.groundM(minLon + (w * i) / 20, minLat + (w * j) / 20);
          expect(g).toBeGreaterThanOrEqual(min);
          expect(g).toBeLessThanOrEqual(max);
        }
    }
  });
});

/** float32 bit patterns mapped to integers in the order of the values (−0 and +0 both 0) */
function orderedBits(v: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  const b = view.getInt32(0);
  return b < 0 ? -(b & 0x7fffffff) : b;
}

describe('outward rounding to single precision (the index keeps its bounds in 16 bytes an entry)', () => {
  it('gives the nearest float32 on the right side of every value, exact values unchanged', () => {
    const values = [0, -0, 1, -1, 0.1, -0.1, 91.44, 957.3, -3.4e38, 3.4e38, 1e-45, -1e-45, 1e39, -1e39];
    for (let i = 0; i < 20_000; i++) values.push((rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 4));
    for (const x of values) {
      const d = roundDown(x);
      const u = roundUp(x);
      expect(Math.fround(d)).toBe(d);
      expect(Math.fround(u)).toBe(u);
      expect(d <= x && x <= u).toBe(true);
      if (Math.fround(x) === x) {
        expect(d).toBe(x);
        expect(u).toBe(x);
      } else {
        // tight: d and u are neighbouring float32 values (one unit apart in their ordered bit patterns)
        expect(d < x && x < u).toBe(true);
        expect(orderedBits(u) - orderedBits(d)).toBe(1);
      }
    }
    expect(roundUp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundDown(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('ground blocks (the finer bounds tried before a lookup)', () => {
  it('hold the ground of every point of a block, on the grid and at its borders', () => {
    const blocks = groundBlocks(terrain);
    const { west, north, cellDeg, cols, rows } = terrain.header;
    const blockDeg = 1 / blocks.invDeg;
    // random blocks, plus the four corner blocks where the model's edge (sea level outside) is read
    const picks: [number, number][] = [
      [0, 0],
      [0, blocks.cols - 1],
      [blocks.rows - 1, 0],
      [blocks.rows - 1, blocks.cols - 1],
    ];
    for (let k = 0; k < 400; k++) picks.push([Math.floor(rnd() * blocks.rows), Math.floor(rnd() * blocks.cols)]);
    let checked = 0;
    for (const [br, bc] of picks) {
      const i = 2 * (br * blocks.cols + bc);
      const min = blocks.range[i] * blocks.unitM;
      const max = blocks.range[i + 1] * blocks.unitM;
      for (let a = 0; a < 24; a++)
        for (let b = 0; b < 24; b++) {
          // the block's whole half-open square, its west and north edges included
          const lon = west + (bc + a / 24) * blockDeg;
          const lat = north - (br + b / 24) * blockDeg;
          const g = terrain.groundM(lon, lat);
          if (g < min || g > max)
            throw new Error(`block ${br},${bc}: ground ${g} at ${lon},${lat} outside ${min}–${max}`);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(200_000);
    expect(blocks.cols * GROUND_BLOCK_CELLS).toBeGreaterThanOrEqual(cols);
    expect(blocks.rows * GROUND_BLOCK_CELLS).toBeGreaterThanOrEqual(rows);
    expect(blockDeg).toBeCloseTo(GROUND_BLOCK_CELLS * cellDeg, 12);
  });
});

describe('the grid index over terrain, with the ground-bounds shortcut', () => {
  it('answers exactly as the naive index on 200,000 points near and far from the ground', () => {
    const zones = [...loadCatalogue().zones, ...aglZones(400)];
    const grid = new GridZoneIndex(zones, { elevation: terrain });
    const naive = new NaiveZoneIndex(zones, { elevation: terrain });
    const a = new Int32Array(zones.length);
    const b = new Int32Array(zones.length);
    const t = Date.parse('2026-03-14T10:00:00+08:00');
    let hits = 0;
    let mismatches = 0;
    for (let i = 0; i < 200_000; i++) {
      const lon = HK.minLon + rnd() * (HK.maxLon - HK.minLon);
      const lat = HK.minLat + rnd() * (HK.maxLat - HK.minLat);
      // half the points within a few metres of a limit over the ground there, half anywhere up to 700 m
      const ground = terrain.groundM(lon, lat);
      const alt = i % 2 ? ground + [0, 20, 40, 60, 90, 105, 150, 195][i % 8] + (rnd() - 0.5) * 4 : rnd() * 700;
      const n = grid.pointQuery(lon, lat, alt, t, a);
      const m = naive.pointQuery(lon, lat, alt, t, b);
      const x = [...a.subarray(0, n)].sort((p, q) => p - q).join();
      const y = [...b.subarray(0, m)].sort((p, q) => p - q).join();
      if (x !== y) mismatches++;
      hits += n;
    }
    expect(mismatches).toBe(0);
    expect(hits).toBeGreaterThan(10_000);
  });
});
