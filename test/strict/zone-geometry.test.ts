import { describe, expect, it } from 'vitest';
import { importZones, ZoneFormatError } from '../../rules/src/airspace/formats/index.js';
import { Zone, type ZoneInput } from '../../rules/src/model/index.js';
import { MAX_CIRCLE_RADIUS_M, MAX_POLYGON_VERTICES, signedArea2 } from '../../rules/src/model/zone-geometry.js';

type Pos = [number, number];
const square = (w: number, s: number, e: number, n: number): Pos[] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
/** A closed ring of `n` vertices on a small circle around Hong Kong (a valid, convex polygon). */
function roundRing(n: number, [lon, lat]: Pos = [114.2, 22.3], r = 0.05): Pos[] {
  const ring: Pos[] = [];
  for (let k = 0; k < n - 1; k++) {
    const a = (2 * Math.PI * k) / (n - 1);
    ring.push([lon + r * Math.cos(a), lat + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

const zone = (over: Partial<ZoneInput>): ZoneInput => ({
  id: 'Z1',
  name: { en: 'Z', zh: 'Z' },
  class: 'temporary-restriction',
  effect: 'restricted-flying-zone',
  geometry: { type: 'Polygon', coordinates: [square(114.1, 22.3, 114.2, 22.4)] },
  lower: { value: 0, unit: 'm', ref: 'AGL' },
  upper: { value: 120, unit: 'm', ref: 'AGL' },
  provenance: { accuracy: 'user', source: 'test' },
  ...over,
});
const paths = (input: ZoneInput) => Zone.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('zone model: geometry the index can use', () => {
  it('accepts a plain polygon and a whole-world box (edges along ±180° are not crossings)', () => {
    expect(paths(zone({}))).toEqual([]);
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [square(-180, -90, 180, 90)] } }))).toEqual([]);
  });

  it('refuses a polygon crossing the antimeridian instead of reading it inverted', () => {
    const ring = square(179.5, 10, -179.5, 11);
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [ring] } }))).toEqual(['geometry.coordinates.0.1']);
    const multi = { type: 'MultiPolygon' as const, coordinates: [[square(114, 22, 114.1, 22.1)], [ring]] };
    expect(paths(zone({ geometry: multi }))).toEqual(['geometry.coordinates.1.0.1']);
  });

  it('refuses a circle that reaches across the antimeridian', () => {
    expect(paths(zone({ geometry: { type: 'Circle', center: [179.99, 0], radiusM: 5000 } }))).toEqual([
      'geometry.center',
    ]);
  });

  it(`refuses a circle radius above ${MAX_CIRCLE_RADIUS_M} m (a 1e12 m radius was accepted)`, () => {
    expect(paths(zone({ geometry: { type: 'Circle', center: [114.2, 22.3], radiusM: 1e12 } }))).toEqual([
      'geometry.radiusM',
    ]);
    expect(paths(zone({ geometry: { type: 'Circle', center: [114.2, 22.3], radiusM: MAX_CIRCLE_RADIUS_M } }))).toEqual(
      [],
    );
  });

  it('refuses lower above upper with the same reference, in any units', () => {
    expect(
      paths(zone({ lower: { value: 500, unit: 'ft', ref: 'AGL' }, upper: { value: 120, unit: 'm', ref: 'AGL' } })),
    ).toEqual(['upper']);
    expect(
      paths(zone({ lower: { value: 390, unit: 'ft', ref: 'AGL' }, upper: { value: 120, unit: 'm', ref: 'AGL' } })),
    ).toEqual([]);
    // Different references cannot be compared without terrain: left to the engine.
    expect(
      paths(zone({ lower: { value: 500, unit: 'm', ref: 'AGL' }, upper: { value: 120, unit: 'm', ref: 'AMSL' } })),
    ).toEqual([]);
  });

  it('refuses a self-intersecting ring (bow tie) naming the ring', () => {
    const bowTie: Pos[] = [
      [114.1, 22.3],
      [114.2, 22.4],
      [114.2, 22.3],
      [114.1, 22.4],
      [114.1, 22.3],
    ];
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [bowTie] } }))).toEqual(['geometry.coordinates.0']);
  });

  it('refuses a hole that crosses its outer ring, accepts one inside; repeated vertices are not kinks', () => {
    const outer = square(114.1, 22.3, 114.2, 22.4);
    const crossing = square(114.15, 22.32, 114.25, 22.35).reverse();
    const inside = square(114.12, 22.32, 114.15, 22.35).reverse();
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [outer, crossing] } }))).toEqual([
      'geometry.coordinates',
    ]);
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [outer, inside] } }))).toEqual([]);
    const repeated: Pos[] = [outer[0], outer[1], outer[1], ...outer.slice(2)];
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [repeated] } }))).toEqual([]);
  });

  it(`refuses more than ${MAX_POLYGON_VERTICES} vertices in one polygon and offers simplification`, () => {
    const r = Zone.safeParse(
      zone({ geometry: { type: 'Polygon', coordinates: [roundRing(MAX_POLYGON_VERTICES + 1)] } }),
    );
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['geometry.coordinates']);
    expect(r.error?.issues[0].message).toMatch(/simplify/);
    expect(paths(zone({ geometry: { type: 'Polygon', coordinates: [roundRing(MAX_POLYGON_VERTICES)] } }))).toEqual([]);
  });

  it('normalises ring orientation: outer counter-clockwise, holes clockwise (RFC 7946)', () => {
    const cwOuter = square(114.1, 22.3, 114.2, 22.4).reverse();
    const ccwHole = square(114.12, 22.32, 114.15, 22.35);
    const parsed = Zone.parse(zone({ geometry: { type: 'Polygon', coordinates: [cwOuter, ccwHole] } }));
    if (parsed.geometry.type !== 'Polygon') throw new Error('not a polygon');
    expect(signedArea2(parsed.geometry.coordinates[0])).toBeGreaterThan(0);
    expect(signedArea2(parsed.geometry.coordinates[1])).toBeLessThan(0);
  });
});

