import { createHash } from 'node:crypto';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun, type ScenarioRunOptions } from '../../rules/src/sim/run.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { type ShardLink, scenarioShard } from '../../rules/src/sim/sharded/index.js';
import { syntheticTraffic } from '../../rules/src/sim/traffic.js';

/**
 * A dense sky for the sharded-monitor tests: `aircraft` flights over about 5 × 4.5 km of Kowloon (many
 * separation conflicts, aircraft crossing tile borders all the time), wind with gusts, crowds appearing and
 * disappearing mid-run (airspace changes), lost links and a low battery.
 */
export function denseScenario(aircraft: number, seed = 15): Scenario {
  const s = syntheticTraffic({ aircraft, seed, bbox: [114.15, 22.3, 114.2, 22.34], durationS: 300, crowds: 6 });
  return {
    ...s,
    wind: { speed: { value: 8, unit: 'm/s' }, fromDeg: 240 },
    zones: s.zones.map((z, i) => (i < 3 ? { ...z, appearAtS: 15 + 10 * i, removeAtS: 45 + 5 * i } : z)),
    events: [
      { type: 'lost-link', atS: 20, flight: 't1', durationS: 15 },
      { type: 'low-battery', atS: 25, flight: 't2' },
      { type: 'gnss-error', atS: 30, eastM: 12, northM: -8, durationS: 10 },
    ],
  };
}

/** sha256 over the events in order. */
export function streamHash(events: readonly MonitorEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) h.update(`${JSON.stringify(e)}\n`);
  return h.digest('hex');
}

/** The first place two event streams differ, for a readable failure. */
export function firstDifference(a: readonly MonitorEvent[], b: readonly MonitorEvent[]) {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++)
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return { index: i, single: a[i], sharded: b[i] };
  return null;
}

/** The scenario zones present when a run of it starts (what a shard is told). */
export function presentAtStart(scenario: Scenario, opts: ScenarioRunOptions): string[] {
  return new ScenarioRun(scenario, opts).sim.zones().map((z) => z.id);
}

/**
 * Shards in this thread, each with its own monitor and layered airspace (scenarioShard, as a shard thread builds
 * it), behind links that clone what they pass, as a thread boundary would.
 */
export function inProcessShards(
  scenario: Scenario,
  opts: ScenarioRunOptions & { withdrawn?: ReadonlySet<string> },
  n: number,
) {
  const present = presentAtStart(scenario, opts);
  return Array.from({ length: n }, () => {
    const shard = scenarioShard(scenario, { ...opts, present, clockMs: () => performance.now() });
    const link: ShardLink = {
      handOff: async (regs) => structuredClone(shard.handOff(regs)),
      tick: async (t) => structuredClone(shard.tick(structuredClone(t))),
      control: async (c) => structuredClone(shard.control(structuredClone(c))),
    };
    return link;
  });
}
