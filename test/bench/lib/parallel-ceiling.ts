/**
 * The parallel ceiling of this machine for the live monitor: k threads, each with its own independent scenario of
 * N/k aircraft (its own seed) in its own strip of the sky (one k-th of synthetic traffic's default sky, by longitude:
 * the density of one N-aircraft session, as a shard over that strip sees it), its own airspace and its own single
 * monitor, stepped together (a barrier per step); a tick takes as long as the slowest thread's monitor. No
 * coordinator, no halo, no hand-over, no events crossing threads: the best a k-way split of the monitor by space
 * could do here. Where it falls short of a target, so does every sharded design on this machine.
 */
import { Worker } from 'node:worker_threads';
import { HONG_KONG_SKY } from '../../../rules/src/sim/traffic.js';
import type { GroundModelId } from '../../../server/src/data/terrain.js';
import type { CeilingThreadData } from './ceiling-thread.js';

const ENTRY = new URL('./ceiling-entry.mjs', import.meta.url);

export interface CeilingRun {
  /** the strips the sky and the aircraft are cut into, one per thread */
  threads: number;
  /** all threads' aircraft */
  aircraft: number;
  /** only the first strip's thread ran (alone on the machine): what one part costs without the others */
  alone: boolean;
  tickP50Ms: number;
  tickP99Ms: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export async function parallelCeiling(
  aircraft: number,
  threads: number,
  opts: { ground: GroundModelId; warm: number; steps: number },
  /** run only the first strip's thread: its aircraft, at the density of all of them, with no other thread busy */
  alone = false,
): Promise<CeilingRun> {
  const running = alone ? 1 : threads;
  const barrier = new SharedArrayBuffer(4);
  const results = new SharedArrayBuffer(8 * opts.steps * running);
  const [west, south, east, north] = HONG_KONG_SKY;
  const width = (east - west) / threads;
  const workers = Array.from({ length: running }, (_, index) => {
    const data: CeilingThreadData = {
      bbox: [west + index * width, south, west + (index + 1) * width, north],
      aircraft: Math.round(aircraft / threads),
      seed: 2026 + index,
      ground: opts.ground,
      warm: opts.warm,
      steps: opts.steps,
      index,
      threads: running,
      barrier,
      results,
    };
    return new Worker(ENTRY, { workerData: data });
  });
  const next = () =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', () => resolve());
            w.once('error', reject);
          }),
      ),
    );
  try {
    await next();
    const done = next();
    for (const w of workers) w.postMessage('go');
    await done;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const per = new Float64Array(results);
  const ticks = Array.from({ length: opts.steps }, (_, i) => Math.max(...per.subarray(i * running, (i + 1) * running)));
  ticks.sort((a, b) => a - b);
  const q = (p: number) => r1(ticks[Math.min(ticks.length - 1, Math.floor(p * ticks.length))]);
  return { threads, aircraft, alone, tickP50Ms: q(0.5), tickP99Ms: q(0.99) };
}
