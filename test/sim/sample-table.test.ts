import { describe, expect, it } from 'vitest';
import { planarLength } from '../../rules/src/sim/geo.js';
import { isAirborne } from '../../rules/src/sim/kinematics.js';
import type { MonitorSample } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { blankSample, SampleTable } from '../../rules/src/sim/sample-table.js';
import type { SimAircraft, Simulation } from '../../rules/src/sim/simulation.js';
import { runOptions } from './fixtures.js';
import { denseScenario } from './sharded-helpers.js';

/** An aircraft's sample read straight from its state, as the monitor's samples were made before the table. */
function fromState(sim: Simulation, a: SimAircraft): MonitorSample {
  const n = a.nav;
  return {
    id: a.flight.id,
    lon: n.lon,
    lat: n.lat,
    altAmslM: n.alt,
    tMs: sim.simTimeMs,
    groundSpeedMps: planarLength(n.groundE, n.groundN),
    airborne: isAirborne(n),
    pilotLon: undefined,
    pilotLat: undefined,
    leg: Math.max(0, Math.min(n.wp - 1, a.flight.flown.count - 2)),
  };
}

describe('the simulation’s sample table', () => {
  it('holds every aircraft’s state after every step, through take-offs, landings, lost links and a low battery', () => {
    const scenario = denseScenario(300);
    const run = new ScenarioRun(scenario, runOptions(scenario));
    const sim = run.sim;
    const seen = new Set<string>();
    const check = () => {
      expect(sim.samples.count).toBe(sim.aircraft.length);
      for (const a of sim.aircraft) {
        const row = sim.samples.read(a.row, blankSample());
        if (JSON.stringify(row) !== JSON.stringify(fromState(sim, a)))
          expect({ at: sim.simTimeMs, row }).toEqual({ at: sim.simTimeMs, row: fromState(sim, a) });
      }
    };
    check();
    for (let i = 0; i < 90; i++) {
      for (const e of sim.step()) seen.add(e.type);
      check();
    }
    // the rows an action changes after its aircraft was stepped are the ones a stale table would get wrong
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['landed', 'link-restored', 'lost-link', 'low-battery', 'take-off']),
    );
    // the monitor's records are the table's rows
    expect(run.samplesNow().map((s) => ({ ...s }))).toEqual(sim.aircraft.map((a) => fromState(sim, a)));
  });

  it('keeps telemetry fields (pilot position, no leg) and its rows when it grows', () => {
    const sample = (id: string, lon: number): MonitorSample => ({
      id,
      lon,
      lat: 22.3,
      altAmslM: 80,
      tMs: 5000,
      groundSpeedMps: 7,
      airborne: true,
      pilotLon: 114.1,
      pilotLat: 22.31,
      leg: undefined,
    });
    const t = SampleTable.of([sample('a', 114.1), sample('b', 114.2)]);
    t.reserve(50);
    expect(t.capacity).toBeGreaterThanOrEqual(50);
    t.put(2, { ...sample('c', 114.3), pilotLon: undefined, pilotLat: undefined, leg: 4, airborne: false });
    t.count = 3;
    const copy = new SampleTable(0);
    copy.copyFrom(t, 3);
    expect(copy.toSamples()).toEqual([
      sample('a', 114.1),
      sample('b', 114.2),
      { ...sample('c', 114.3), pilotLon: undefined, pilotLat: undefined, leg: 4, airborne: false },
    ]);
  });
});
