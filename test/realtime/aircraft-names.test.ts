import { describe, expect, it } from 'vitest';
import { AircraftInfo } from '../../rules/src/protocol/aircraft-state.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { Scenario } from '../../rules/src/sim/scenario.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { simAircraftInfo } from '../../server/src/realtime/session-view.js';
import { runOptions } from '../sim/fixtures.js';
import { createScenarioInput } from '../sim/helpers.js';

function infoOf(label: unknown): AircraftInfo {
  const input = createScenarioInput();
  const s = Scenario.parse({ ...input, flights: [{ ...input.flights[0], label }] });
  return AircraftInfo.parse(simAircraftInfo(new ScenarioRun(s, runOptions(s)))[0]);
}

describe('aircraft names in both languages', () => {
  it('a flight label given as {en, zh} reaches the snapshot as label and labelZh', () => {
    const info = infoOf({ en: 'TST hobbyist', zh: '尖沙咀航拍愛好者' });
    expect(info.label).toBe('TST hobbyist');
    expect(info.labelZh).toBe('尖沙咀航拍愛好者');
  });

  it('a plain string label still works, with no Chinese name', () => {
    const info = infoOf('Flight 1');
    expect(info.label).toBe('Flight 1');
    expect(info.labelZh).toBeUndefined();
  });

  it('a label pair missing a language is refused, naming the field', () => {
    const input = createScenarioInput();
    const r = Scenario.safeParse({ ...input, flights: [{ ...input.flights[0], label: { en: 'Only English' } }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.path.join('.').startsWith('flights.0.label'))).toBe(true);
  });

  it('every built-in scenario names every flight in both languages', () => {
    for (const s of loadScenarios())
      for (const f of s.flights) {
        expect(typeof f.label, `${s.id}/${f.id}`).toBe('object');
        if (typeof f.label === 'object') expect(f.label.zh, `${s.id}/${f.id}`).toMatch(/\p{Script=Han}/u);
      }
  });

  it('an aircraft model described in Chinese reaches the snapshot as modelZh, and never the plan the rules judge', () => {
    const input = createScenarioInput();
    const key = input.flights[0].aircraft;
    const s = Scenario.parse({
      ...input,
      aircraft: { ...input.aircraft, [key]: { ...input.aircraft[key], modelZh: '航拍四旋翼機' } },
    });
    const run = new ScenarioRun(s, runOptions(s));
    const info = AircraftInfo.parse(simAircraftInfo(run)[0]);
    expect(info.modelZh).toBe('航拍四旋翼機');
    expect(info.model).toBe(input.aircraft[key].model);
    expect(run.sim.aircraft[0].flight.plan.aircraft).not.toHaveProperty('modelZh');
  });

  it('every built-in scenario describes every aircraft model in Chinese', () => {
    for (const s of loadScenarios())
      for (const [key, a] of Object.entries(s.aircraft)) {
        if (a.model === undefined) continue;
        expect(a.modelZh, `${s.id}/${key}`).toMatch(/\p{Script=Han}/u);
      }
  });
});
