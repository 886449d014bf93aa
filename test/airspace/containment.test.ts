import { describe, expect, it } from 'vitest';
import { buildZoneIndex, destination, NaiveZoneIndex, type ZoneIndex } from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { makeZone, oracleDistanceM, prng, square, VHP8_CENTRE, vhp8 } from './fixtures.js';

const T = Date.parse('2026-03-01T10:00:00+08:00');
const impls: [string, (z: Zone[]) => ZoneIndex][] = [
  ['grid index', (z) => buildZoneIndex(z)],
  ['naive index', (z) => new NaiveZoneIndex(z)],
];

function hits(index: ZoneIndex, lon: number, lat: number, alt = 10): number[] {
  const out = new Int32Array(16);
  const n = index.pointQuery(lon, lat, alt, T, out);
  return Array.from(out.subarray(0, n)).sort((a, b) => a - b);
}

describe.each(impls)('%s: polygon containment', (_name, build) => {
  // A 0.25° square with a 0.05° square hole; coordinates exactly representable in binary.
  const poly = makeZone('SQ', {
    type: 'Polygon',
    coordinates: [square(114, 22.25, 114.25, 22.5), square(114.125, 22.375, 114.1875, 22.4375)],
  });
  const multi = makeZone('MP', {
    type: 'MultiPolygon',
    coordinates: [[square(113.5, 22, 113.75, 22.25)], [square(113.75, 22.25, 113.875, 22.375)]],
  });
  const index = build([poly, multi]);

  it('contains interior points and excludes outside points', () => {
    expect(hits(index, 114.05, 22.3)).toEqual([0]);
    expect(hits(index, 114.3, 22.3)).toEqual([]);
  });
  it('counts points exactly on a vertex or an edge as inside', () => {
    expect(hits(index, 114, 22.25)).toEqual([0]);
    expect(hits(index, 114.25, 22.5)).toEqual([0]);
    expect(hits(index, 114.1, 22.25)).toEqual([0]);
    expect(hits(index, 114.25, 22.4)).toEqual([0]);
  });
  it('excludes points just outside an edge or vertex', () => {
    expect(hits(index, 114.1, 22.25 - 1e-9)).toEqual([]);
    expect(hits(index, 114.25 + 1e-9, 22.4)).toEqual([]);
    expect(hits(index, 114 - 1e-9, 22.25 - 1e-9)).toEqual([]);
  });
  it('respects holes, with the hole boundary belonging to the zone', () => {
    expect(hits(index, 114.15, 22.4)).toEqual([]);
    expect(hits(index, 114.125, 22.4)).toEqual([0]);
    expect(hits(index, 114.15, 22.4375)).toEqual([0]);
    expect(hits(index, 114.125 + 1e-9, 22.4)).toEqual([]);
  });
  it('handles MultiPolygon parts, including the point where they touch', () => {
    expect(hits(index, 113.6, 22.1)).toEqual([1]);
    expect(hits(index, 113.8, 22.3)).toEqual([1]);
    expect(hits(index, 113.75, 22.25)).toEqual([1]);
    expect(hits(index, 113.8, 22.2)).toEqual([]);
  });
});

describe.each(impls)('%s: circle containment against a great-circle oracle', (_name, build) => {
  const centre: [number, number] = [114.04556, 22.31543]; // VHR12
  const radiusM = 2500;
  const index = build([makeZone('VHR12', { type: 'Circle', center: centre, radiusM })]);

  it('is inside at r − 1 cm and outside at r + 1 cm on every bearing', () => {
    for (let b = 0; b < 360; b += 7.5) {
      const inPt = destination(centre[0], centre[1], b, radiusM - 0.01);
      const outPt = destination(centre[0], centre[1], b, radiusM + 0.01);
      expect(oracleDistanceM(centre[0], centre[1], inPt[0], inPt[1])).toBeLessThan(radiusM);
      expect(oracleDistanceM(centre[0], centre[1], outPt[0], outPt[1])).toBeGreaterThan(radiusM);
      expect(hits(index, inPt[0], inPt[1])).toEqual([0]);
      expect(hits(index, outPt[0], outPt[1])).toEqual([]);
    }
  });
  it('agrees with the oracle on 5,000 random points around the boundary', () => {
    const rnd = prng(7);
    for (let i = 0; i < 5000; i++) {
      const [lon, lat] = destination(centre[0], centre[1], rnd() * 360, radiusM * (0.98 + 0.04 * rnd()));
      const d = oracleDistanceM(centre[0], centre[1], lon, lat);
      if (Math.abs(d - radiusM) < 1e-6) continue; // numerically on the boundary: either answer is the same circle
      expect(hits(index, lon, lat).length).toBe(d <= radiusM ? 1 : 0);
    }
  });
  it('contains the centre', () => {
    expect(hits(index, centre[0], centre[1])).toEqual([0]);
  });
});

describe.each(impls)('%s: sectors (VHP8, eAIP ENR 5.1)', (_name, build) => {
  const index = build([vhp8()]);
  const at = (bearing: number, dist: number) => destination(VHP8_CENTRE[0], VHP8_CENTRE[1], bearing, dist);

  it('is inside within 090°–120° and 230°–270°', () => {
    for (const b of [90.01, 100, 119.99, 230.01, 250, 269.99]) expect(hits(index, ...at(b, 500))).toEqual([0]);
  });
  it('is outside between the sectors and beyond the radius', () => {
    for (const b of [0, 45, 89.99, 120.01, 180, 229.99, 270.01, 330]) expect(hits(index, ...at(b, 500))).toEqual([]);
    expect(hits(index, ...at(100, 914.39))).toEqual([0]);
    expect(hits(index, ...at(100, 914.41))).toEqual([]);
  });
  it('contains the centre (the apex of every sector)', () => {
    expect(hits(index, VHP8_CENTRE[0], VHP8_CENTRE[1])).toEqual([0]);
  });
  it('handles a sector that wraps through north (350°–010°)', () => {
    const wrap = build([
      makeZone('W', { type: 'Circle', center: VHP8_CENTRE, radiusM: 1000, sectors: [{ fromDeg: 350, toDeg: 10 }] }),
    ]);
    const pt = (b: number) => destination(VHP8_CENTRE[0], VHP8_CENTRE[1], b, 600);
    expect(hits(wrap, ...pt(355))).toEqual([0]);
    expect(hits(wrap, ...pt(5))).toEqual([0]);
    expect(hits(wrap, ...pt(0))).toEqual([0]);
    expect(hits(wrap, ...pt(20))).toEqual([]);
    expect(hits(wrap, ...pt(340))).toEqual([]);
  });
});

describe.each(impls)('%s: NaN and out-of-range input on the hot path', (_name, build) => {
  const index = build([makeZone('BIG', { type: 'Polygon', coordinates: [square(-180, -90, 180, 90)] })]);
  it('matches nothing for NaN coordinates or altitude instead of throwing', () => {
    expect(hits(index, Number.NaN, 22.3)).toEqual([]);
    expect(hits(index, 114, Number.NaN)).toEqual([]);
    expect(hits(index, 114, 22.3, Number.NaN)).toEqual([]);
    expect(hits(index, 200, 22.3)).toEqual([]);
    expect(hits(index, 114, 22.3)).toEqual([0]);
  });
});
