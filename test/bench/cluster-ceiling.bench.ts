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
 *     [--steps 600] [--target 1.7] [--ground terrain|surface|sea-level] [--search 3] [--warm 60]
 */
import { availableParallelism } from 'node:os';
import { GROUND_MODELS, type GroundModelId } from '../../server/src/data/terrain.js';
import { BenchArgs, orExit } from './lib/args.js';
import { type CeilingRun, parallelCeiling } from './lib/parallel-ceiling.js';

const { sizes, steps, target, ground, search, warm } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['sizes', 'steps', 'target', 'ground', 'search', 'warm']);
  return {
    sizes: args.numbers('sizes', '10000,20000', { integer: true, min: 2 }),
    // 600 steps: the p99 is the 6th-slowest tick; over 120 it swung by a third from run to run
    steps: args.number('steps', '600', { integer: true, min: 1 }),
    target: args.number('target', '1.7', { min: 1 }),
    ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
    /** bisection steps for the aircraft 2 threads sustain */
    search: args.number('search', '3', { integer: true, min: 0 }),
    /** simulated seconds before measuring: past the flights' climb (cluster.bench.ts says why) */
    warm: args.number('warm', '60', { integer: true, min: 0 }),
  };
});
const opts = { ground, warm, steps };

const print = (r: CeilingRun, note = '') => {
  const each = Math.round(r.aircraft / r.threads);
  const what = r.alone
    ? `one of ${r.threads} strips alone (${each} aircraft, no other thread busy)`
    : `on ${r.threads} thread(s) (${each} each)`;
  process.stderr.write(
    `  ${String(r.aircraft).padStart(6)} aircraft ${what}: tick p50 ${r.tickP50Ms}  p99 ${r.tickP99Ms} ms${note}\n`,
  );
};

async function measured(aircraft: number, threads: number, alone = false): Promise<CeilingRun> {
  const r = await parallelCeiling(aircraft, threads, opts, alone);
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
  await whereTheTimeGoes(one, direct);
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

/**
 * The target's two obstacles, apart: one of the 2 strips of the target's sky run alone (its aircraft at the density
 * of all of them, no other thread busy) against one thread over the largest size, then both strips at once against
 * that strip alone. When one part alone already takes as long as the whole at the largest size, no split into 2
 * parts meets the target, however many cores run it.
 */
async function whereTheTimeGoes(one: CeilingRun, both: CeilingRun): Promise<void> {
  const strip = await measured(both.aircraft, 2, true);
  print(strip);
  const x = (a: number, b: number) => Math.round((100 * a) / b) / 100;
  const density = { p50: x(strip.tickP50Ms, one.tickP50Ms), p99: x(strip.tickP99Ms, one.tickP99Ms) };
  const together = { p50: x(both.tickP50Ms, strip.tickP50Ms), p99: x(both.tickP99Ms, strip.tickP99Ms) };
  const verdict =
    density.p50 >= 1
      ? `half of ${both.aircraft} aircraft at their density already takes as long as all ${one.aircraft} (p50): no split into 2 parts meets the ${target}x target, however many cores`
      : `the density leaves ${x(one.tickP50Ms, strip.tickP50Ms)}x of headroom (p50); the rest is this machine's threads slowing each other`;
  process.stderr.write(
    `  where the time goes (p50 | p99):\n` +
      `    the density: one strip alone takes ${density.p50}x | ${density.p99}x one thread over ${one.aircraft}\n` +
      `    both strips at once: ${together.p50}x | ${together.p99}x one strip alone (two busy threads on ${availableParallelism()} cores)\n` +
      `  -> ${verdict}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'cluster-ceiling-parts', aircraft: both.aircraft, oneThread: one.aircraft, density, together })}\n`,
  );
}

await main();
