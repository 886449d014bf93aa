import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/elevation.js';
import { distanceM } from '../../rules/src/airspace/index.js';
import { heightRange, type LegGeometry } from '../../rules/src/airspace/terrain-profile.js';
import type { ElevationModel } from '../../rules/src/airspace/types.js';
import { loadTerrainGrid } from '../../server/src/data/terrain.js';

const terrain = loadTerrainGrid('terrain');
const surface = loadTerrainGrid('surface');

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Brute force: every metre along the leg. */
function bruteForce(model: ElevationModel, leg: LegGeometry) {
  const n = Math.ceil(distanceM(leg.aLon, leg.aLat, leg.bLon, leg.bLat));
  let minAgl = Infinity;
  let maxAgl = -Infinity;
  let minAmsl = Infinity;
  let maxAmsl = -Infinity;
  for (let k = 0; k <= n; k++) {
    const f = k / n;
    const g = model.groundM(leg.aLon + f * (leg.bLon - leg.aLon), leg.aLat + f * (leg.bLat - leg.aLat));
    const alt = leg.aAlt + f * (leg.bAlt - leg.aAlt);
    const agl = leg.ref === 'AGL' ? alt : alt - g;
    const amsl = leg.ref === 'AGL' ? alt + g : alt;
    minAgl = Math.min(minAgl, agl);
    maxAgl = Math.max(maxAgl, agl);
    minAmsl = Math.min(minAmsl, amsl);
    maxAmsl = Math.max(maxAmsl, amsl);
  }
  return { minAgl, maxAgl, minAmsl, maxAmsl };
}

/** 1 m steps miss a kink by at most half a step times the slope (under 150 % even on Hong Kong's cliffs). */
const MISS_M = 0.75;

/** Hill country: Lantau, Tai Mo Shan, the Kowloon ridges, Hong Kong Island. */
const HILLS: [number, number, number, number][] = [
  [113.88, 22.22, 113.99, 22.28],
  [114.08, 22.38, 114.18, 22.44],
  [114.14, 22.33, 114.26, 22.4],
  [114.13, 22.24, 114.24, 22.29],
];

describe('heights along a leg over the Hong Kong ground models', () => {
  for (const [name, model] of [
    ['terrain', terrain],
    ['surface', surface],
  ] as const)
    it(`${name}: exact extremes agree with 1 m brute-force sampling on random legs over the hills`, () => {
      const next = rng(name === 'terrain' ? 17 : 71);
      for (let i = 0; i < 60; i++) {
        const [w, s, e, n] = HILLS[i % HILLS.length];
        const ref = i % 3 === 0 ? 'AGL' : 'AMSL';
        const leg: LegGeometry = {
          aLon: w + next() * (e - w),
          aLat: s + next() * (n - s),
          bLon: 0,
          bLat: 0,
          aAlt: next() * 600,
          bAlt: next() * 600,
          ref,
        };
        // Legs of up to ~3 km.
        leg.bLon = leg.aLon + (next() - 0.5) * 0.06;
        leg.bLat = leg.aLat + (next() - 0.5) * 0.06;
        const exact = heightRange(model, leg);
        const brute = bruteForce(model, leg);
        // Exact is at least as extreme as any sample, and 1 m steps come within a few cm of it.
        expect(exact.minAglM).toBeLessThanOrEqual(brute.minAgl + 1e-6);
        expect(exact.maxAglM).toBeGreaterThanOrEqual(brute.maxAgl - 1e-6);
        expect(exact.minAmslM).toBeLessThanOrEqual(brute.minAmsl + 1e-6);
        expect(exact.maxAmslM).toBeGreaterThanOrEqual(brute.maxAmsl - 1e-6);
        expect(brute.minAgl - exact.minAglM).toBeLessThan(MISS_M);
        expect(exact.maxAglM - brute.maxAgl).toBeLessThan(MISS_M);
        expect(brute.minAmsl - exact.minAmslM).toBeLessThan(MISS_M);
        expect(exact.maxAmslM - brute.maxAmsl).toBeLessThan(MISS_M);
      }
    });

  it('a sub-stretch [f0, f1] is measured only there', () => {
    const leg: LegGeometry = {
      aLon: 113.93,
      aLat: 22.255,
      bLon: 113.98,
      bLat: 22.26,
      aAlt: 900,
      bAlt: 900,
      ref: 'AMSL',
    };
    const whole = heightRange(terrain, leg);
    const half = heightRange(terrain, leg, 0, 0.5);
    const other = heightRange(terrain, leg, 0.5, 1);
    expect(Math.min(half.minAglM, other.minAglM)).toBeCloseTo(whole.minAglM, 6);
    expect(half.minAglF).toBeLessThanOrEqual(0.5);
    expect(other.minAglF).toBeGreaterThanOrEqual(0.5);
  });

  it('sea level: heights change linearly, the extremes are at the ends', () => {
    const leg: LegGeometry = { aLon: 114.1, aLat: 22.3, bLon: 114.2, bLat: 22.35, aAlt: 30, bAlt: 90, ref: 'AMSL' };
    const r = heightRange(seaLevel, leg);
    expect(r).toMatchObject({ minAglM: 30, minAglF: 0, maxAglM: 90, maxAglF: 1, minAmslM: 30, maxAmslM: 90 });
  });
});
