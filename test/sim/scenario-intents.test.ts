import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { NEIGHBOUR_CONTINGENT_RULE_ID } from '../../rules/src/sim/scenario-intents.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { loadTrafficParams } from '../../server/src/data/traffic.js';
import { runOptions } from './fixtures.js';

/**
 * Scenario flights declaring an operational intent (`intent: true`): the Cyberport → Cheung Chau scenario's second
 * sortie climbs out of its intent, turns Nonconforming, then Contingent after the grace, and the first sortie,
 * whose intent it affects, is told.
 */
const scenario = (): Scenario => {
  const s = loadScenarios().find((x) => x.id === 'sf-ha-cyberport-cheung-chau');
  if (!s) throw new Error('scenario missing');
  return s;
};
const INTENT = 'scenario:sf-ha-cyberport-cheung-chau:';

function intentEvents(s: Scenario, traffic = true): MonitorEvent[] {
  const run = new ScenarioRun(s, { ...runOptions(s), ...(traffic ? { traffic: loadTrafficParams() } : {}) });
  const out: MonitorEvent[] = [];
  while (!run.done)
    for (const e of run.step().monitor)
      if ((e.type === 'opened' || e.type === 'closed') && e.key.startsWith('traffic.')) out.push(e);
  return out;
}

describe('scenario flights with operational intents', () => {
  it('builds an intent for each flight declaring one, from its declared route', () => {
    const s = scenario();
    const run = new ScenarioRun(s, { ...runOptions(s), traffic: loadTrafficParams() });
    expect(run.intents?.size).toBe(2);
    const intent = run.intents?.intentOf('ark20-above-band');
    expect(intent?.reference).toMatchObject({ id: `${INTENT}ark20-above-band`, state: 'Accepted' });
    // planned cruise at 120 m AMSL with the 10 m vertical buffer: the sortie climbing to 175 m leaves it
    expect(intent?.details.volumes[2].volume.altitude_upper).toEqual({ value: 130, reference: 'AMSL', units: 'M' });
    const undeclared = { ...s, flights: s.flights.map((f, i) => ({ ...f, intent: i === 0 })) };
    expect(new ScenarioRun(undeclared, { ...runOptions(s), traffic: loadTrafficParams() }).intents?.size).toBe(1);
  });

  it('a nonconforming aircraft turns contingent after the grace and its neighbour is told at that moment', () => {
    const events = intentEvents(scenario());
    const opened = events.filter((e) => e.type === 'opened');
    const [nonconforming, contingent] = opened.filter((e) => e.aircraftId === 'ark20-above-band');
    expect(nonconforming.key).toBe(`traffic.conformance|${INTENT}ark20-above-band|Nonconforming`);
    expect(contingent.key).toBe(`traffic.conformance|${INTENT}ark20-above-band|Contingent`);
    expect(contingent.tMs - nonconforming.tMs).toBe(loadTrafficParams().conformance.graceS * 1000);
    const told = opened.filter((e) => e.aircraftId === 'ark20-medical');
    expect(told).toHaveLength(1);
    expect(told[0].tMs).toBe(contingent.tMs);
    expect(told[0].type === 'opened' && told[0].finding).toMatchObject({
      ruleId: NEIGHBOUR_CONTINGENT_RULE_ID,
      kind: 'intent-conformance',
      effect: 'advisory',
      code: 'traffic.conformance.neighbour-contingent',
      params: { other: `${INTENT}ark20-above-band`, aircraft: 'ark20-above-band', intent: `${INTENT}ark20-medical` },
    });
    expect(told[0].type === 'opened' && told[0].finding.provision.url).toMatch(/^https:/);
    // the notice closes once the contingent aircraft has landed
    const closed = events.find((e) => e.type === 'closed' && e.aircraftId === 'ark20-medical');
    expect(closed?.tMs).toBeGreaterThan(contingent.tMs);
  });

  it('replays identically (a seek or a loop re-simulates from the start)', () => {
    expect(intentEvents(scenario())).toEqual(intentEvents(scenario()));
  });

  it('without traffic parameters the intents are not watched', () => {
    expect(intentEvents(scenario(), false)).toEqual([]);
  });
});
