/**
 * One thread of the parallel ceiling (parallel-ceiling.ts): its own scenario, airspace and single monitor, nothing
 * shared with the other threads but a step barrier. Each step it runs the kinematics (not timed), then the monitor
 * as the bench's `single` configuration times it (samples taken, Monitor.observe), and writes that time to the
 * shared results before waiting for the other threads to finish the same step.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioRun } from '../../../rules/src/sim/run.js';
import type { GroundModelId } from '../../../server/src/data/terrain.js';
import { benchAirspace, syntheticSession } from './synthetic-session.js';

export interface CeilingThreadData {
  aircraft: number;
  seed: number;
  /** the part of the sky this thread's aircraft fly in: [west, south, east, north] */
  bbox: [number, number, number, number];
  ground: GroundModelId;
  warm: number;
  steps: number;
  /** this thread's place among the threads */
  index: number;
  /** the threads stepped together */
  threads: number;
  /** [0]: steps finished by all threads together (the barrier) */
  barrier: SharedArrayBuffer;
  /** per measured step and thread, the monitor's ms */
  results: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('ceiling-thread.ts runs only as a worker thread');
const d = workerData as CeilingThreadData;
const airspace = benchAirspace(d.ground);
const { scenario, rulebook } = syntheticSession(d.aircraft, { seed: d.seed, bbox: d.bbox });
const run = new ScenarioRun(scenario, { rulebook, airspace, permissions: [], sharedEvaluators: true });
const barrier = new Int32Array(d.barrier);
const results = new Float64Array(d.results);

/** Wait until every thread has finished `step` steps (threads start each step together). */
function together(step: number): void {
  Atomics.add(barrier, 0, 1);
  Atomics.notify(barrier, 0);
  for (;;) {
    const done = Atomics.load(barrier, 0);
    if (done >= step * d.threads) return;
    Atomics.wait(barrier, 0, done);
  }
}

port.postMessage('loaded');
port.once('message', () => {
  for (let i = 0; i < d.warm + d.steps; i++) {
    for (const e of run.sim.step()) {
      if (e.type === 'zone-added') run.airspace.setPresent(e.zone.id, true);
      else if (e.type === 'zone-removed') run.airspace.setPresent(e.zoneId, false);
      else continue;
      run.monitor.airspaceChanged();
    }
    const t0 = performance.now();
    run.monitor.observe(run.samplesNow(), run.simTimeMs);
    const ms = performance.now() - t0;
    if (i >= d.warm) results[(i - d.warm) * d.threads + d.index] = ms;
    together(i + 1);
  }
  port.postMessage('done');
});
