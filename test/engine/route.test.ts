import { describe, expect, it } from 'vitest';
import { buildTimeline, validatePlan } from '../../rules/src/engine/index.js';
import type { Route } from '../../rules/src/model/index.js';
import { BASE, boundaryZone, check, createPlan, east, lineRoute, open, squareZone } from './helpers.js';

const [lon, lat] = BASE;
const T0 = Date.parse('2026-03-14T10:00:00+08:00');

describe('timeline', () => {
  const route = (over: Partial<Route>): Route => ({
    type: 'LineString',
    coordinates: [
      [lon, lat, 0],
      [east(lon, lat, 1000), lat, 0],
      [east(lon, lat, 2000), lat, 0],
    ],
    altitudeRef: 'AGL',
    ...over,
  });
  it('from leg speeds, with hovering delaying departure', () => {
    const { timeline, issues } = buildTimeline(
      route({
        legSpeeds: [
          { value: 36, unit: 'km/h' },
          { value: 10, unit: 'm/s' },
        ],
        hoverS: [0, 30, 0],
      }),
      T0,
    );
    expect(issues).toEqual([]);
    const [a, b] = timeline.legs;
    expect((a.endMs - a.departMs) / 1000).toBeCloseTo(100, 0);
    expect((b.departMs - a.endMs) / 1000).toBe(30);
    expect(b.speedKmh).toBeCloseTo(36, 6);
  });
  it('from waypoint times (arrival times)', () => {
    const { timeline } = buildTimeline(route({ waypointTimesS: [0, 50, 150] }), T0);
    expect(timeline.legs[0].speedKmh).toBeCloseTo(72, 0);
    expect(timeline.legs[1].speedKmh).toBeCloseTo(36, 0);
    expect(timeline.legs[1].endMs).toBe(T0 + 150_000);
  });
  it('reports impossible timing with the field', () => {
    expect(
      buildTimeline(
        route({
          legSpeeds: [
            { value: 0, unit: 'km/h' },
            { value: 10, unit: 'km/h' },
          ],
        }),
        T0,
      ).issues[0].path,
    ).toEqual(['route', 'legSpeeds', 0]);
    expect(buildTimeline(route({ waypointTimesS: [0, 0, 10] }), T0).issues[0].path).toEqual([
      'route',
      'waypointTimesS',
      1,
    ]);
    expect(buildTimeline(route({ waypointTimesS: [0, 10, 20], hoverS: [0, 30, 0] }), T0).issues[0].path).toEqual([
      'route',
      'hoverS',
      1,
    ]);
  });
});

describe('validatePlan', () => {
  it('names the field of a bad coordinate (swapped lon/lat)', () => {
    const p = createPlan();
    p.route.coordinates[1] = [22.4, 114.3, 60];
    const v = validatePlan(p);
    if (v.ok) throw new Error('expected issues');
    expect(v.issues[0].path).toEqual(['route', 'coordinates', 1]);
    expect(v.issues[0].message).toContain('latitude 114.3 is out of range');
  });
  it('a bad plan gives a non-compliant report listing the issue instead of throwing', () => {
    const p = createPlan();
    p.route.legSpeeds = [{ value: 30, unit: 'km/h' }];
    const r = check(p);
    expect(r.verdict).toBe('non-compliant');
    expect(r.findings[0].ruleId).toBe('input');
    expect(r.findings[0].message.en).toContain('route.legSpeeds');
  });
});

