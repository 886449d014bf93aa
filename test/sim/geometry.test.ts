import { describe, expect, it } from 'vitest';
import { buildZoneIndex, seaLevel } from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { deviationFromPlan } from '../../rules/src/sim/conformance.js';
import { haversineM, offsetLonLat } from '../../rules/src/sim/geo.js';
import { LayeredZoneIndex } from '../../rules/src/sim/layered-index.js';
import { navRouteOf } from '../../rules/src/sim/nav-route.js';
import { createPrng } from '../../rules/src/sim/prng.js';
import { findConflicts } from '../../rules/src/sim/separation.js';

function circle(id: string, lon: number, lat: number, r: number): Zone {
  return {
    id,
    name: { en: id, zh: id },
    class: 'crowd',
    effect: 'uninvolved-persons',
    geometry: { type: 'Circle', center: [lon, lat], radiusM: r },
    lower: { value: 0, unit: 'm', ref: 'AGL' },
    upper: null,
    appliesTo: 'SUA',
    provenance: { accuracy: 'user', source: 'test' },
  };
}

describe('separation neighbour search', () => {
  it('finds exactly the pairs a brute-force search finds (horizontal AND vertical minima)', () => {
    const rng = createPrng(11);
    const pts = Array.from({ length: 600 }, () => ({
      lon: 114.15 + rng.next() * 0.02,
      lat: 22.28 + rng.next() * 0.02,
      altAmslM: 30 + rng.next() * 60,
    }));
    const fast = findConflicts(pts, 50, 15)
      .map((c) => `${c.a}-${c.b}`)
      .sort();
    const brute: string[] = [];
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++)
        if (
          haversineM(pts[i].lon, pts[i].lat, pts[j].lon, pts[j].lat) < 50 &&
          Math.abs(pts[i].altAmslM - pts[j].altAmslM) < 15
        )
          brute.push(`${i}-${j}`);
    expect(brute.length).toBeGreaterThan(10);
    expect(fast).toEqual(brute.sort());
  });

  it('no pairs for fewer than two aircraft', () => {
    expect(findConflicts([{ lon: 114, lat: 22, altAmslM: 0 }], 50, 15)).toEqual([]);
  });
});

describe('plan conformance', () => {
  const route = navRouteOf(
    [
      [114.2, 22.4, 0],
      [114.2, 22.4, 60],
      [114.21, 22.4, 60],
      [114.21, 22.4, 0],
    ],
    [3, 10, 2],
    [0, 0, 0, 0],
  );

  it('measures the lateral distance to the nearest leg', () => {
    const [lon, lat] = offsetLonLat(114.205, 22.4, 0, 80);
    const d = deviationFromPlan(route, lon, lat, 60);
    expect(d.lateralM).toBeCloseTo(80, 0);
    expect(d.verticalM).toBeCloseTo(0, 5);
  });

  it('measures height above or below the planned altitude', () => {
    expect(deviationFromPlan(route, 114.205, 22.4, 95).verticalM).toBeCloseTo(35, 5);
    expect(deviationFromPlan(route, 114.205, 22.4, 40).verticalM).toBeCloseTo(-20, 5);
  });

  it('any altitude on a vertical take-off leg is on-plan, a few metres off it included', () => {
    const [lon, lat] = offsetLonLat(114.2, 22.4, 3, 0);
    expect(deviationFromPlan(route, lon, lat, 25, 50).verticalM).toBe(0);
  });
});

describe('layered zone index', () => {
  const base = buildZoneIndex([circle('base', 114.0, 22.0, 500)], { version: 'v1', elevation: seaLevel });

  it('session zones are found only while present, with indices after the catalogue', () => {
    const ix = new LayeredZoneIndex(base, [circle('crowd', 114.1, 22.1, 300)], 'test');
    const out = new Int32Array(8);
    expect(ix.pointQuery(114.1, 22.1, 10, 0, out)).toBe(0);
    expect(ix.setPresent('crowd', true)).toBe(true);
    expect(ix.pointQuery(114.1, 22.1, 10, 0, out)).toBe(1);
    expect(ix.zones[out[0]].id).toBe('crowd');
    expect(ix.isActive(out[0], 0)).toBe(true);
    ix.setPresent('crowd', false);
    expect(ix.isActive(1, 0)).toBe(false);
    expect(ix.pointQuery(114.0, 22.0, 10, 0, out)).toBe(1);
    expect(ix.zones[out[0]].id).toBe('base');
    expect(ix.setPresent('nope', true)).toBe(false);
  });

  it('leg crossings include session zones, ordered along the leg', () => {
    const ix = new LayeredZoneIndex(base, [circle('crowd', 114.1, 22.0, 300)], 'test');
    const c = ix.legCrossings(113.99, 22.0, 114.11, 22.0);
    expect(c.map((x) => ix.zones[x.zoneIndex].id)).toEqual(['base', 'crowd']);
  });
});
