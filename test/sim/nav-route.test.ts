import { describe, expect, it } from 'vitest';
import type { ElevationModel } from '../../rules/src/airspace/types.js';
import type { Route } from '../../rules/src/model/plan.js';
import { haversineM } from '../../rules/src/sim/geo.js';
import { compileNavRoute, navRouteOf, routePoint, routePoints } from '../../rules/src/sim/nav-route.js';

/** Ground rising 100 m per 0.01° east of 114.2°E: AGL waypoints are lifted by different amounts. */
const slope: ElevationModel = {
  id: 'slope',
  description: 'test ground',
  groundM: (lon) => Math.max(0, (lon - 114.2) * 10_000),
};

const route = (extra: Partial<Route> = {}): Route => ({
  type: 'LineString',
  altitudeRef: 'AGL',
  coordinates: [
    [114.2, 22.4, 0],
    [114.2, 22.4, 50],
    [114.21, 22.4, 50],
  ],
  ...extra,
});

describe('compiled routes (packed waypoints)', () => {
  it('packs each waypoint as lon, lat, altitude AMSL, lifting AGL altitudes by the ground there', () => {
    const r = compileNavRoute(route(), slope, 8);
    expect(r.count).toBe(3);
    expect(r.xyz).toBeInstanceOf(Float64Array);
    expect(r.xyz.length).toBe(9);
    expect(routePoint(r, 0)).toEqual([114.2, 22.4, 0]);
    expect(routePoint(r, 1)).toEqual([114.2, 22.4, 50]);
    const [lon, lat, alt] = routePoint(r, 2);
    expect([lon, lat]).toEqual([114.21, 22.4]);
    expect(alt).toBeCloseTo(150, 6);
    expect(routePoints(r)).toEqual([routePoint(r, 0), routePoint(r, 1), routePoint(r, 2)]);
  });

  it('keeps AMSL altitudes as given', () => {
    const r = compileNavRoute(route({ altitudeRef: 'AMSL' }), slope, 8);
    expect(routePoint(r, 2)[2]).toBe(50);
  });

  it('takes leg speeds as given, from waypoint times after the hover, or the fallback; hovers default to 0', () => {
    const given = compileNavRoute(
      route({
        legSpeeds: [
          { value: 2, unit: 'm/s' },
          { value: 36, unit: 'km/h' },
        ],
      }),
      slope,
      8,
    );
    expect(Array.from(given.legSpeedMps)).toEqual([2, 10]);
    expect(Array.from(given.hoverS)).toEqual([0, 0, 0]);

    const timed = compileNavRoute(route({ waypointTimesS: [0, 25, 125], hoverS: [0, 5, 0] }), slope, 8);
    // leg 1: 50 m straight up in 25 s; leg 2: over the ground rising 100 m, in 100 s less the 5 s hover
    expect(timed.legSpeedMps[0]).toBeCloseTo(2, 9);
    const len = Math.hypot(haversineM(114.2, 22.4, 114.21, 22.4), 100);
    expect(timed.legSpeedMps[1]).toBeCloseTo(len / 95, 9);
    expect(Array.from(timed.hoverS)).toEqual([0, 5, 0]);

    const fallback = compileNavRoute(route(), slope, 8);
    expect(Array.from(fallback.legSpeedMps)).toEqual([8, 8]);
  });

  it('navRouteOf builds the same packed route from its parts', () => {
    const r = navRouteOf(
      [
        [114.2, 22.4, 0],
        [114.21, 22.41, 60],
      ],
      [5],
      [0, 3],
    );
    expect(r.count).toBe(2);
    expect(Array.from(r.xyz)).toEqual([114.2, 22.4, 0, 114.21, 22.41, 60]);
    expect(Array.from(r.legSpeedMps)).toEqual([5]);
    expect(Array.from(r.hoverS)).toEqual([0, 3]);
  });
});