describe('route evaluation is geometric along every leg', () => {
  it('a leg that crosses a zone between two waypoints is caught', () => {
    // Waypoints 2 km apart; a 40 m-wide RFZ strip halfway between them.
    const p = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 2000), lat]) });
    const rfz = squareZone('strip', 'restricted-flying-zone', [east(lon, lat, 1000), lat], 20);
    const r = check(p, { zones: [boundaryZone(), rfz] });
    const f = r.findings.find((x) => x.ruleId === 'rfz');
    expect(f?.where?.leg).toBe(0);
    // First violating point: where the leg enters the strip, 980 m along.
    expect(f?.where?.position[0]).toBeCloseTo(east(lon, lat, 980), 5);
  });
  it('a zone corner clipped by a leg for a few metres is caught', () => {
    const p = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 3000), lat]) });
    const clip = squareZone('corner', 'restricted-flying-zone', [east(lon, lat, 1500), lat + 99 / 111_195], 100);
    expect(open(check(p, { zones: [boundaryZone(), clip] }))).toEqual(['rfz']);
  });
  it('a zone active only part of the time is judged at the time the aircraft is there', () => {
    // 3 km at 36 km/h: the aircraft reaches the zone at 2 km, 200 s after 10:00.
    const p = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 3000), lat], 60, 36) });
    const window = (from: string, to: string) =>
      squareZone('tfr', 'restricted-flying-zone', [east(lon, lat, 2000), lat], 50, {
        timing: { windows: [{ from, to }] },
      });
    const activeWhenThere = window('2026-03-14T10:03:00+08:00', '2026-03-14T10:05:00+08:00');
    const endsBefore = window('2026-03-14T09:00:00+08:00', '2026-03-14T10:03:00+08:00');
    expect(open(check(p, { zones: [boundaryZone(), activeWhenThere] }))).toEqual(['rfz']);
    expect(open(check(p, { zones: [boundaryZone(), endsBefore] }))).toEqual([]);
    const f = check(p, { zones: [boundaryZone(), activeWhenThere] }).findings[0];
    expect(f.where?.time).toBe('2026-03-14T10:03:15+08:00');
  });
  it('zone vertical limits: passing above a zone with an upper limit is lawful', () => {
    const low = squareZone('low', 'restricted-flying-zone', [east(lon, lat, 100), lat], 30, {
      upper: { value: 50, unit: 'm', ref: 'AGL' },
    });
    expect(open(check(createPlan(), { zones: [boundaryZone(), low] }))).toEqual([]);
  });
});

describe('findings merge consecutive samples per rule and zone, across legs', () => {
  const p = createPlan();
  p.route.coordinates = [
    [lon, lat, 0],
    [lon, lat, 100],
    [east(lon, lat, 300), lat, 120],
    [east(lon, lat, 300), lat, 0],
  ];
  p.route.legSpeeds = [
    { value: 10, unit: 'km/h' },
    { value: 30, unit: 'km/h' },
    { value: 10, unit: 'km/h' },
  ];
  const heights = check(p).findings.filter((f) => f.ruleId === 'op.height.a2');
  it('one finding for the unbroken run of legs on which the limit is exceeded', () => {
    expect(heights.map((f) => f.where?.legs)).toEqual([{ first: 0, last: 2 }]);
  });
  it('placed at the first violating point, with the worst value of the run and of each leg', () => {
    // The climb crosses 300 ft (91.44 m) within the 2 m vertical sampling step.
    expect(heights[0].where?.leg).toBe(0);
    expect(heights[0].where?.position[2]).toBeGreaterThan(91.44);
    expect(heights[0].where?.position[2]).toBeLessThanOrEqual(93.5);
    expect(heights[0].measured).toEqual({ value: 393.7, unit: 'ft AGL' });
    expect(heights[0].perLeg?.map((d) => d.measured)).toEqual([
      { value: 328.08, unit: 'ft AGL' },
      { value: 393.7, unit: 'ft AGL' },
      { value: 393.7, unit: 'ft AGL' },
    ]);
  });
  it('a leg that leaves and re-enters a zone gives two findings', () => {
    const q = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 1000), lat]) });
    const box = (fromM: number, toM: number): [number, number][] => [
      [east(lon, lat, fromM), lat - 0.001],
      [east(lon, lat, toM), lat - 0.001],
      [east(lon, lat, toM), lat + 0.001],
      [east(lon, lat, fromM), lat + 0.001],
      [east(lon, lat, fromM), lat - 0.001],
    ];
    // One zone made of two parts, 200–400 m and 600–800 m along the leg.
    const twoParts = squareZone('z', 'restricted-flying-zone', BASE, 1, {
      geometry: { type: 'MultiPolygon', coordinates: [[box(200, 400)], [box(600, 800)]] },
    });
    const rfz = check(q, { zones: [boundaryZone(), twoParts] }).findings.filter((f) => f.ruleId === 'rfz');
    expect(rfz.map((f) => Math.round((f.where?.position[0] ?? 0) * 1e4))).toEqual([
      Math.round(east(lon, lat, 200) * 1e4),
      Math.round(east(lon, lat, 600) * 1e4),
    ]);
  });
});

describe('assumptions', () => {
  it('state the elevation model used for AGL and the open parameters', () => {
    const r = check(createPlan());
    expect(r.assumptions[0].en).toContain('sea-level');
    expect(r.assumptions.some((a) => a.en.includes('nightDefinition = "sunset-sunrise"'))).toBe(true);
  });
  it('AMSL routes are converted with the elevation model', () => {
    const p = createPlan();
    p.route.altitudeRef = 'AMSL';
    p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 95]);
    expect(open(check(p))).toEqual(['op.height.a2']);
  });
});
