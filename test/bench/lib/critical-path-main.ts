/**
 * One critical-path measurement (shard-critical-path.ts) in a process of its own, for bench:cluster. Measured in the
 * bench's own process, after its threaded runs and the direct check, 2 shards at 20,000 aircraft took 42.2 ms p50
 * (80.2 ms of CPU per tick) against 24.8–26.4 ms (47–57 ms of CPU) in fresh processes; most likely the heap those
 * runs left on the same thread, which the shards run on here.
 *
 *   node --max-semi-space-size=64 --import tsx test/bench/lib/critical-path-main.ts --aircraft 20000 --shards 2
 *     [--warm 60] [--steps 120] [--ground terrain]      prints the CriticalPath as JSON
 */
import { GROUND_MODELS, type GroundModelId } from '../../../server/src/data/terrain.js';
import { BenchArgs, orExit } from './args.js';
import { criticalPath } from './shard-critical-path.js';
import { benchAirspace, syntheticSession } from './synthetic-session.js';

const { aircraft, shards, warm, steps, ground } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['aircraft', 'shards', 'warm', 'steps', 'ground']);
  return {
    aircraft: args.number('aircraft', '20000', { integer: true, min: 2 }),
    shards: args.number('shards', '2', { integer: true, min: 1, max: 64 }),
    warm: args.number('warm', '60', { integer: true, min: 0 }),
    steps: args.number('steps', '120', { integer: true, min: 1 }),
    ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
  };
});

const airspace = benchAirspace(ground);
const { scenario, rulebook } = syntheticSession(aircraft);
process.stdout.write(`${JSON.stringify(await criticalPath(scenario, { rulebook, airspace }, shards, warm, steps))}\n`);
