/**
 * `npm run bench:allocation`: what a live step allocates, garbage included, by phase and by function, measured with
 * V8's sampling heap profiler (every `--interval` bytes on average one allocation is recorded with its stack, kept
 * after it is collected). Garbage made every step is what the young-generation collector then stops the thread for:
 * its pauses set the tick p99 of a large session.
 *   sim       kinematics of every aircraft (Simulation.step)
 *   single    the single monitor (Monitor.observe)
 *   sharded   the sharded monitor with `--shards` shards run in this thread, each tick and reply passed through a
 *             structured clone as between threads (coordinator, shards and both ends of the clones together)
 *
 *   node --max-semi-space-size=64 --import tsx test/bench/allocation.bench.ts [--aircraft 20000] [--shards 2]
 *     [--warm 30] [--steps 20] [--interval 4096] [--top 6]
 */
import { Session } from 'node:inspector/promises';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import {
  ShardedMonitorCore,
  type ShardLink,
  scenarioShard,
  separationMinima,
} from '../../rules/src/sim/sharded/index.js';
import { BenchArgs, orExit } from './lib/args.js';
import { benchAirspace, syntheticSession } from './lib/synthetic-session.js';

const { aircraft, shards, warm, steps, interval, top } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['aircraft', 'shards', 'warm', 'steps', 'interval', 'top']);
  return {
    aircraft: args.number('aircraft', '20000', { integer: true, min: 2 }),
    shards: args.number('shards', '2', { integer: true, min: 1, max: 16 }),
    warm: args.number('warm', '30', { integer: true, min: 0 }),
    steps: args.number('steps', '20', { integer: true, min: 1 }),
    interval: args.number('interval', '4096', { integer: true, min: 64 }),
    top: args.number('top', '6', { integer: true, min: 1 }),
  };
});

/** The profile's tree, as the inspector protocol gives it. */
interface ProfileNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: ProfileNode[];
}

/** A node's function and file. */
function siteOf(node: ProfileNode): string {
  const file = node.callFrame.url.split('/').slice(-2).join('/');
  return `${node.callFrame.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
}

/**
 * Bytes sampled per function, split by phase: what was allocated under stepWorld (the kinematics) goes to `sim`,
 * the rest to `monitor`.
 */
function addSites(node: ProfileNode, sim: Map<string, number>, monitor: Map<string, number>, inSim = false): void {
  const under = inSim || node.callFrame.functionName === 'stepWorld';
  if (node.selfSize > 0) {
    const into = under ? sim : monitor;
    const site = siteOf(node);
    into.set(site, (into.get(site) ?? 0) + node.selfSize);
  }
  for (const child of node.children) addSites(child, sim, monitor, under);
}

const session = new Session();
session.connect();

/**
 * Run `steps` steps after `warm` unmeasured ones, the measured ones with the sampling heap profiler on (started
 * once: starting and stopping it around each step made the code it watched allocate more).
 */
async function sampled(step: () => Promise<void>, sim: Map<string, number>, monitor: Map<string, number>) {
  for (let i = 0; i < warm; i++) await step();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: interval,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < steps; i++) await step();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  addSites(profile.head as ProfileNode, sim, monitor);
}

const airspace = benchAirspace();
const { scenario, rulebook } = syntheticSession(aircraft);
const runOpts = { rulebook, airspace, permissions: [], sharedEvaluators: true };

/** Scenario zones switched on or off by a step, passed on to `also` (the sharded core) besides the run's airspace. */
function stepWorld(run: ScenarioRun, also?: ShardedMonitorCore): boolean {
  let changed = false;
  for (const e of run.sim.step()) {
    if (e.type !== 'zone-added' && e.type !== 'zone-removed') continue;
    const id = e.type === 'zone-added' ? e.zone.id : e.zoneId;
    run.airspace.setPresent(id, e.type === 'zone-added');
    also?.setZonePresent(id, e.type === 'zone-added');
    changed = true;
  }
  return changed;
}

const phases: { phase: string; sites: Map<string, number> }[] = [];

// the kinematics and the single monitor
{
  const run = new ScenarioRun(scenario, runOpts);
  const sim = new Map<string, number>();
  const single = new Map<string, number>();
  await sampled(
    async () => {
      if (stepWorld(run)) run.monitor.airspaceChanged();
      run.monitor.observe(run.samplesNow(), run.simTimeMs);
    },
    sim,
    single,
  );
  phases.push({ phase: 'sim', sites: sim }, { phase: 'single', sites: single });
}

// the sharded monitor, its shards in this thread behind cloning links
{
  const run = new ScenarioRun(scenario, runOpts);
  const present = run.sim.zones().map((z) => z.id);
  const links: ShardLink[] = Array.from({ length: shards }, () => {
    const shard = scenarioShard(scenario, { ...runOpts, present });
    return {
      handOff: async (regs) => structuredClone(shard.handOff(regs)),
      // the buffers the thread link moves instead of copying (request-link, shard-service)
      tick: async (t) => {
        const c = t.samples;
        const reply = shard.tick(
          structuredClone(t, { transfer: [c.floats.buffer, c.ints.buffer, c.bytes.buffer] as ArrayBuffer[] }),
        );
        return structuredClone(reply, { transfer: [reply.eventOrder.buffer, reply.flags.buffer] as ArrayBuffer[] });
      },
      control: async (c) => structuredClone(shard.control(structuredClone(c))),
    };
  });
  const ids = run.sim.aircraft.map((a) => a.flight.id);
  const core = new ShardedMonitorCore(links, ids, separationMinima(rulebook, scenario.separation).horizontalM);
  const sharded = new Map<string, number>();
  await sampled(
    async () => {
      if (stepWorld(run, core)) core.airspaceChanged();
      await core.observeTable(run.sim.samples, run.simTimeMs);
    },
    new Map(),
    sharded,
  );
  phases.push({ phase: `sharded (${shards})`, sites: sharded });
}
session.disconnect();

const mb = (bytes: number) => (bytes / steps / 1e6).toFixed(2);
process.stdout.write(
  `allocated per step at ${aircraft} aircraft, garbage included (${steps} steps after ${warm}; one sample per ${interval} B):\n`,
);
for (const { phase, sites } of phases) {
  let total = 0;
  for (const b of sites.values()) total += b;
  const perAircraft = Math.round(total / steps / aircraft);
  process.stdout.write(`  ${phase.padEnd(12)} ${mb(total).padStart(6)} MB  (${perAircraft} B per aircraft)\n`);
  for (const [site, b] of [...sites].sort((p, q) => q[1] - p[1]).slice(0, top))
    process.stdout.write(`      ${mb(b).padStart(6)} MB  ${site}\n`);
}