/** Our GeoJSON zone layer holding one polygon feature after a valid one, to check the feature index. */
function layer(coordinates: Pos[][]) {
  const feature = (id: string, coords: Pos[][]) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: coords },
    properties: {
      name: { en: id, zh: id },
      class: 'temporary-restriction',
      effect: 'restricted-flying-zone',
      lower: { value: 0, unit: 'm', ref: 'AGL' },
      upper: null,
      provenance: { accuracy: 'user', source: 'test' },
    },
  });
  return {
    type: 'FeatureCollection',
    features: [feature('ok', [square(114, 22, 114.1, 22.1)]), feature('big', coordinates)],
  };
}

function importError(input: unknown, opts = {}): ZoneFormatError {
  try {
    importZones(input, 'geojson', opts);
  } catch (err) {
    if (err instanceof ZoneFormatError) return err;
    throw err;
  }
  throw new Error('import succeeded');
}

describe('zone import: errors name the feature and field; simplify makes a huge polygon acceptable', () => {
  const huge = () => layer([roundRing(80_000)]);

  it('an 80,000-vertex polygon is refused naming feature 1 and its geometry, offering simplify', () => {
    const err = importError(huge());
    expect(err.feature?.index).toBe(1);
    expect(err.field).toBe('geometry.coordinates');
    expect(err.reason).toMatch(/80000 vertices.*simplify/);
  });

  it('with simplify (5 m) the same file imports, with a warning saying how much was removed', () => {
    const r = importZones(huge(), 'geojson', { simplify: 5 });
    const g = r.zones[1].geometry;
    if (g.type !== 'Polygon') throw new Error('not a polygon');
    expect(g.coordinates[0].length).toBeLessThanOrEqual(MAX_POLYGON_VERTICES);
    expect(r.warnings.join('\n')).toMatch(/simplified from 80000 to \d+ vertices \(tolerance 5 m\)/);
  });

  it('a self-intersecting ring is refused naming the feature and ring', () => {
    const err = importError(
      layer([
        [
          [114.1, 22.3],
          [114.2, 22.4],
          [114.2, 22.3],
          [114.1, 22.4],
          [114.1, 22.3],
        ],
      ]),
    );
    expect([err.feature?.index, err.field]).toEqual([1, 'geometry.coordinates[0]']);
  });

  it.each([0, -1, 5000, Number.NaN])('simplify %s is refused naming options.simplify', (t) => {
    expect(importError(layer([square(114, 22, 114.1, 22.1)]), { simplify: t }).field).toBe('options.simplify');
  });
});
