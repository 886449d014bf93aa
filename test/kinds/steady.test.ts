import { describe, expect, it } from 'vitest';
import { daylightSteady, getKind, judgeDaylight } from '../../rules/src/kinds/index.js';
import type { BoundRule, SampleContext, Stretch } from '../../rules/src/kinds/types.js';
import { sideAlong } from '../../rules/src/kinds/types.js';
import { createCtx, createSample, zone } from './helpers.js';

/**
 * `steady(a, b)` lets adaptive route sampling skip the samples between a and b: it must say no whenever a
 * rule's hits could change more than once, or its measured value could peak, between them.
 */
function bind(kind: string, params: unknown): BoundRule {
  const b = getKind(kind)?.bind(params);
  if (!b?.ok) throw new Error(`cannot bind ${kind}`);
  return b.bound;
}
const stretch = (over: Partial<Stretch> = {}): Stretch => ({
  lengthM: 100,
  linearHeights: true,
  activityConstant: () => true,
  ...over,
});
const steady = (kind: string, params: unknown, a: SampleContext, b: SampleContext, st = stretch()) =>
  bind(kind, params).steady?.(a, b, createCtx(), st);

const [lon, lat] = [114.3, 22.4];
const M_PER_DEG = 111_195;
const east = (m: number) => lon + m / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));

describe('sideAlong: which side of a limit a distance stays on along a stretch', () => {
  it('clear of the limit by more than the stretch, or undecided', () => {
    expect(sideAlong(1000, 100, 500)).toBe('above');
    expect(sideAlong(100, 100, 500)).toBe('below');
    expect(sideAlong(450, 100, 500)).toBeNull();
    expect(sideAlong(560, 100, 500)).toBeNull();
  });
});

describe('steady, kind by kind', () => {
  it('zone-entry and cross-boundary depend on the zones alone', () => {
    const params = { zoneEffect: 'restricted-flying-zone', outcome: 'prohibited' };
    expect(steady('zone-entry', params, createSample(), createSample())).toBe(true);
    expect(steady('cross-boundary', {}, createSample(), createSample())).toBe(true);
  });
  it('max-height: only while heights change linearly', () => {
    const params = { limit: { value: 300, unit: 'ft', ref: 'AGL' } };
    const [a, b] = [createSample({ aglM: 50 }), createSample({ aglM: 120 })];
    expect(steady('max-height', params, a, b)).toBe(true);
    expect(steady('max-height', params, a, b, stretch({ linearHeights: false }))).toBe(false);
  });
  it('max-speed: only at one speed', () => {
    const params = { limit: { value: 50, unit: 'km/h' } };
    expect(
      steady('max-speed', params, createSample({ groundSpeedKmh: 60 }), createSample({ groundSpeedKmh: 60 })),
    ).toBe(true);
    expect(steady('max-speed', params, createSample({ groundSpeedKmh: 60 }), createSample({ groundSpeedKmh: 0 }))).toBe(
      false,
    );
  });
  it('vlos: without a range always; with one, not across it nor past the pilot', () => {
    const at = (m: number) => createSample({ lon: east(m), lat, pilotLon: lon, pilotLat: lat });
    expect(steady('vlos', { maxRange: null }, at(0), at(2000))).toBe(true);
    const range = { maxRange: { value: 500, unit: 'm' } };
    expect(steady('vlos', range, at(100), at(200))).toBe(true);
    expect(steady('vlos', range, at(400), at(700), stretch({ lengthM: 300 }))).toBe(false);
    expect(steady('vlos', range, at(1000), at(1100))).toBe(true);
    // Passing 5 km north of the pilot: beyond the range all along, but closest between the ends.
    const north5 = lat + 5000 / M_PER_DEG;
    const passBy = (from: number, to: number) =>
      steady(
        'vlos',
        range,
        createSample({ lon: east(from), lat: north5, pilotLon: lon, pilotLat: lat }),
        createSample({ lon: east(to), lat: north5, pilotLon: lon, pilotLat: lat }),
        stretch({ lengthM: Math.abs(to - from) }),
      );
    expect(passBy(-1000, 1000)).toBe(false);
    expect(passBy(1000, 3000)).toBe(true);
  });
  it('lateral-distance: only when every crowd stays well beyond the limit, and none appears or goes', () => {
    const params = { limit: { value: 50, unit: 'm' } };
    const crowd = zone('crowd', 'uninvolved-persons');
    const far = createSample({ nearby: [{ zone: crowd, distanceM: 400 }] });
    const near = createSample({ nearby: [{ zone: crowd, distanceM: 120 }] });
    expect(steady('lateral-distance', params, far, far)).toBe(true);
    expect(steady('lateral-distance', params, near, far)).toBe(false);
    expect(steady('lateral-distance', params, far, far, stretch({ activityConstant: () => false }))).toBe(false);
    expect(steady('lateral-distance', params, createSample(), createSample())).toBe(true);
  });
});

describe('daylightSteady', () => {
  const [hkLon, hkLat] = [114.1743, 22.302];
  const { sunset } = judgeDaylight(Date.parse('2026-06-01T12:00:00+08:00'), hkLat, hkLon, 'sunset-sunrise');
  const min = 60_000;
  it('by day, a stretch well inside daylight is steady; one that reaches sunset is not', () => {
    expect(
      daylightSteady(sunset - 120 * min, hkLat, hkLon, sunset - 100 * min, hkLat, hkLon + 0.02, 'sunset-sunrise'),
    ).toBe(true);
    expect(daylightSteady(sunset - 10 * min, hkLat, hkLon, sunset + 10 * min, hkLat, hkLon, 'sunset-sunrise')).toBe(
      false,
    );
  });
  it('at night, steady at one (rounded) place; not across a whole day', () => {
    const t = sunset + 60 * min;
    expect(daylightSteady(t, hkLat, hkLon, t + 10 * min, hkLat, hkLon, 'sunset-sunrise')).toBe(true);
    expect(daylightSteady(t, hkLat, hkLon, t + 10 * min, hkLat, hkLon + 0.05, 'sunset-sunrise')).toBe(false);
    expect(daylightSteady(t, hkLat, hkLon, t + 86_400_000, hkLat, hkLon, 'sunset-sunrise')).toBe(false);
  });
  it('the kind asks the same question', () => {
    const a = createSample({ tMs: sunset - 5 * min, lat: hkLat, lon: hkLon });
    const b = createSample({ tMs: sunset + 5 * min, lat: hkLat, lon: hkLon });
    expect(steady('daylight', { night: 'sunset-sunrise' }, a, b)).toBe(false);
    expect(steady('daylight', { night: 'sunset-sunrise' }, a, a)).toBe(true);
  });
});
