/**
 * `npm run bench:cluster`, third part: this machine's parallel ceiling for the live monitor (lib/parallel-ceiling):
 * k threads, each an independent single monitor over N/k aircraft of its own in one k-th of the sky (the density of
 * the N-aircraft session), stepped together, a tick as long as the slowest thread. It is what a k-way split of one
 * session's monitor by space could at best do here (no coordinator, no halo, no hand-over, no events crossing
 * threads), so it tells how much of a shortfall is this machine's and how much is the sharding's. Prints, for each
 * size, 1 and 2 threads' tick p50/p99; then 2 threads at `target` × the largest size against 1 thread at the
 * largest; then the most aircraft 2 threads sustain at 1 thread's p99 (bisection over measured runs, `search`
 * halvings of the interval).
 *   node --max-semi-space-size=64 --import tsx test/bench/cluster-ceiling.bench.ts [--sizes 10000,20000]
 *     [--steps 600] [--target 1.7] [--ground terrain|surface|sea-level] [--search 3]
 */
import { availableParallelism } from 'node:os';
import { GROUND_MODELS, type GroundModelId } from '../../server/src/data/terrain.js';
import { BenchArgs, orExit } from './lib/args.js';
import { type CeilingRun, parallelCeiling } from './lib/parallel-ceiling.js';

const { sizes, steps, target, ground, search } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['sizes', 'steps', 'target', 'ground', 'search']);
  return {
    sizes: args.numbers('sizes', '10000,20000', { integer: true, min: 2 }),
    // 600 steps: the p99 is the 6th-slowest tick; over 120 it swung by a third from run to run
    steps: args.number('steps', '600', { integer: true, min: 1 }),
    target: args.number('target', '1.7', { min: 1 }),
    ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
    /** bisection steps for the aircraft 2 threads sustain */
    search: args.number('search', '3', { integer: true, min: 0 }),
  };
});
const opts = { ground, warm: 30, steps };

const print = (r: CeilingRun, note = '') =>
  process.stderr.write(
    `  ${String(r.aircraft).padStart(6)} aircraft on ${r.threads} thread(s) (${Math.round(r.aircraft / r.threads)} each): tick p50 ${r.tickP50Ms}  p99 ${r.tickP99Ms} ms${note}\n`,
  );

async function measured(aircraft: number, threads: number): Promise<CeilingRun> {
  const r = await parallelCeiling(aircraft, threads, opts);
  process.stdout.write(`${JSON.stringify({ bench: 'cluster-ceiling', ...r })}\n`);
  return r;
}

async function main(): Promise<void> {
  process.stderr.write(
    `\nparallel ceiling (${availableParallelism()} cores): independent single monitors, one per thread and strip of the sky, stepped together\n`,
  );
  const runs: CeilingRun[] = [];
  for (const n of sizes)
    for (const k of [1, 2]) {
      runs.push(await measured(n, k));
      print(runs[runs.length - 1]);
    }
  const largest = Math.max(...sizes);
  const one = runs.find((r) => r.threads === 1 && r.aircraft === largest);
  if (!one) return;
  const direct = await measured(Math.round(target * largest), 2);
  const meets = direct.tickP99Ms <= one.tickP99Ms;
  print(
    direct,
    ` -> ${meets ? 'within' : 'over'} 1 thread's p99 at ${largest} (${one.tickP99Ms} ms): the ${target}x target is ${meets ? 'within' : 'beyond'} this machine's ceiling (this run)`,
  );
  // the most aircraft 2 threads sustain at that p99: bisection between the largest size and the target
  const twoAtLargest = runs.find((r) => r.threads === 2 && r.aircraft === largest);
  const within = (r: CeilingRun | undefined) => r !== undefined && r.tickP99Ms <= one.tickP99Ms;
  let lo = meets ? direct.aircraft : within(twoAtLargest) ? largest : Math.round(largest / 2);
  let hi = meets ? Math.round(direct.aircraft * 1.25) : within(twoAtLargest) ? direct.aircraft : largest;
  for (let i = 0; i < search; i++) {
    const mid = Math.round((lo + hi) / 2);
    const r = await measured(mid, 2);
    print(r);
    if (r.tickP99Ms <= one.tickP99Ms) lo = mid;
    else hi = mid;
  }
  process.stderr.write(
    `  2 threads sustain about ${lo} aircraft at ${one.tickP99Ms} ms p99: ${(lo / largest).toFixed(2)}x one thread (the 2-shard target is ${target}x)\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'cluster-ceiling-capacity', budgetMs: one.tickP99Ms, oneThread: largest, twoThreads: lo, ratio: lo / largest, target })}\n`,
  );
}

await main();
