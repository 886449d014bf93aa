import { describe, expect, it } from 'vitest';
import {
  buildZoneIndex,
  destination,
  distanceM,
  NaiveZoneIndex,
  type ZoneIndex,
} from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { makeZone, square, VHP8_CENTRE, vhp8 } from './fixtures.js';

const impls: [string, (z: Zone[]) => ZoneIndex][] = [
  ['grid index', (z) => buildZoneIndex(z)],
  ['naive index', (z) => new NaiveZoneIndex(z)],
];

describe.each(impls)('%s: leg crossings over polygons', (_name, build) => {
  const sq = makeZone('SQ', { type: 'Polygon', coordinates: [square(114, 22.25, 114.25, 22.5)] });
  // U shape opening north: two prongs (x 113.5–113.625 and 113.875–114) over a base (y 22–22.125).
  const u = makeZone('U', {
    type: 'Polygon',
    coordinates: [
      [
        [113.5, 22],
        [114, 22],
        [114, 22.5],
        [113.875, 22.5],
        [113.875, 22.125],
        [113.625, 22.125],
        [113.625, 22.5],
        [113.5, 22.5],
        [113.5, 22],
      ],
    ],
  });
  const index = build([sq, u]);
  const out = new Int32Array(4);

  it('catches a leg that crosses a zone with both waypoints outside it', () => {
    const [a, b] = [
      [114.1, 22.2],
      [114.1, 22.6],
    ];
    expect(index.pointQuery(a[0], a[1], 0, 0, out)).toBe(0);
    expect(index.pointQuery(b[0], b[1], 0, 0, out)).toBe(0);
    const c = index.legCrossings(a[0], a[1], b[0], b[1]).filter((x) => x.zoneIndex === 0);
    expect(c).toHaveLength(1);
    expect(c[0].enter).toBeCloseTo(0.05 / 0.4, 12);
    expect(c[0].exit).toBeCloseTo(0.3 / 0.4, 12);
  });
  it('reports a leg that only touches a vertex as enter = exit', () => {
    const c = index.legCrossings(114.3, 22.45, 114.2, 22.55);
    expect(c).toEqual([{ zoneIndex: 0, enter: 0.5, exit: 0.5 }]);
  });
  it('gives 0 and 1 for a leg inside, and nothing for a leg that misses', () => {
    expect(index.legCrossings(114.1, 22.3, 114.2, 22.4)).toEqual([{ zoneIndex: 0, enter: 0, exit: 1 }]);
    expect(index.legCrossings(114.3, 22.3, 114.4, 22.4)).toEqual([]);
  });
  it('counts a leg along an edge as inside', () => {
    expect(index.legCrossings(114.1, 22.25, 114.2, 22.25)).toEqual([{ zoneIndex: 0, enter: 0, exit: 1 }]);
  });
  it('returns one interval per passage through a non-convex zone, ordered by enter', () => {
    const c = index.legCrossings(113.4, 22.25, 114.1, 22.25).filter((x) => x.zoneIndex === 1);
    expect(c).toHaveLength(2);
    expect(c[0].enter).toBeCloseTo(0.1 / 0.7, 12);
    expect(c[0].exit).toBeCloseTo(0.225 / 0.7, 12);
    expect(c[1].enter).toBeCloseTo(0.475 / 0.7, 12);
    expect(c[1].exit).toBeCloseTo(0.6 / 0.7, 12);
    // The leg also touches SQ's west edge at x = 114 (only at that one point, y = 22.25 is SQ's corner).
    expect(index.legCrossings(113.4, 22.25, 114.1, 22.25).filter((x) => x.zoneIndex === 0)).toHaveLength(1);
  });
});

describe.each(impls)('%s: leg crossings over circles and sectors', (_name, build) => {
  const centre: [number, number] = [114.0205, 22.272]; // VHR13, 350 m
  const index = build([makeZone('VHR13', { type: 'Circle', center: centre, radiusM: 350 }), vhp8()]);

  it('finds enter/exit points at the radius (consistent with the haversine predicate to < 1 mm)', () => {
    const a = destination(centre[0], centre[1], 250, 1000);
    const b = destination(centre[0], centre[1], 80, 1000);
    const [c] = index.legCrossings(a[0], a[1], b[0], b[1]);
    expect(c.zoneIndex).toBe(0);
    for (const t of [c.enter, c.exit]) {
      const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      expect(Math.abs(distanceM(centre[0], centre[1], p[0], p[1]) - 350)).toBeLessThan(0.001);
    }
    const out = new Int32Array(4);
    expect(index.pointQuery(a[0], a[1], 0, 0, out)).toBe(0);
  });
  it('finds a tangent-ish leg that grazes the circle and misses one that passes 1 m outside', () => {
    const north = destination(centre[0], centre[1], 0, 349.9);
    const far = destination(centre[0], centre[1], 0, 351);
    const span = 0.01;
    expect(index.legCrossings(north[0] - span, north[1], north[0] + span, north[1])).toHaveLength(1);
    expect(index.legCrossings(far[0] - span, far[1], far[0] + span, far[1])).toHaveLength(0);
  });
  it('crosses VHP8 only through its sectors', () => {
    // Through the centre from bearing 250° (in a sector) to 070° (not): inside from the arc to the centre.
    // (The straight lon/lat leg misses the centre by centimetres, so it may also clip the 090°–120° apex.)
    const west = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 250, 2000);
    const east = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 70, 2000);
    const through = index.legCrossings(west[0], west[1], east[0], east[1]).filter((x) => x.zoneIndex === 1);
    expect(through[0].enter).toBeCloseTo((2000 - 914.4) / 4000, 3);
    expect(through[through.length - 1].exit).toBeCloseTo(0.5, 3);
    const out1 = new Int32Array(4);
    for (const c of through) {
      const t = (c.enter + c.exit) / 2;
      const p = [west[0] + t * (east[0] - west[0]), west[1] + t * (east[1] - west[1])] as const;
      expect(index.pointQuery(p[0], p[1], 0, 0, out1)).toBe(1);
    }
    // A north–south leg 500 m east of the centre passes 090°..120° bearings only south of the 090° line.
    const n = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 45, 707.1);
    const s = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 135, 707.1);
    const ns = index.legCrossings(n[0], n[1], s[0], s[1]).filter((x) => x.zoneIndex === 1);
    expect(ns).toHaveLength(1);
    const mid = (t: number) => [n[0] + t * (s[0] - n[0]), n[1] + t * (s[1] - n[1])] as const;
    const out = new Int32Array(4);
    expect(index.pointQuery(...mid((ns[0].enter + ns[0].exit) / 2), 0, 0, out)).toBe(1);
    expect(index.pointQuery(...mid(ns[0].enter - 0.01), 0, 0, out)).toBe(0);
    expect(index.pointQuery(...mid(ns[0].exit + 0.01), 0, 0, out)).toBe(0);
    // A leg in the gap between the sectors (bearing 180°, 300–800 m out) misses.
    const g1 = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 180, 300);
    const g2 = destination(VHP8_CENTRE[0], VHP8_CENTRE[1], 180, 800);
    expect(index.legCrossings(g1[0], g1[1], g2[0], g2[1])).toEqual([]);
  });
  it('returns nothing for NaN legs instead of throwing', () => {
    expect(index.legCrossings(Number.NaN, 22, 114, 22)).toEqual([]);
  });
});
