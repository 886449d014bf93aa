import { describe, expect, it } from 'vitest';
import { buildZoneIndex, distanceM } from '../../rules/src/airspace/index.js';
import { heightRange } from '../../rules/src/airspace/terrain-profile.js';
import { evaluate } from '../../rules/src/engine/index.js';
import type { Finding } from '../../rules/src/model/index.js';
import { rulebooks, squareZone } from '../engine/helpers.js';
import { planAlong, terrain } from './helpers.js';

const FT = 0.3048;

/**
 * A 300–600 m leg on the Lantau hills whose ends stand on ground of the same height (±2 m) and whose ground in
 * between rises (ridge) or sinks (valley) by at least 40 m: found in the shipped model by a fixed scan.
 */
function findLeg(kind: 'ridge' | 'valley'): {
  from: [number, number];
  to: [number, number];
  groundEnd: number;
  extreme: number;
} {
  for (let i = 0; i < 20_000; i++) {
    const lon = 113.9 + ((i * 0.618034) % 1) * 0.08;
    const lat = 22.23 + ((i * 0.414214) % 1) * 0.04;
    const bearing = (i * 2.399963) % (2 * Math.PI);
    const len = 300 + (i % 7) * 50;
    const to: [number, number] = [
      lon + (len * Math.sin(bearing)) / (111_195 * Math.cos((lat * Math.PI) / 180)),
      lat + (len * Math.cos(bearing)) / 111_195,
    ];
    const ga = terrain.groundM(lon, lat);
    const gb = terrain.groundM(to[0], to[1]);
    if (Math.abs(ga - gb) > 2 || ga < 50) continue;
    // Heights along the leg at 0 m above the ground: the AMSL extremes are the ground's.
    const r = heightRange(terrain, { aLon: lon, aLat: lat, bLon: to[0], bLat: to[1], aAlt: 0, bAlt: 0, ref: 'AGL' });
    if (kind === 'ridge' && r.maxAmslM >= Math.max(ga, gb) + 40 && r.maxAmslM <= Math.max(ga, gb) + 55)
      return { from: [lon, lat], to, groundEnd: Math.max(ga, gb), extreme: r.maxAmslM };
    if (kind === 'valley' && r.minAmslM <= Math.min(ga, gb) - 40 && r.minAmslM >= Math.min(ga, gb) - 55)
      return { from: [lon, lat], to, groundEnd: Math.min(ga, gb), extreme: r.minAmslM };
  }
  throw new Error(`no ${kind} leg found`);
}

const rb = rulebooks().rb2022;
/** A stand-in HKSAR boundary around the leg found (the engine judges only routes inside the HKSAR: issue 13). */
const boundaryAround = (p: [number, number]) => squareZone('test-boundary', 'boundary', p, 20_000);

describe('a leg is measured where it is highest or lowest above the ground, not only at its waypoints', () => {
  it('waypoints 60 m above the ground either side of a valley 40+ m deep: the A2 height finding, at the valley', () => {
    const v = findLeg('valley');
    const plan = planAlong([v.from, v.to], [60, 60], 'AMSL');
    const r = evaluate(plan, {
      rulebook: rb,
      airspace: buildZoneIndex([boundaryAround(v.from)], { version: 't', elevation: terrain }),
    });
    const f = r.findings.find((x) => x.ruleId === 'op.height.a2') as Finding;
    expect(f).toBeDefined();
    const [a, b] = plan.route.coordinates;
    const leg = { aLon: a[0], aLat: a[1], bLon: b[0], bLat: b[1], aAlt: a[2], bAlt: b[2], ref: 'AMSL' as const };
    const highest = heightRange(terrain, leg).maxAglM;
    expect(highest).toBeGreaterThan(v.groundEnd + 60 - v.extreme - 3);
    expect(highest).toBeGreaterThan(91.44);
    expect(f.measured?.value).toBeCloseTo(highest / FT, 1);
    // The worst point is at the valley's floor.
    expect(f.where?.worst?.groundM).toBeLessThan(v.extreme + 3);
  });

  it('waypoints 60 m above the ground either side of a ridge 40+ m high: inside a zone below 30 m AGL at the ridge', () => {
    const v = findLeg('ridge');
    const mid: [number, number] = [(v.from[0] + v.to[0]) / 2, (v.from[1] + v.to[1]) / 2];
    const halfM = distanceM(v.from[0], v.from[1], v.to[0], v.to[1]);
    const zone = squareZone('low-rfz', 'restricted-flying-zone', mid, halfM, {
      upper: { value: 30, unit: 'm', ref: 'AGL' },
    });
    const plan = planAlong([v.from, v.to], [60, 60], 'AMSL');
    const index = buildZoneIndex([boundaryAround(v.from), zone], { version: 't', elevation: terrain });
    const r = evaluate(plan, { rulebook: rb, airspace: index });
    const f = r.findings.find((x) => x.zoneId === 'low-rfz');
    expect(f, 'the ridge brings the leg within 30 m of the ground').toBeDefined();
    const [, , alt] = f?.where?.position ?? [0, 0, 0];
    expect(alt - (f?.where?.groundM ?? 0)).toBeLessThanOrEqual(30.001);
    // Over sea level the same leg stays 60 m up and never enters the zone.
    const flat = evaluate(plan, {
      rulebook: rb,
      airspace: buildZoneIndex([boundaryAround(v.from), zone], { version: 't' }),
    });
    expect(flat.findings.find((x) => x.zoneId === 'low-rfz')).toBeUndefined();
  });
});
