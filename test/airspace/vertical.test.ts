import { describe, expect, it } from 'vitest';
import {
  buildZoneIndex,
  ElevationGridError,
  NaiveZoneIndex,
  parseElevationGrid,
  seaLevel,
  type ZoneIndex,
} from '../../rules/src/airspace/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { makeZone, square } from './fixtures.js';

// 3 × 2 grid of 0.1° cells over (114.0–114.3, 22.2–22.4); first row is the northern one.
const GRID = `ncols 3
nrows 2
xllcorner 114.0
yllcorner 22.2
cellsize 0.1
NODATA_value -9999
100 200 -9999
0 100 300
`;

describe('parseElevationGrid (ESRI ASCII grid)', () => {
  const g = parseElevationGrid(GRID);
  it('returns cell values at cell centres (first file row is north)', () => {
    expect(g.groundM(114.05, 22.35)).toBeCloseTo(100, 9);
    expect(g.groundM(114.15, 22.35)).toBeCloseTo(200, 9);
    expect(g.groundM(114.05, 22.25)).toBeCloseTo(0, 9);
    expect(g.groundM(114.25, 22.25)).toBeCloseTo(300, 9);
  });
  it('interpolates bilinearly between centres', () => {
    expect(g.groundM(114.1, 22.25)).toBeCloseTo(50, 9);
    expect(g.groundM(114.1, 22.3)).toBeCloseTo((100 + 200 + 0 + 100) / 4, 9);
  });
  it('leaves NODATA cells out and is sea level outside the grid', () => {
    expect(g.groundM(114.25, 22.35)).toBe(0);
    expect(g.groundM(114.2, 22.25)).toBeCloseTo(200, 9);
    expect(g.groundM(113.5, 22.3)).toBe(0);
    expect(g.description).toMatch(/bilinear/);
  });
  it('names the header field or the row in errors', () => {
    expect(() => parseElevationGrid(GRID.replace('ncols 3\n', ''))).toThrow(/ncols: missing header field/);
    expect(() => parseElevationGrid(GRID.replace('cellsize 0.1', 'cellsize -1'))).toThrow(/cellsize: must be positive/);
    expect(() => parseElevationGrid(GRID.replace('cellsize 0.1', 'cellsize abc'))).toThrow(ElevationGridError);
    expect(() => parseElevationGrid(GRID.replace('0 100 300', '0 x 300'))).toThrow(/row 2: value "x" in column 2/);
    expect(() => parseElevationGrid(GRID.replace('0 100 300', '0 100'))).toThrow(/data: expected .* 6 values, found 5/);
    expect(() => parseElevationGrid(GRID.replace('xllcorner 114.0', 'xllcorner 190'))).toThrow(/xllcorner/);
  });
  it('sea level is the documented default', () => {
    expect(seaLevel.id).toBe('sea-level');
    expect(seaLevel.groundM(114, 22)).toBe(0);
    expect(seaLevel.description).toMatch(/sea level/);
    expect(buildZoneIndex([]).elevation).toBe(seaLevel);
  });
});

const impls: [string, (z: Zone[], elevation?: ReturnType<typeof parseElevationGrid>) => ZoneIndex][] = [
  ['grid index', (z, elevation) => buildZoneIndex(z, { elevation })],
  ['naive index', (z, elevation) => new NaiveZoneIndex(z, { elevation })],
];

describe.each(impls)('%s: vertical limits', (_name, build) => {
  const T = 0;
  // A point at a cell centre where the ground is 100 m AMSL.
  const P: [number, number] = [114.05, 22.35];
  const fp = { type: 'Polygon' as const, coordinates: [square(114.0, 22.3, 114.1, 22.4)] };
  const zones = [
    makeZone('AGL', fp, { lower: { value: 0, unit: 'm', ref: 'AGL' }, upper: { value: 50, unit: 'm', ref: 'AGL' } }),
    makeZone('AMSL', fp, {
      lower: { value: 0, unit: 'm', ref: 'AMSL' },
      upper: { value: 120, unit: 'm', ref: 'AMSL' },
    }),
    makeZone('FT', fp, {
      lower: { value: 300, unit: 'ft', ref: 'AMSL' },
      upper: { value: 1000, unit: 'ft', ref: 'AMSL' },
    }),
    makeZone('UNL', fp, { lower: { value: 100, unit: 'ft', ref: 'AGL' }, upper: null }),
  ];
  const index = build(zones, parseElevationGrid(GRID));
  const q = (alt: number): string[] => {
    const out = new Int32Array(8);
    const n = index.pointQuery(P[0], P[1], alt, T, out);
    return Array.from(out.subarray(0, n), (i) => zones[i].id).sort();
  };

  const only = (alt: number, ids: string[]) => q(alt).filter((id) => ids.includes(id));

  it('adds the ground elevation to AGL limits but not to AMSL limits', () => {
    const ids = ['AGL', 'AMSL'];
    // The AGL zone's floor is the surface, which is no floor: 1 m under the modelled ground (100 m) is inside,
    // as a take-off point within the model's accuracy must be; the AMSL zone's floor (0 m AMSL) is a real floor.
    expect(only(99, ids)).toEqual(['AGL', 'AMSL']);
    expect(only(-1, ids)).toEqual(['AGL']);
    expect(only(100, ids)).toEqual(['AGL', 'AMSL']);
    expect(only(120, ids)).toEqual(['AGL', 'AMSL']);
    expect(only(121, ids)).toEqual(['AGL']);
    expect(only(150, ids)).toEqual(['AGL']);
    expect(only(150.001, ids)).toEqual([]);
  });
  it('converts feet to metres (1 ft = 0.3048 m) with inclusive ends, and null upper means unlimited', () => {
    const ids = ['FT', 'UNL'];
    expect(only(91.44, ids)).toEqual(['FT']); // 300 ft
    expect(only(91.43, ids)).toEqual([]);
    expect(only(304.8, ids)).toEqual(['FT', 'UNL']); // 1000 ft
    expect(only(304.81, ids)).toEqual(['UNL']);
    expect(only(130.48, ids)).toEqual(['FT', 'UNL']); // UNL floor = 100 ft AGL = 30.48 m + 100 m ground
    expect(only(130.47, ids)).toEqual(['FT']);
    expect(only(1e6, ids)).toEqual(['UNL']);
  });
  it('keeps a floor above the surface: below 100 ft AGL is outside, however deep', () => {
    expect(only(130.47, ['UNL'])).toEqual([]);
    expect(only(-500, ['UNL'])).toEqual([]);
  });
  it('verticalContains uses the same ground model', () => {
    expect(index.verticalContains(0, P[0], P[1], 150)).toBe(true);
    expect(index.verticalContains(0, P[0], P[1], 151)).toBe(false);
    const flat = build(zones);
    expect(flat.verticalContains(0, P[0], P[1], 50)).toBe(true);
    expect(flat.verticalContains(0, P[0], P[1], 51)).toBe(false);
  });
});
