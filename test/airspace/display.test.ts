import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bearingDeg,
  buildZoneIndex,
  type ElevationModel,
  isActiveAt,
  type LegCrossing,
  parseElevationGrid,
  seaLevel,
  type ZoneIndex,
  ZoneIndexCache,
  zonesContentVersion,
  zoneToDisplayPolygon,
} from '../../rules/src/airspace/index.js';
import { type MultiPolygonGeometry, type PolygonGeometry, ZoneGeometry } from '../../rules/src/model/geo.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { makeZone, oracleDistanceM, square, VHP8_CENTRE, vhp8 } from './fixtures.js';

/** Twice the signed planar area of a ring (> 0: counter-clockwise). */
const signedArea = (ring: number[][]) =>
  ring.slice(0, -1).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0);

describe('zoneToDisplayPolygon', () => {
  it('turns a circle into a closed counter-clockwise ring of points on the circle', () => {
    const centre: [number, number] = [114.04556, 22.31543];
    const g = zoneToDisplayPolygon(makeZone('C', { type: 'Circle', center: centre, radiusM: 2500 }), 32);
    expect(g.type).toBe('Polygon');
    const ring = (g as PolygonGeometry).coordinates[0];
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const [lon, lat] of ring) expect(oracleDistanceM(centre[0], centre[1], lon, lat)).toBeCloseTo(2500, 3);
    expect(signedArea(ring)).toBeGreaterThan(0);
    expect(ZoneGeometry.safeParse(g).success).toBe(true);
  });
  it('draws VHP8 as two pie slices spanning its sectors', () => {
    const g = zoneToDisplayPolygon(vhp8()) as MultiPolygonGeometry;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
    const spans = g.coordinates.map(([ring]) => {
      expect(ring[0]).toEqual(VHP8_CENTRE);
      expect(signedArea(ring)).toBeGreaterThan(0);
      const arc = ring.slice(1, -1).map(([lon, lat]) => bearingDeg(VHP8_CENTRE[0], VHP8_CENTRE[1], lon, lat));
      return [Math.min(...arc), Math.max(...arc)].map((b) => Math.round(b * 1000) / 1000);
    });
    expect(spans).toEqual([
      [90, 120],
      [230, 270],
    ]);
  });
  it('returns polygons unchanged', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [square(114, 22, 114.1, 22.1)] };
    expect(zoneToDisplayPolygon(makeZone('P', geometry))).toEqual(geometry);
  });
});

describe('catalogue versions and the index cache', () => {
  const zones = [vhp8()];
  it('derives a stable content version when none is given, and keeps a given one', () => {
    expect(buildZoneIndex(zones).version).toBe(zonesContentVersion([vhp8()]));
    expect(zonesContentVersion(zones)).not.toBe(zonesContentVersion([makeZone('X', vhp8().geometry)]));
    expect(buildZoneIndex(zones, { version: '2026-01' }).version).toBe('2026-01');
  });
  it('builds an index once per version', () => {
    const cache = new ZoneIndexCache(1);
    const a = cache.get({ version: 'v1', zones });
    // Identity checks as booleans: a failing toBe would try to print a megabyte of typed arrays.
    expect(cache.get({ version: 'v1', zones }) === a).toBe(true);
    const b = cache.get({ version: 'v2', zones });
    expect(b === a).toBe(false);
    expect(b.version).toBe('v2');
    expect(cache.get({ version: 'v1', zones }) === a).toBe(false); // evicted (capacity 1)
  });
});

describe('public API types (contract with the engine and the simulation)', () => {
  it('has the agreed signatures', () => {
    expectTypeOf(buildZoneIndex).parameter(0).toEqualTypeOf<readonly Zone[]>();
    expectTypeOf(buildZoneIndex([])).toMatchTypeOf<ZoneIndex>();
    expectTypeOf(seaLevel).toEqualTypeOf<ElevationModel>();
    expectTypeOf(parseElevationGrid).returns.toEqualTypeOf<ElevationModel>();
    expectTypeOf(isActiveAt).returns.toEqualTypeOf<boolean>();
    expectTypeOf<ZoneIndex['legCrossings']>().returns.toEqualTypeOf<LegCrossing[]>();
    expectTypeOf<ZoneIndex['pointQuery']>().parameter(4).toEqualTypeOf<Int32Array>();
  });
});
