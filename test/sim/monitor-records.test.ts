import { describe, expect, it } from 'vitest';
import { AircraftFlag } from '../../rules/src/protocol/aircraft-state.js';
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
  return createScenario({ flights: [hover('high', 100), hover('low', 30)] });
}

function airborneAt60s() {
  const s = twoFlights();
  const run = new ScenarioRun(s, runOptions(s));
  while (run.sim.elapsedMs < 60_000) run.step();
  const samples = run.samplesNow();
  expect(samples.map((x) => x.id)).toEqual(['high', 'low']);
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
