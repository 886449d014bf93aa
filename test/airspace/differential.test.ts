import { describe, expect, it } from 'vitest';
import { buildZoneIndex, destination, NaiveZoneIndex } from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { makeZone, prng } from './fixtures.js';

const BBOX = { minLon: 113.83, maxLon: 114.44, minLat: 22.15, maxLat: 22.57 };

/** Random zones: star polygons (some with holes), MultiPolygons, circles, sectored circles, AGL/AMSL limits. */
function randomZones(seed: number, count: number): Zone[] {
  const rnd = prng(seed);
  const zones: Zone[] = [];
  const r7 = (x: number) => Math.round(x * 1e7) / 1e7; // the shared workload's coordinate precision
  const star = (lon: number, lat: number, radiusM: number, n: number): [number, number][] => {
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const [x, y] = destination(lon, lat, (360 * (k + 0.1 + 0.8 * rnd())) / n, radiusM * (0.35 + 0.65 * rnd()));
      ring.push([r7(x), r7(y)]);
    }
    ring.push([ring[0][0], ring[0][1]]);
    return ring;
  };
  for (let i = 0; i < count; i++) {
    const lon = BBOX.minLon + rnd() * (BBOX.maxLon - BBOX.minLon);
    const lat = BBOX.minLat + rnd() * (BBOX.maxLat - BBOX.minLat);
    const radiusM = 100 + rnd() * 4000;
    const kind = Math.floor(rnd() * 5);
    const lowerAgl = rnd() < 0.5;
    const limits = {
      lower: {
        value: Math.floor(rnd() * 3) * 30,
        unit: 'm' as const,
        ref: lowerAgl ? ('AGL' as const) : ('AMSL' as const),
      },
      upper:
        // At least 200 ft (61 m), above the highest lower limit (60 m): a zone's lower limit is never above its upper.
        rnd() < 0.2 ? null : { value: 200 + Math.floor(rnd() * 5) * 100, unit: 'ft' as const, ref: 'AMSL' as const },
    };
    let zone: Zone;
    if (kind === 0)
      zone = makeZone(
        `P${i}`,
        { type: 'Polygon', coordinates: [star(lon, lat, radiusM, 5 + Math.floor(rnd() * 60))] },
        limits,
      );
    else if (kind === 1) {
      // Hole: a smaller star around the same centre, entirely inside the outer ring's inner radius.
      const outer = star(lon, lat, radiusM, 40);
      const hole = star(lon, lat, radiusM * 0.3, 12).reverse();
      zone = makeZone(`H${i}`, { type: 'Polygon', coordinates: [outer, hole] }, limits);
    } else if (kind === 2) {
      const [lon2, lat2] = destination(lon, lat, 90, radiusM * 2.5);
      zone = makeZone(
        `M${i}`,
        { type: 'MultiPolygon', coordinates: [[star(lon, lat, radiusM, 8)], [star(lon2, lat2, radiusM, 9)]] },
        limits,
      );
    } else if (kind === 3) zone = makeZone(`C${i}`, { type: 'Circle', center: [lon, lat], radiusM }, limits);
    else {
      const from = Math.floor(rnd() * 360);
      const sectors = [{ fromDeg: from, toDeg: (from + 20 + Math.floor(rnd() * 100)) % 360 }];
      zone = makeZone(`S${i}`, { type: 'Circle', center: [lon, lat], radiusM, sectors }, limits);
    }
    zones.push(zone);
  }
  return zones;
}

describe('grid index vs naive index (differential, seeded)', () => {
  const zones = randomZones(42, 200);
  const naive = new NaiveZoneIndex(zones);
  const grids = [
    buildZoneIndex(zones),
    buildZoneIndex(zones, { gridCells: 1000 }),
    buildZoneIndex(zones, { gridCells: 4_000_000 }),
  ];
  const rnd = prng(99);

  it('pointQuery agrees on 100,000 random points, vertices and near-vertex points', () => {
    const vertices: [number, number][] = [];
    for (const z of zones) {
      if (z.geometry.type === 'Polygon') vertices.push(...z.geometry.coordinates.flat());
      if (z.geometry.type === 'MultiPolygon') vertices.push(...z.geometry.coordinates.flat(2));
    }
    const a = new Int32Array(256);
    const b = new Int32Array(256);
    let hits = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      let lon = BBOX.minLon - 0.05 + rnd() * (BBOX.maxLon - BBOX.minLon + 0.1);
      let lat = BBOX.minLat - 0.05 + rnd() * (BBOX.maxLat - BBOX.minLat + 0.1);
      if (i % 10 === 0) [lon, lat] = vertices[Math.floor(rnd() * vertices.length)];
      if (i % 10 === 1) {
        const [vx, vy] = vertices[Math.floor(rnd() * vertices.length)];
        lon = vx + (rnd() - 0.5) * 1e-7;
        lat = vy + (rnd() - 0.5) * 1e-7;
      }
      const alt = rnd() * 400;
      const na = naive.pointQuery(lon, lat, alt, 0, a);
      hits += na;
      for (const grid of grids) {
        const nb = grid.pointQuery(lon, lat, alt, 0, b);
        let same = nb === na;
        for (let k = 0; same && k < na; k++) same = a[k] === b[k];
        if (!same) mismatches.push(`${lon},${lat},${alt}: ${a.subarray(0, na)} vs ${b.subarray(0, nb)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(10_000); // the test exercises containment, not just misses
  });

  it('legCrossings and polylineZones agree with the naive index on 3,000 random legs', () => {
    const out = new Int32Array(zones.length);
    let crossings = 0;
    for (let i = 0; i < 3000; i++) {
      const ax = BBOX.minLon + rnd() * (BBOX.maxLon - BBOX.minLon);
      const ay = BBOX.minLat + rnd() * (BBOX.maxLat - BBOX.minLat);
      const [bx, by] = destination(ax, ay, rnd() * 360, 50 + rnd() * 3000);
      const expected = naive.legCrossings(ax, ay, bx, by);
      crossings += expected.length;
      const touched = [...new Set(expected.map((c) => c.zoneIndex))].sort((p, q) => p - q);
      for (const grid of grids) {
        expect(grid.legCrossings(ax, ay, bx, by)).toEqual(expected);
        const n = grid.polylineZones([ax, ay, bx, by], 2, out);
        expect(Array.from(out.subarray(0, n)).sort((p, q) => p - q)).toEqual(touched);
      }
    }
    expect(crossings).toBeGreaterThan(300);
  });

  it('polylineZones agrees with the union of naive legCrossings on 500 random polylines', () => {
    const out = new Int32Array(zones.length);
    for (let i = 0; i < 500; i++) {
      const n = 2 + Math.floor(rnd() * 20);
      const coords: number[] = [
        BBOX.minLon + rnd() * (BBOX.maxLon - BBOX.minLon),
        BBOX.minLat + rnd() * (BBOX.maxLat - BBOX.minLat),
      ];
      for (let k = 1; k < n; k++)
        coords.push(...destination(coords[2 * k - 2], coords[2 * k - 1], rnd() * 360, 20 + rnd() * 800));
      const expected = new Set<number>();
      for (let k = 0; k + 1 < n; k++)
        for (const c of naive.legCrossings(coords[2 * k], coords[2 * k + 1], coords[2 * k + 2], coords[2 * k + 3]))
          expected.add(c.zoneIndex);
      for (const grid of grids) {
        const m = grid.polylineZones(coords, n, out);
        expect(Array.from(out.subarray(0, m)).sort((p, q) => p - q)).toEqual([...expected].sort((p, q) => p - q));
      }
    }
  });
});
