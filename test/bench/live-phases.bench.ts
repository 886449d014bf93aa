/**
 * Where a live pass spends its time, without sockets: for N synthetic aircraft (default 10,000), after a simulated
 * warm-up (default 60 s: the synthetic flights climb through 300 ft together from 30 to 40 s, a wave of events a
 * sustained tick does not have; `--warm 30` measures as this bench did before the fifteenth session), the median and
 * worst of each phase over the next steps (ms):
 *   sim      kinematics of every aircraft (Simulation.step)
 *   monitor  rules, zones, conformance and separation (Monitor.observe)
 *   pack     the viewer states written into the binary block (ScenarioRun.packStates)
 * how many monitor events the steps produced, and how many times per step the rules were run for an aircraft
 * (with the engine's margins, and — for comparison, in the same run — with the monitor's fixed re-check steps).
 *   node --max-semi-space-size=64 --import tsx test/bench/live-phases.bench.ts [--aircraft 10000] [--steps 40]
 *     [--warm 60] [--ground terrain|surface|sea-level]   (default terrain, as `npm start` and live.bench.ts)
 */
import { StatePacker } from '../../rules/src/protocol/index.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { GROUND_MODELS, type GroundModelId } from '../../server/src/data/terrain.js';
import { BenchArgs, orExit } from './lib/args.js';
import { benchAirspace, syntheticSession } from './lib/synthetic-session.js';

const { n, steps, warm, ground } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['aircraft', 'steps', 'warm', 'ground']);
  return {
    n: args.number('aircraft', '10000', { integer: true, min: 1 }),
    steps: args.number('steps', '40', { integer: true, min: 1 }),
    warm: args.number('warm', '60', { integer: true, min: 0 }),
    ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
  };
});
const airspace = benchAirspace(ground);
const { scenario, rulebook } = syntheticSession(n);
/** A run whose evaluators count their checks. */
function countedRun(recheck?: { margins: boolean }) {
  const run = new ScenarioRun(scenario, { rulebook, airspace, permissions: [], sharedEvaluators: true, recheck });
  const counter = { checks: 0 };
  const wrapped = new Set<unknown>();
  for (const a of run.sim.aircraft) {
    const ev = run.monitor.evaluatorOf(a.flight.id);
    if (!ev || wrapped.has(ev)) continue;
    wrapped.add(ev);
    const check = ev.check.bind(ev);
    ev.check = (sample, margin) => {
      counter.checks++;
      return check(sample, margin);
    };
  }
  for (let i = 0; i < warm; i++) run.step();
  counter.checks = 0;
  return { run, counter };
}
const { run, counter } = countedRun();

const phases = { sim: [] as number[], monitor: [] as number[], pack: [] as number[] };
let events = 0;
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  run.sim.step();
  const t1 = performance.now();
  const samples = run.sim.aircraft.map((a) => run.sampleOf(a));
  const t2 = performance.now();
  events += run.monitor.observe(samples, run.sim.simTimeMs).length;
  const t3 = performance.now();
  const packer = new StatePacker(n);
  run.packStates(packer);
  packer.finish();
  const t4 = performance.now();
  phases.sim.push(t1 - t0);
  phases.monitor.push(t3 - t2);
  phases.pack.push(t4 - t3);
}
const checksPerStep = Math.round(counter.checks / steps);
const fixed = countedRun({ margins: false });
for (let i = 0; i < steps; i++) fixed.run.step();
const fixedChecksPerStep = Math.round(fixed.counter.checks / steps);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = Object.fromEntries(
  Object.entries(phases).map(([k, xs]) => [
    k,
    { medianMs: +median(xs).toFixed(1), maxMs: +Math.max(...xs).toFixed(1) },
  ]),
);
process.stdout.write(
  `${JSON.stringify({ bench: 'live-phases', ground, aircraft: n, warm, steps, rulebook: rulebook.id, events, checksPerStep, fixedChecksPerStep, ...row })}\n`,
);
