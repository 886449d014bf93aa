import { describe, expect, it } from 'vitest';
import { buildZoneIndex, checkedLegCrossings, checkedPointQuery } from '../../rules/src/airspace/index.js';
import { CircleGeometry, LonLat, LonLatAlt } from '../../rules/src/model/geo.js';
import { makeZone } from './fixtures.js';

const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? '' : (r.error?.issues.map((i) => i.message).join('; ') ?? '');

describe('LonLat at the zod boundary', () => {
  it('accepts Hong Kong coordinates in [lon, lat] order', () => {
    expect(LonLat.safeParse([114.17, 22.3]).success).toBe(true);
  });
  it('rejects NaN and infinities', () => {
    expect(message(LonLat.safeParse([Number.NaN, 22.3]))).toMatch(/expected number, received NaN/);
    expect(message(LonLat.safeParse([114, Number.POSITIVE_INFINITY]))).toMatch(/received Infinity/);
    expect(LonLat.safeParse([Number.NaN, 22.3]).error?.issues[0].path).toEqual([0]);
    expect(LonLatAlt.safeParse([114, 22, Number.NaN]).error?.issues[0].path).toEqual([2]);
  });
  it('rejects out-of-range values naming the coordinate', () => {
    expect(message(LonLat.safeParse([181, 22.3]))).toMatch(/longitude 181 is out of range/);
    expect(message(LonLat.safeParse([114, -91]))).toMatch(/latitude -91 is out of range/);
    expect(message(LonLat.safeParse([114, 95]))).toMatch(/latitude 95/);
  });
  it('calls out swapped latitude/longitude', () => {
    expect(message(LonLat.safeParse([22.3, 114.17]))).toMatch(/swapped\? GeoJSON order is \[lon, lat\]/);
  });
  it('reports the path of a bad circle centre', () => {
    const r = CircleGeometry.safeParse({ type: 'Circle', center: [22.2, 114.2], radiusM: 100 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['center']);
  });
});

describe('validating wrappers around the hot path', () => {
  const index = buildZoneIndex([makeZone('C', { type: 'Circle', center: [114.17, 22.3], radiusM: 500 })]);
  const out = new Int32Array(4);
  it('answer like the index for valid input', () => {
    expect(checkedPointQuery(index, 114.17, 22.3, 10, 0, out)).toBe(1);
    expect(checkedLegCrossings(index, 114.16, 22.3, 114.18, 22.3)).toHaveLength(1);
  });
  it('throw RangeError naming the argument and problem', () => {
    expect(() => checkedPointQuery(index, 22.3, 114.17, 10, 0, out)).toThrow(RangeError);
    expect(() => checkedPointQuery(index, 22.3, 114.17, 10, 0, out)).toThrow(/position: .*swapped/);
    expect(() => checkedPointQuery(index, 114.17, 22.3, Number.NaN, 0, out)).toThrow(/altAmslM: must be a finite/);
    expect(() => checkedPointQuery(index, 114.17, 22.3, 10, Number.NaN, out)).toThrow(/tMs/);
    expect(() => checkedLegCrossings(index, 114, 22, Number.NaN, 22)).toThrow(/leg end: longitude: .*received NaN/);
  });
});
