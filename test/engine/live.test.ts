import { describe, expect, it } from 'vitest';
import type { ZoneIndex } from '../../rules/src/airspace/types.js';
import { createAirspaceView, prepareLive, sampleRoute, validatePlan } from '../../rules/src/engine/index.js';
import type { FlightPlanInput, Zone } from '../../rules/src/model/index.js';
import {
  airspace,
  BASE,
  boundaryZone,
  createPermission,
  createPlan,
  east,
  lineRoute,
  rulebooks,
  squareZone,
} from './helpers.js';

const { rb2025 } = rulebooks();
const [lon, lat] = BASE;

function live(plan: FlightPlanInput, zones: Zone[], withPlan = true) {
  const v = validatePlan(plan);
  if (!v.ok) throw new Error('bad plan');
  const index = airspace(zones);
  const evaluator = prepareLive({
    plan: withPlan ? v.plan : undefined,
    aircraft: v.plan.aircraft,
    pilot: v.plan.pilot,
    responsiblePerson: v.plan.responsiblePerson,
    operation: v.plan.operation,
    rulebook: rb2025,
    airspace: index,
    permissions: withPlan ? [] : v.plan.permissions.filter((p) => typeof p !== 'string'),
  });
  const samples = sampleRoute(v.plan.route, v.timeline, createAirspaceView(index, v.plan.extraZones));
  return { evaluator, samples, plan: v.plan };
}

describe('prepareLive', () => {
  const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 500), lat], 50);
  const zones = [boundaryZone(), rfz];
  const plan = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 1000), lat], 110) });

  it('flags at each sample what route evaluation found, with the same per-sample code', () => {
    const { evaluator, samples, plan: p } = live(plan, zones);
    const keys = new Set<string>();
    for (const s of samples)
      for (const v of evaluator.check({
        ...s,
        pilotLon: p.operation.pilotPosition[0],
        pilotLat: p.operation.pilotPosition[1],
        leg: s.leg,
      }))
        keys.add(v.key);
    const report = evaluator.report;
    if (!report) throw new Error('no report');
    const fromReport = new Set(
      report.findings
        .filter((f) => f.where && !f.covered && f.effect !== 'advisory')
        .map((f) => `${f.ruleId}|${f.zoneId ?? ''}`),
    );
    expect([...keys].sort()).toEqual([...fromReport].sort());
    expect([...keys].sort()).toEqual(['op.height.a2|', 'rfz|rfz']);
  });
  it('keys are stable per rule and zone, so open/close can be diffed', () => {
    const { evaluator } = live(plan, zones);
    const s = {
      lon: east(lon, lat, 500),
      lat,
      altAmslM: 110,
      tMs: Date.parse('2026-03-14T10:00:30+08:00'),
      groundSpeedKmh: 30,
      pilotLon: lon,
      pilotLat: lat,
    };
    const a = evaluator.check(s).map((v) => v.key);
    const b = evaluator.check({ ...s, lon: east(lon, lat, 520), tMs: s.tMs + 2000 }).map((v) => v.key);
    expect(a).toEqual(b);
    const outside = evaluator.check({ ...s, lon: east(lon, lat, 700), altAmslM: 50 });
    expect(outside).toEqual([]);
  });
  it('live findings carry position, time, citation and both languages', () => {
    const { evaluator } = live(plan, zones);
    const [v] = evaluator.check({
      lon: east(lon, lat, 500),
      lat,
      altAmslM: 50,
      tMs: Date.parse('2026-03-14T10:01:00+08:00'),
      groundSpeedKmh: 20,
      pilotLon: lon,
      pilotLat: lat,
    });
    expect(v.finding).toMatchObject({
      ruleId: 'rfz',
      provision: { section: 's.18' },
      where: { time: '2026-03-14T10:01:00+08:00' },
    });
    expect(v.finding.message.zh.length).toBeGreaterThan(0);
  });
  it('speed comes from telemetry', () => {
    const { evaluator } = live(plan, zones);
    const keys = evaluator
      .check({
        lon,
        lat,
        altAmslM: 50,
        tMs: Date.parse('2026-03-14T10:01:00+08:00'),
        groundSpeedKmh: 60,
        pilotLon: lon,
        pilotLat: lat,
      })
      .map((v) => v.key);
    expect(keys).toEqual(['op.speed.a2|']);
  });
  it('without a plan: permissions held cover triggers inside their envelope, and do not outside it', () => {
    const permitted = createPlan({ permissions: [createPermission({ covers: ['height', 'restricted-flying-zone'] })] });
    const { evaluator } = live(permitted, zones, false);
    expect(evaluator.report).toBeUndefined();
    const inside = {
      lon: east(lon, lat, 500),
      lat,
      altAmslM: 110,
      tMs: Date.parse('2026-03-14T10:01:00+08:00'),
      groundSpeedKmh: 20,
      pilotLon: lon,
      pilotLat: lat,
    };
    expect(evaluator.check(inside)).toEqual([]);
    expect(evaluator.check({ ...inside, lat: lat + 0.01 }).map((v) => v.key)).toEqual(['op.height.a2|']);
  });
  it('plan-level findings are available once', () => {
    const p = createPlan({ aircraft: { registration: null } });
    const { evaluator } = live(p, zones);
    expect(evaluator.planFindings.map((f) => f.ruleId)).toEqual(['reg.aircraft.standard']);
  });

  it('sees zones added to a live index after it was prepared (distances too, not only containment)', () => {
    let current = airspace(zones);
    const live: ZoneIndex = {
      get zones() {
        return current.zones;
      },
      get version() {
        return current.version;
      },
      get elevation() {
        return current.elevation;
      },
      pointQuery: (x, y, alt, t, out) => current.pointQuery(x, y, alt, t, out),
      legCrossings: (ax, ay, bx, by) => current.legCrossings(ax, ay, bx, by),
      isActive: (i, t) => current.isActive(i, t),
      verticalContains: (i, x, y, alt) => current.verticalContains(i, x, y, alt),
    };
    const v = validatePlan(createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 1000), lat], 50) }));
    if (!v.ok) throw new Error('bad plan');
    const evaluator = prepareLive({
      aircraft: v.plan.aircraft,
      pilot: v.plan.pilot,
      operation: v.plan.operation,
      rulebook: rb2025,
      airspace: live,
    });
    const s = {
      lon: east(lon, lat, 200),
      lat,
      altAmslM: 50,
      tMs: Date.parse('2026-03-14T10:00:00+08:00'),
      groundSpeedKmh: 20,
      pilotLon: lon,
      pilotLat: lat,
    };
    expect(evaluator.check(s).map((x) => x.key)).toEqual([]);
    // A crowd appears 20 m away (an imported layer): the 30 m lateral distance is now broken.
    const crowd = squareZone('crowd', 'uninvolved-persons', [east(lon, lat, 260), lat], 40);
    current = airspace([...zones, crowd]);
    expect(evaluator.check(s).map((x) => x.key)).toEqual(['op.lateral.a2|crowd']);
  });
});

