import { describe, expect, it } from 'vitest';
import { GridZoneIndex, NaiveZoneIndex } from '../../rules/src/airspace/index.js';
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
