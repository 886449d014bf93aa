/**
 * The sharded monitor's critical path, measured without threads: k shards run one after another on this thread,
 * each tick's CPU time split into the coordinator's part (partition, hand-over, merge) and each shard's. On k idle
 * cores the shards would run side by side, so a tick would take the coordinator's part plus the slowest shard's.
 * CPU time, not wall time: it does not depend on what else the machine runs (within the noise of shared caches).
 * This is a model of an idle k-core machine, not a measurement of one; bench:cluster prints it beside the
 * threaded wall-clock figures.
 */
import type { ZoneIndex } from '../../../rules/src/airspace/types.js';
import type { Rulebook } from '../../../rules/src/model/rulebook.js';
import { ScenarioRun } from '../../../rules/src/sim/run.js';
import type { Scenario } from '../../../rules/src/sim/scenario.js';
import {
  ShardedMonitorCore,
  type ShardLink,
  scenarioShard,
  separationMinima,
} from '../../../rules/src/sim/sharded/index.js';

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export interface CriticalPath {
  shards: number;
  aircraft: number;
  /** per tick: coordinator CPU + the slowest shard's CPU (ms) */
  criticalP50Ms: number;
  criticalP99Ms: number;
  /** per tick: all the CPU the sharded monitor used (ms) */
  totalCpuMs: number;
}

export async function criticalPath(
  scenario: Scenario,
  opts: { rulebook: Rulebook; airspace: ZoneIndex },
  shards: number,
  warm: number,
  steps: number,
): Promise<CriticalPath> {
  const runOpts = { ...opts, permissions: [], sharedEvaluators: true };
  const driver = new ScenarioRun(scenario, runOpts);
  const ids = driver.sim.aircraft.map((a) => a.flight.id);
  const spent = new Float64Array(shards);
  const present = driver.sim.zones().map((z) => z.id);
  const links: ShardLink[] = Array.from({ length: shards }, (_, s) => {
    const shard = scenarioShard(scenario, { ...runOpts, present, clockMs: () => performance.now() });
    const timed = <T>(f: () => T): T => {
      const t0 = cpuMs();
      const out = f();
      spent[s] += cpuMs() - t0;
      return out;
    };
    return {
      handOff: async (regs) => timed(() => structuredClone(shard.handOff(regs))),
      tick: async (t) => timed(() => shard.tick(t)),
      control: async (c) => timed(() => shard.control(c)),
    };
  });
  const core = new ShardedMonitorCore(links, ids, separationMinima(opts.rulebook, scenario.separation).horizontalM);
  const critical: number[] = [];
  let total = 0;
  const tick = async (measured: boolean) => {
    for (const e of driver.sim.step()) {
      if (e.type !== 'zone-added' && e.type !== 'zone-removed') continue;
      const id = e.type === 'zone-added' ? e.zone.id : e.zoneId;
      driver.airspace.setPresent(id, e.type === 'zone-added');
      core.setZonePresent(id, e.type === 'zone-added');
      core.airspaceChanged();
    }
    spent.fill(0);
    const t0 = cpuMs();
    await core.observeTable(driver.sim.samples, driver.simTimeMs);
    const all = cpuMs() - t0;
    if (!measured) return;
    let sum = 0;
    for (const s of spent) sum += s;
    critical.push(all - sum + Math.max(...spent));
    total += all;
  };
  for (let i = 0; i < warm; i++) await tick(false);
  for (let i = 0; i < steps; i++) await tick(true);
  const sorted = [...critical].sort((a, b) => a - b);
  const q = (p: number) => Math.round(10 * sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) / 10;
  return {
    shards,
    aircraft: ids.length,
    criticalP50Ms: q(0.5),
    criticalP99Ms: q(0.99),
    totalCpuMs: Math.round((10 * total) / steps) / 10,
  };
}