describe('a live violation compares its rule without wording its finding', () => {
  const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 500), lat], 50);
  const plan = createPlan({ route: lineRoute([lon, lat], [east(lon, lat, 1000), lat], 110) });

  it('sameRuleAs answers as sameRule does on the worded finding, before and after the wording', () => {
    const { evaluator, samples, plan: p } = live(plan, [boundaryZone(), rfz]);
    const at = (s: (typeof samples)[number]) => ({
      ...s,
      pilotLon: p.operation.pilotPosition[0],
      pilotLat: p.operation.pilotPosition[1],
      leg: s.leg,
    });
    const violations = samples.flatMap((s) => evaluator.check(at(s)));
    expect(violations.length).toBeGreaterThan(3);
    // the same samples checked again: unworded violations to compare with the worded ones above
    const fresh = samples.flatMap((s) => evaluator.check(at(s)));
    let compared = 0;
    for (const [i, v] of violations.entries()) {
      const worded = v.finding;
      const other = fresh[i];
      expect(other.sameRuleAs?.(worded)).toBe(true);
      // another limit, effect, rule or cover is another rule
      if (worded.limit)
        expect(other.sameRuleAs?.({ ...worded, limit: { ...worded.limit, value: worded.limit.value + 1 } })).toBe(
          false,
        );
      expect(
        other.sameRuleAs?.({
          ...worded,
          effect: worded.effect === 'prohibited' ? 'requires-permission' : 'prohibited',
        }),
      ).toBe(false);
      expect(other.sameRuleAs?.({ ...worded, ruleId: `${worded.ruleId}-other` })).toBe(false);
      expect(other.sameRuleAs?.({ ...worded, covered: { permissionId: 'someone-else' } })).toBe(false);
      // once worded, the answer is the same
      expect(other.finding).toEqual(worded);
      expect(other.sameRuleAs?.(worded)).toBe(true);
      compared++;
    }
    expect(compared).toBe(violations.length);
  });
});
