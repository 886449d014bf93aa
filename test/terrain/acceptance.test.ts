import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/elevation.js';
import { evaluate } from '../../rules/src/engine/index.js';
import type { Report } from '../../rules/src/model/index.js';
import { rulebooks } from '../engine/helpers.js';
import { catalogueOver, MUI_WO, planAlong, pointsAlong, SUNSET_PEAK, terrain } from './helpers.js';

const A2_HEIGHT = 'op.height.a2';

function judge(plan: Parameters<typeof evaluate>[0], elevation = terrain): Report {
  return evaluate(plan, { rulebook: rulebooks().rb2022, airspace: catalogueOver(elevation) });
}

const heightFindings = (r: Report) => r.findings.filter((f) => f.ruleId === A2_HEIGHT);

// Mui Wo to Sunset Peak: 5.2 km, one waypoint every ~65 m (about one per cell of the 70 m model).
const climb = pointsAlong(MUI_WO, SUNSET_PEAK, 80);

describe('Sunset Peak, Lantau, at a constant height above the ground (issue 17 acceptance)', () => {
  const at60 = climb.map(() => 60);

  it('60 m AGL, given in AGL and in AMSL, gets the same verdict and no height finding', () => {
    const agl = judge(planAlong(climb, at60, 'AGL'));
    const amsl = judge(planAlong(climb, at60, 'AMSL'));
    expect(heightFindings(agl)).toEqual([]);
    expect(heightFindings(amsl)).toEqual([]);
    expect(amsl.verdict).toBe(agl.verdict);
    expect(amsl.findings.map((f) => f.ruleId).sort()).toEqual(agl.findings.map((f) => f.ruleId).sort());
  });

  it('the AMSL form judged over sea level (the old default) is told it is hundreds of metres up', () => {
    const amsl = judge(planAlong(climb, at60, 'AMSL'), seaLevel);
    const worst = Math.max(...heightFindings(amsl).map((f) => f.measured?.value ?? 0));
    expect(worst).toBeGreaterThan(2_500);
  });

  it('raised to 120 m AGL from waypoint 50 on, both forms get the A2 height finding on leg 49', () => {
    const raised = climb.map((_, i) => (i >= 50 ? 120 : 60));
    for (const ref of ['AGL', 'AMSL'] as const) {
      const r = judge(planAlong(climb, raised, ref));
      const found = heightFindings(r);
      // One finding for the whole run of legs flown above the limit (legs 49 to 79), starting on leg 49.
      expect(found.length, ref).toBe(1);
      expect(found[0].where?.leg, ref).toBe(49);
      expect(found[0].where?.legs, ref).toEqual({ first: 49, last: 79 });
      expect(found[0].perLeg?.map((d) => d.leg)).toEqual(Array.from({ length: 31 }, (_, i) => 49 + i));
      expect(found[0].effect).toBe('requires-permission');
      // 120 m ≈ 394 ft; the AMSL form between waypoints may rise a little above 120 m over uneven ground.
      for (const d of found[0].perLeg?.slice(1) ?? []) {
        expect(d.measured?.value).toBeGreaterThanOrEqual(393);
        expect(d.measured?.value).toBeLessThan(420);
      }
      expect(found[0].measured?.value).toBe(Math.max(...(found[0].perLeg ?? []).map((d) => d.measured?.value ?? 0)));
      expect(r.verdict).not.toBe('compliant');
    }
  });
});

describe('a route that meets the ground', () => {
  it('constant 300 m AMSL from Mui Wo towards Sunset Peak: not flyable, at the leg where the hill rises', () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 4);
    const r = judge(
      planAlong(
        points,
        points.map(() => 300),
        'AMSL',
        seaLevel,
      ),
    );
    const ground = r.findings.filter((f) => f.kind === 'ground-clearance');
    expect(r.verdict).toBe('not-flyable');
    // one finding for the whole underground stretch (issue 13: one finding per run of legs)
    expect(ground).toHaveLength(1);
    // The ground passes 300 m between waypoints 1 and 2 (the first leg stays over the low valley of Mui Wo).
    const first = ground[0];
    expect(first.where?.leg).toBe(1);
    expect(first.where?.legs?.first).toBe(1);
    const [lon, lat, alt] = first.where?.position ?? [0, 0, 0];
    expect(alt).toBeCloseTo(300, 0);
    expect(first.where?.groundM).toBeCloseTo(terrain.groundM(lon, lat), 0);
    // each leg's lowest point is kept; the finding measures the deepest and says where it is
    const perLeg = first.perLeg ?? [];
    expect(perLeg.map((l) => l.leg)).toEqual(
      Array.from({ length: (first.where?.legs?.last ?? 0) - 1 + 1 }, (_, i) => i + 1),
    );
    expect(perLeg[0].measured?.value).toBeCloseTo(terrain.groundM(lon, lat) - 300, -1);
    const deepest = Math.max(...perLeg.map((l) => l.measured?.value ?? 0));
    expect(first.measured?.value).toBe(deepest);
    const deepestLeg = perLeg.find((l) => l.measured?.value === deepest)?.leg ?? Number.NaN;
    expect(first.where?.worst?.leg ?? first.where?.leg).toBe(deepestLeg);
    // the words count legs from 1, as the client's "legs 2–5" beside it does
    expect(first.message.en).toMatch(new RegExp(`^Leg ${deepestLeg + 1} meets the ground`));
  });

  it('take-off and landing at 0 m above the ground stay quiet', () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 20).slice(0, 4);
    const r = judge(planAlong(points, [0, 50, 50, 0], 'AMSL'));
    expect(r.findings.filter((f) => f.kind === 'ground-clearance')).toEqual([]);
    expect(r.verdict).not.toBe('not-flyable');
  });

  it('sea level as the ground model does not see the hill', () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 4);
    const r = judge(
      planAlong(
        points,
        points.map(() => 300),
        'AMSL',
        seaLevel,
      ),
      seaLevel,
    );
    expect(r.findings.filter((f) => f.kind === 'ground-clearance')).toEqual([]);
  });
});
