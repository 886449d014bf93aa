import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/index.js';
import { compileScenario } from '../../rules/src/sim/compile.js';
import { enuDelta, haversineM, turnDelta } from '../../rules/src/sim/geo.js';
import type { ScenarioInput } from '../../rules/src/sim/scenario.js';
import { Simulation } from '../../rules/src/sim/simulation.js';
import { createScenario, createScenarioInput } from './helpers.js';

function simulate(overrides: Partial<ScenarioInput> = {}) {
  const sim = new Simulation(
    compileScenario(createScenario(overrides), { elevation: seaLevel, permissions: [] }),
    seaLevel,
  );
  const a = sim.aircraft[0];
  const states = [];
  while (!sim.done) {
    sim.step();
    states.push({ ...sim.stateOf(a), phase: a.nav.phase, outcome: a.nav.outcome });
  }
  return { sim, a, states };
}

const hoverRoute = (hoverS: number): ScenarioInput['flights'][number]['route'] => ({
  type: 'LineString',
  altitudeRef: 'AGL',
  coordinates: [
    [114.2105, 22.4265, 0],
    [114.2105, 22.4265, 40],
    [114.2105, 22.4265, 40],
    [114.2105, 22.4265, 0],
  ],
  legSpeeds: [
    { value: 3, unit: 'm/s' },
    { value: 1, unit: 'm/s' },
    { value: 2, unit: 'm/s' },
  ],
  hoverS: [0, 0, hoverS, 0],
});

function withFlight(patch: Record<string, unknown>): Partial<ScenarioInput> {
  const base = createScenarioInput();
  return { flights: [{ ...base.flights[0], ...patch } as ScenarioInput['flights'][number]] };
}

describe('kinematics', () => {
  it('climbs and descends no faster than the airframe allows and lands at the end of the route', () => {
    const { states } = simulate();
    for (let i = 1; i < states.length; i++) {
      expect(states[i].verticalSpeedMps).toBeLessThanOrEqual(3 + 1e-9);
      expect(states[i].verticalSpeedMps).toBeGreaterThanOrEqual(-2 - 1e-9);
    }
    const top = states.findIndex((s) => s.altAmslM >= 49.4);
    // 50 m at 3 m/s: about 17 s
    expect(top).toBeGreaterThanOrEqual(15);
    expect(top).toBeLessThanOrEqual(19);
    expect(states.at(-1)?.outcome).toBe('completed');
    expect(states.at(-1)?.altAmslM).toBe(0);
  });

  it('cruises at the planned leg speed and never above the top speed', () => {
    const { states } = simulate();
    const cruise = states.filter((s) => s.mode === 'cruise');
    expect(cruise.length).toBeGreaterThan(20);
    const median = cruise.map((s) => s.groundSpeedMps).sort((a, b) => a - b)[Math.floor(cruise.length / 2)];
    expect(median).toBeCloseTo(10, 0);
    for (const s of states) expect(s.groundSpeedMps).toBeLessThanOrEqual(60 / 3.6 + 1e-6);
  });

  it('turns at cruise speed no faster than the turn rate', () => {
    const { states } = simulate();
    for (let i = 1; i < states.length; i++) {
      if (states[i - 1].groundSpeedMps < 5 || states[i].groundSpeedMps < 5) continue;
      expect(Math.abs(turnDelta(states[i - 1].headingDeg, states[i].headingDeg))).toBeLessThanOrEqual(45 + 1);
    }
  });

  it('holds its hover point in a wind it can beat, and drifts downwind in one it cannot', () => {
    const hover = withFlight({ route: hoverRoute(200) });
    const calm = simulate({ ...hover, wind: { speed: { value: 8, unit: 'm/s' }, fromDeg: 90 } });
    const held = calm.states[120];
    expect(haversineM(held.lon, held.lat, 114.2105, 22.4265)).toBeLessThan(5);
    const gale = simulate({ ...hover, wind: { speed: { value: 22, unit: 'm/s' }, fromDeg: 90 } });
    const s = gale.states[120];
    const [east] = enuDelta(114.2105, 22.4265, s.lon, s.lat);
    // A wind FROM the east (090°) blows the aircraft west, at about wind − top speed (22 − 16.7 m/s).
    expect(east).toBeLessThan(-300);
  });

  it('returns home and lands there when the link is lost', () => {
    const { states } = simulate({ events: [{ type: 'lost-link', atS: 40, flight: 'f1' }] });
    const last = states.at(-1);
    expect(last?.outcome).toBe('returned-home');
    expect(haversineM(last?.lon ?? 0, last?.lat ?? 0, 114.2105, 22.4265)).toBeLessThan(3);
    expect(states[45].mode).toBe('return-to-home');
  });

  it('lands where it is when its fail-safe is "land"', () => {
    const { states } = simulate({
      ...withFlight({ failSafe: 'land' }),
      events: [{ type: 'lost-link', atS: 40, flight: 'f1' }],
    });
    const at = states[39];
    const last = states.at(-1);
    expect(last?.outcome).toBe('landed-in-place');
    // It stops (10 m/s at 2 m/s² needs 25 m) and descends there, rather than flying on or home.
    expect(haversineM(last?.lon ?? 0, last?.lat ?? 0, at.lon, at.lat)).toBeLessThan(30);
    expect(haversineM(last?.lon ?? 0, last?.lat ?? 0, 114.2105, 22.4265)).toBeGreaterThan(100);
  });

  it('holds position during a temporary link loss with fail-safe "hover", then completes its route', () => {
    const { states } = simulate({
      ...withFlight({ failSafe: 'hover' }),
      events: [{ type: 'lost-link', atS: 40, flight: 'f1', durationS: 30 }],
    });
    const during = states.slice(55, 68);
    const moved = haversineM(during[0].lon, during[0].lat, during.at(-1)?.lon ?? 0, during.at(-1)?.lat ?? 0);
    expect(moved).toBeLessThan(3);
    expect(states.at(-1)?.outcome).toBe('completed');
  });

  it('low battery sends the aircraft home', () => {
    const { states } = simulate({ events: [{ type: 'low-battery', atS: 50, flight: 'f1' }] });
    expect(states.at(-1)?.outcome).toBe('returned-home');
  });

  it('a GNSS error shifts the true track by the opposite of the error', () => {
    const hover = withFlight({ route: hoverRoute(200) });
    const { states } = simulate({ ...hover, events: [{ type: 'gnss-error', atS: 30, eastM: 40, northM: 0 }] });
    const s = states[120];
    const [east, north] = enuDelta(114.2105, 22.4265, s.lon, s.lat);
    expect(east).toBeCloseTo(-40, -0.5);
    expect(Math.abs(north)).toBeLessThan(2);
  });
});
