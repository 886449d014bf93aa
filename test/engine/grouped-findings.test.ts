import { describe, expect, it } from 'vitest';
import { evaluate } from '../../rules/src/engine/index.js';
import { type FlightPlanInput, MAX_LEG_DETAIL, Report } from '../../rules/src/model/index.js';
import { airspace, BASE, boundaryZone, check, createPlan, east, north, rulebooks } from './helpers.js';

const [lon, lat] = BASE;

/**
 * A long lawnmower track near the pilot: `legs` legs of 50 m alternating east and back, creeping north, at 60 m
 * AGL (under the A2 limit of 300 ft, 91.44 m) except at the waypoints `height` names.
 */
function track(legs: number, height: (wp: number) => number = () => 60): FlightPlanInput {
  const coordinates = Array.from({ length: legs + 1 }, (_, i): [number, number, number] => [
    east(lon, lat, (i % 2) * 50),
    north(lat, Math.floor(i / 2) % 40),
    height(i),
  ]);
  return createPlan({
    route: {
      type: 'LineString',
      coordinates,
      altitudeRef: 'AGL',
      legSpeeds: Array.from({ length: legs }, () => ({ value: 30, unit: 'km/h' as const })),
    },
  });
}

/** Waypoints `from`..`to` (inclusive) at `m` metres AGL, the peak waypoint at `peak` metres. */
const bump =
  (from: number, to: number, m: number, peakAt: number, peak: number) =>
  (wp: number): number | undefined =>
    wp === peakAt ? peak : wp >= from && wp <= to ? m : undefined;

const heights = (r: Report) => r.findings.filter((f) => f.kind === 'max-height');
const FT = 0.3048;

describe('one finding per rule per contiguous run of legs', () => {
  // Waypoints 200–240 at 130 m (waypoint 220 at 140 m): the climb on leg 199 crosses 91.44 m, the descent on
  // leg 240 comes back under it, so the exceedance runs from leg 199 to leg 240 without a break.
  const one = bump(200, 240, 130, 220, 140);
  const plan = track(500, (wp) => one(wp) ?? 60);
  const r = check(plan);
  const [f] = heights(r);

  it('a 500-leg track with one height exceedance gives exactly one height finding', () => {
    expect(heights(r)).toHaveLength(1);
    expect(r.findings.length).toBeLessThan(10);
    expect(Report.safeParse(r).success).toBe(true);
  });

  it('the finding lists its legs, placed at the first violating point', () => {
    expect(f.where?.leg).toBe(199);
    expect(f.where?.legs).toEqual({ first: 199, last: 240 });
    // The climb from 60 to 130 m crosses 91.44 m partway along leg 199.
    expect(f.where?.position[2]).toBeGreaterThan(91.44);
    expect(f.where?.position[2]).toBeLessThan(95);
  });

  it('carries the worst value of the run and where it is', () => {
    expect(f.measured).toEqual({ value: Math.round((140 / FT) * 100) / 100, unit: 'ft AGL' });
    // 140 m is reached at waypoint 220, the end of leg 219.
    expect(f.where?.worst?.leg).toBe(219);
    expect(f.where?.worst?.position[0]).toBeCloseTo(plan.route.coordinates[220][0], 6);
    expect(f.where?.worst?.position[1]).toBeCloseTo(plan.route.coordinates[220][1], 6);
  });

  it('words the run: its legs (numbered from 1, as people count them) and its worst value, in both languages', () => {
    expect(f.where?.legs).toEqual({ first: 199, last: 240 });
    expect(f.run?.code).toBe('finding.run');
    expect(f.run?.message.en).toBe('legs 200 to 241, worst 459.32 ft AGL on leg 220');
    expect(f.run?.message.zh).toContain('第 200 至 241 航段');
    expect(f.run?.message.zh).toContain('459.32 呎 AGL');
  });

  it('keeps the per-leg detail: every leg of the run once, in order, each with its worst value', () => {
    const detail = f.perLeg ?? [];
    expect(detail.map((d) => d.leg)).toEqual(Array.from({ length: 42 }, (_, i) => 199 + i));
    expect(detail[0].position).toEqual(f.where?.position);
    expect(detail[0].time).toBe(f.where?.time);
    const values = detail.map((d) => d.measured?.value ?? Number.NaN);
    expect(Math.max(...values)).toBe(f.measured?.value);
    // Legs 200–218 and 221–239 fly level at 130 m; legs 219 and 220 reach 140 m.
    expect(detail[1].measured).toEqual({ value: Math.round((130 / FT) * 100) / 100, unit: 'ft AGL' });
    expect(detail.filter((d) => d.measured?.value === f.measured?.value).map((d) => d.leg)).toEqual([219, 220]);
    const times = detail.map((d) => Date.parse(d.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('the verdict and the permissions required are those of the exceedance', () => {
    expect(r.verdict).toBe('permission-required');
    expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(['height']);
  });

  it('adaptive and dense sampling give the same grouped report', () => {
    const opts = { rulebook: rulebooks().rb2025, airspace: airspace([boundaryZone()]) };
    const short = track(60, (wp) => bump(20, 40, 130, 30, 140)(wp) ?? 60);
    expect(evaluate(short, { ...opts, sampling: 'dense' })).toEqual(evaluate(short, opts));
  });
});

describe('separate runs stay separate; a fine track has none', () => {
  it('two exceedances with lawful flight between give two findings, each with its own legs', () => {
    const a = bump(100, 110, 120, 105, 125);
    const b = bump(400, 410, 120, 405, 135);
    const found = heights(check(track(500, (wp) => a(wp) ?? b(wp) ?? 60)));
    expect(found.map((f) => f.where?.legs)).toEqual([
      { first: 99, last: 110 },
      { first: 399, last: 410 },
    ]);
    expect(found.map((f) => f.measured?.value)).toEqual([
      Math.round((125 / FT) * 100) / 100,
      Math.round((135 / FT) * 100) / 100,
    ]);
  });

  it('a 500-leg track within every limit has no finding at all', () => {
    const r = check(track(500));
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('compliant');
  });

  it('a run on a single leg has its legs but no run wording or per-leg detail', () => {
    // Only the last waypoint is high: the climb on the last leg alone exceeds the limit.
    const found = heights(check(track(20, (wp) => (wp === 20 ? 120 : 60))));
    expect(found).toHaveLength(1);
    expect(found[0].where?.legs).toEqual({ first: 19, last: 19 });
    expect(found[0].run).toBeUndefined();
    expect(found[0].perLeg).toBeUndefined();
  });
});

describe('per-leg detail is capped', () => {
  it(`a run over more legs than ${MAX_LEG_DETAIL} lists the first ${MAX_LEG_DETAIL}; where.legs gives the whole run`, () => {
    const r = check(track(MAX_LEG_DETAIL + 200, () => 120));
    const found = heights(r);
    expect(found).toHaveLength(1);
    expect(found[0].where?.legs).toEqual({ first: 0, last: MAX_LEG_DETAIL + 199 });
    expect(found[0].perLeg).toHaveLength(MAX_LEG_DETAIL);
    expect(found[0].perLeg?.at(-1)?.leg).toBe(MAX_LEG_DETAIL - 1);
    expect(Report.safeParse(r).success).toBe(true);
  });
});
