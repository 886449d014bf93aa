import { describe, expect, it } from 'vitest';
import { daylightMargin, judgeDaylight } from '../../rules/src/kinds/daylight.js';
import type { Rulebook } from '../../rules/src/model/rulebook.js';
import type { MonitorEvent } from '../../rules/src/sim/monitor.js';
import { ScenarioRun, type ScenarioRunOptions } from '../../rules/src/sim/run.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { syntheticTraffic } from '../../rules/src/sim/traffic.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { builtins, runOptions } from './fixtures.js';

/**
 * The monitor re-runs an aircraft's per-sample rules only when the sample has moved past the margins the
 * engine gave at the last check. That must change nothing: the event stream equals one where every aircraft
 * is checked on every tick.
 */
const EVERY_TICK = { margins: false, distanceM: 0, altitudeM: 0, speedKmh: 0, intervalMs: 0 };

function events(scenario: Scenario, opts: ScenarioRunOptions): { events: MonitorEvent[]; checks: number } {
  const run = new ScenarioRun(scenario, opts);
  let checks = 0;
  for (const a of run.sim.aircraft) {
    const ev = run.monitor.evaluatorOf(a.flight.id);
    if (!ev) continue;
    const check = ev.check.bind(ev);
    ev.check = (s, m) => {
      checks++;
      return check(s, m);
    };
  }
  const out: MonitorEvent[] = [];
  while (!run.done) out.push(...run.step().monitor);
  return { events: out, checks };
}

/** Events with their findings as JSON: the words must agree too, not only the keys. */
const text = (es: MonitorEvent[]) => es.map((e) => JSON.stringify(e));

function expectSameAsEveryTick(scenario: Scenario, opts: ScenarioRunOptions) {
  const exact = events(scenario, { ...opts, recheck: EVERY_TICK });
  const fast = events(scenario, opts);
  expect(text(fast.events)).toEqual(text(exact.events));
  return { exact, fast };
}

describe('live re-check margins', () => {
  for (const s of loadScenarios())
    it(`${s.id}: the same findings as checking every aircraft on every tick`, () => {
      expectSameAsEveryTick(s, runOptions(s));
    });

  const { airspace, rulebooks } = builtins();
  const byId = (id: string): Rulebook => {
    const rb = rulebooks.find((r) => r.id === id);
    if (!rb) throw new Error(id);
    return rb;
  };

  it('busy traffic near crowds, over the height and speed limits: the same findings with far fewer checks', () => {
    const traffic = syntheticTraffic({
      aircraft: 150,
      seed: 7,
      durationS: 240,
      crowds: 40,
      bbox: [114.1, 22.27, 114.2, 22.33],
    });
    for (const id of ['cap448g-2022', 'cap448g-2025']) {
      const opts = { rulebook: byId(id), airspace, permissions: [], sharedEvaluators: true };
      const { exact, fast } = expectSameAsEveryTick(traffic, opts);
      expect(exact.events.some((e) => e.type === 'opened' && e.finding.kind === 'lateral-distance')).toBe(true);
      expect(exact.events.some((e) => e.type === 'opened' && e.finding.kind === 'max-height')).toBe(true);
      expect(exact.events.some((e) => e.type === 'closed')).toBe(true);
      expect(fast.checks).toBeLessThan(exact.checks / 3);
    }
  });

  it('across sunset: the night findings open on the same tick', () => {
    const start = '2025-10-15T18:00:00+08:00';
    const sunset = judgeDaylight(Date.parse(start), 22.3, 114.17, 'sunset-sunrise').sunset;
    const minutesBefore = Math.floor((sunset - Date.parse(start)) / 60_000) - 3;
    const dusk = new Date(Date.parse(start) + minutesBefore * 60_000).toISOString();
    const traffic = syntheticTraffic({ aircraft: 40, seed: 3, durationS: 420, start: dusk.replace('Z', '+00:00') });
    const { exact } = expectSameAsEveryTick(traffic, {
      rulebook: byId('cap448g-2025'),
      airspace,
      permissions: [],
      sharedEvaluators: true,
    });
    expect(exact.events.some((e) => e.type === 'opened' && e.finding.kind === 'daylight')).toBe(true);
  });
});

describe('daylightMargin', () => {
  const [lat, lon] = [22.3, 114.17];
  const t = Date.parse('2025-10-15T12:00:00+08:00');
  it('holds until shortly before sunset, and not past it', () => {
    const j = judgeDaylight(t, lat, lon, 'sunset-sunrise');
    const m = daylightMargin(t, lat, lon, 'sunset-sunrise');
    expect(m.untilMs).toBeLessThan(j.sunset);
    expect(j.sunset - m.untilMs).toBeLessThanOrEqual(2 * 60_000);
    // Anywhere within the distance bound, the judgement holds until then.
    for (const dLon of [-1, 1]) {
      const far = lon + (dLon * m.distanceM) / (111_195 * Math.cos((lat * Math.PI) / 180));
      expect(judgeDaylight(m.untilMs, lat, far, 'sunset-sunrise').daylight).toBe(true);
    }
  });
  it('gives no promise at high latitudes', () => {
    expect(daylightMargin(t, 70, 20, 'sunset-sunrise').untilMs).toBe(t);
  });
});
