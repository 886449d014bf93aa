import { describe, expect, it } from 'vitest';
import { AircraftFlag } from '../../rules/src/protocol/aircraft-state.js';
import type { MonitorEvent, MonitorSample } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { monitoredFlight } from '../../rules/src/sim/run-parts.js';
import { runOptions } from './fixtures.js';
import { createScenario, createScenarioInput } from './helpers.js';

/**
 * The monitor remembers each sample's watched record by its place in the sample list (or by the caller's slot), so
 * that a tick reads no ids from its map; these pin what that cache must not get wrong.
 */

/** Two flights over Science Park, the first hovering at 100 m AGL (above the A2 limit of 300 ft), the second low. */
function twoFlights() {
  const base = createScenarioInput();
  const f = base.flights[0];
  const hover = (id: string, heightM: number) => ({
    ...f,
    id,
    route: {
      type: 'LineString' as const,
      altitudeRef: 'AGL' as const,
      coordinates: [
        [114.2105, 22.4265, 0],
        [114.2105, 22.4265, heightM],
        [114.2105, 22.4265, heightM],
        [114.2105, 22.4265, 0],
      ] as [number, number, number][],
      legSpeeds: [
        { value: 5, unit: 'm/s' as const },
        { value: 1, unit: 'm/s' as const },
        { value: 2, unit: 'm/s' as const },
      ],
      hoverS: [0, 0, 300, 0],
    },
  });
  return createScenario({ flights: [hover('high', 100), hover('low', 30), hover('third', 30)] });
}

function airborneAt60s() {
  const s = twoFlights();
  const run = new ScenarioRun(s, runOptions(s));
  while (run.sim.elapsedMs < 60_000) run.step();
  const samples = run.samplesNow();
  expect(samples.map((x) => x.id)).toEqual(['high', 'low', 'third']);
  expect(run.monitor.flagsOf('high') & AircraftFlag.violating).toBe(AircraftFlag.violating);
  return { run, samples };
}

describe('monitor: watched records remembered by place', () => {
  it('an aircraft removed and added again is judged through its new record, not the one remembered', () => {
    const { run, samples } = airborneAt60s();
    const m = run.monitor;
    const high = run.sim.aircraft.find((a) => a.flight.id === 'high');
    if (!high) throw new Error('no flight');
    m.remove('high', run.simTimeMs);
    expect(m.flagsOf('high')).toBe(0);
    m.add(monitoredFlight(high.flight, false));
    const events = m.observe(samples, run.simTimeMs + 1000);
    expect(events.some((e) => e.type === 'opened' && e.aircraftId === 'high')).toBe(true);
    expect(m.flagsOf('high') & AircraftFlag.violating).toBe(AircraftFlag.violating);
    expect(m.flagsAt(0, 'high')).toBe(m.flagsOf('high'));
  });

  it('with slots, flags follow each aircraft when its place in the sample list changes', () => {
    const { run, samples } = airborneAt60s();
    const m = run.monitor;
    const slots = Int32Array.of(7, 3);
    m.observe(samples, run.simTimeMs + 1000, undefined, slots);
    expect(m.flagsAt(7, 'high') & AircraftFlag.violating).toBe(AircraftFlag.violating);
    expect(m.flagsAt(3, 'low') & AircraftFlag.violating).toBe(0);
    // next tick the list comes the other way round; each aircraft keeps its slot
    m.observe([samples[1], samples[0]], run.simTimeMs + 2000, undefined, Int32Array.of(3, 7));
    expect(m.flagsAt(7, 'high') & AircraftFlag.violating).toBe(AircraftFlag.violating);
    expect(m.flagsAt(3, 'low') & AircraftFlag.violating).toBe(0);
    // a slot asked with another aircraft's id falls back to the lookup
    expect(m.flagsAt(3, 'high')).toBe(m.flagsOf('high'));
  });
});

describe('monitor: separation advisories remembered by the others they are against', () => {
  /** A sample at metres east / north of Science Park, 60 m above the sea, airborne. */
  const at = (id: string, eastM: number, northM: number, tMs: number): MonitorSample => ({
    id,
    lon: 114.2105 + eastM / (111_195 * Math.cos((22.4265 * Math.PI) / 180)),
    lat: 22.4265 + northM / 111_195,
    altAmslM: 60,
    tMs,
    groundSpeedMps: 0,
    airborne: true,
  });
  /** The separation advisories' events, as text ('opened high low': high's advisory against low). */
  const separationOf = () => {
    const keys = new Set<string>();
    return (events: MonitorEvent[]) =>
      events.flatMap((e) => {
        const other = e.type === 'opened' || e.type === 'closed' ? e.key.split('|').at(-1) : '';
        if (e.type === 'opened' && e.finding.kind === 'separation') {
          keys.add(e.key);
          return [`opened ${e.aircraftId} ${other}`];
        }
        return e.type === 'closed' && keys.has(e.key) ? [`closed ${e.aircraftId} ${other}`] : [];
      });
  };

  it('open once, stay quiet while the same pairs hold, and follow a swap of partners of the same number', () => {
    const s = twoFlights();
    const run = new ScenarioRun(s, runOptions(s));
    const m = run.monitor;
    const t0 = run.simTimeMs;
    const separation = separationOf();
    const tick = (k: number, high: [number, number], low: [number, number], third: [number, number]) =>
      separation(
        m.observe(
          [at('high', ...high, t0 + k * 1000), at('low', ...low, t0 + k * 1000), at('third', ...third, t0 + k * 1000)],
          t0 + k * 1000,
        ),
      );
    // high and low 20 m apart (the scenario's minima: 50 m, 15 m), third 5 km away
    expect(tick(1, [0, 0], [20, 0], [5000, 0])).toEqual(['opened high low', 'opened low high']);
    expect(tick(2, [0, 1], [20, 1], [5000, 0])).toEqual([]);
    expect(tick(3, [0, 2], [20, 2], [5000, 0])).toEqual([]);
    // low leaves as third comes: high has one partner still, another one
    expect(tick(4, [0, 2], [5000, 0], [0, 20])).toEqual(['opened high third', 'opened third high']);
    // low's advisory and high's against low close once clear for the hold time (5 s)
    expect(tick(8, [0, 2], [5000, 0], [0, 20])).toEqual([]);
    expect(tick(9, [0, 2], [5000, 0], [0, 20])).toEqual(['closed high low', 'closed low high']);
    expect(m.openFindings().filter((f) => f.finding.kind === 'separation').length).toBe(2);
  });
});
