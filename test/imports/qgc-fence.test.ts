import { describe, expect, it } from 'vitest';
import { importRoute, planFromImport } from '../../rules/src/imports/index.js';
import { zonesFromQgcPlan } from '../../rules/src/imports/qgc-fence-zones.js';
import type { Report } from '../../rules/src/model/index.js';
import { check, createPlan } from '../engine/helpers.js';
import { at, type FenceSpec, qgcPlanWithFence } from './qgc-fence-fixture.js';

const { route: _route, ...template } = createPlan();

function checkQgc(spec: FenceSpec, lengthM?: number): Report {
  const imported = importRoute(JSON.stringify(qgcPlanWithFence(spec, lengthM)), 'qgc');
  return check(planFromImport(imported, template));
}
const fenceFindings = (r: Report) => r.findings.filter((f) => f.kind === 'operator-fence');

describe("a QGC plan's geofence is checked as the operator's own fence", () => {
  it('imports the fence as advisory zones that travel with the plan', () => {
    const imported = importRoute(JSON.stringify(qgcPlanWithFence({ inclusionHalfM: 200 })), 'qgc');
    const plan = planFromImport(imported, template);
    expect(plan.extraZones?.map((z) => [z.id, z.fence, z.class, z.effect])).toEqual([
      ['fence-inclusion-1', 'inclusion', 'operator-geofence', 'advisory'],
    ]);
    expect(imported.warnings.join('\n')).toMatch(/kept as the operator's own fence zones/);
  });

  it('a route that leaves its own inclusion fence gets one advisory finding, where it leaves', () => {
    const r = checkQgc({ inclusionHalfM: 200 });
    const found = fenceFindings(r);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ effect: 'advisory', ruleId: 'operator-fence' });
    expect(found[0].message.en).toMatch(/leaves the operator's inclusion geofence \(fence-inclusion-1\)/);
    expect(found[0].provision.url).toMatch(/^https:\/\/docs\.qgroundcontrol\.com\//);
    expect(found[0].where?.leg).toBe(0);
    // where it crosses the fence's east side, 200 m east of take-off (1e-4° is about 10 m)
    expect(Math.abs((found[0].where?.position[0] ?? 0) - at(200, 0)[0])).toBeLessThan(1e-4);
    expect(r.verdict).toBe('compliant');
  });

  it('a route that stays inside its inclusion fence gets none', () => {
    expect(fenceFindings(checkQgc({ inclusionHalfM: 600 }))).toEqual([]);
  });

  it('a route passing close to, but outside, an exclusion circle gets none (PX4 style)', () => {
    // The circle's edge is 20 m north of the route.
    const r = checkQgc({ exclusion: { eastM: 250, northM: 100, radiusM: 80 } });
    expect(fenceFindings(r)).toEqual([]);
    expect(r.findings.some((f) => f.zoneId?.startsWith('fence-'))).toBe(false);
  });

  it('a route through the exclusion circle gets the advisory finding', () => {
    const found = fenceFindings(checkQgc({ exclusion: { eastM: 250, northM: 60, radiusM: 80 } }));
    expect(found.map((f) => f.message.en)).toEqual([
      "The route enters the operator's exclusion geofence fence-exclusion-1 (legs 1 to 2).",
    ]);
  });

  it('zonesFromQgcPlan: a plan gives its fence zones; other data gives undefined', () => {
    const plan = qgcPlanWithFence({ inclusionHalfM: 200, exclusion: { eastM: 0, northM: 0, radiusM: 50 } });
    const out = zonesFromQgcPlan(plan, { idPrefix: 'mine' });
    expect(out?.zones.map((z) => z.id)).toEqual(['mine-inclusion-1', 'mine-exclusion-2']);
    expect(out?.zones[1].geometry).toMatchObject({ type: 'Circle', radiusM: 50 });
    expect(zonesFromQgcPlan({ type: 'FeatureCollection', features: [] })).toBeUndefined();
  });
});
