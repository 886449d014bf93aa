/**
 * Route evaluation speed: every example plan (scenarios/plans) plus generated variants of them, evaluated
 * with adaptive sampling (the default) and with the dense-sampling baseline (`sampling: 'dense'`, every
 * sample of the grid) in the same run. Prints per-plan times, plans/s and the ratio, then one JSON line.
 * Exits 1 when the two samplings ever give different reports.
 *   node --import tsx test/bench/evaluate.bench.ts [--generated 200] [--batches 5] [--min-ms 40]
 */
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { evaluate, rulebookInForce, type Sampling } from '../../rules/src/engine/index.js';
import type { Rulebook } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { readExamplePlans } from '../../server/src/services/corpus.js';
import { generatePlans } from '../server/plans.js';
import { BenchArgs, orExit } from './lib/args.js';

const { GENERATED, BATCHES, MIN_MS } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), ['generated', 'batches', 'min-ms']);
  return {
    GENERATED: args.number('generated', '200', { integer: true, min: 1 }),
    BATCHES: args.number('batches', '5', { integer: true, min: 1 }),
    MIN_MS: args.number('min-ms', '40', { min: 0 }),
  };
});

const catalogue = loadCatalogue();
const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
const rulebooks = loadBuiltinRulebooks();
const permissions = loadBuiltinPermissions();

interface Case {
  name: string;
  plan: unknown;
  rulebook: Rulebook;
}

function caseOf(name: string, plan: unknown): Case {
  const start = (plan as { start?: unknown }).start;
  const day = typeof start === 'string' ? start.slice(0, 10) : '';
  return { name, plan, rulebook: rulebookInForce(rulebooks, day) ?? rulebooks[rulebooks.length - 1] };
}

const examples = readExamplePlans().map((i) => caseOf(i.key.replace(/\.(json|ya?ml)$/, ''), i.plan));
const generated = generatePlans(GENERATED, 7).map((p, i) => caseOf(`generated ${i}`, p));

const run = (c: Case, sampling: Sampling) =>
  evaluate(c.plan as Parameters<typeof evaluate>[0], { rulebook: c.rulebook, airspace, permissions, sampling });

/** Milliseconds per evaluation: the best of `BATCHES` batches (robust against other load on the machine). */
function msPerPlan(c: Case, sampling: Sampling): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) run(c, sampling);
    if (performance.now() - t0 >= MIN_MS / 4 || reps >= 4096) break;
    reps *= 2;
  }
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) run(c, sampling);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

/** Plans per second over a whole set, best of `BATCHES` passes. */
function plansPerSec(cases: readonly Case[], sampling: Sampling): number {
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < BATCHES; b++) {
    const t0 = performance.now();
    for (const c of cases) run(c, sampling);
    best = Math.min(best, performance.now() - t0);
  }
  return (cases.length / best) * 1000;
}

let mismatches = 0;
for (const c of [...examples, ...generated])
  if (JSON.stringify(run(c, 'adaptive')) !== JSON.stringify(run(c, 'dense'))) {
    mismatches++;
    process.stderr.write(`different reports for ${c.name}\n`);
  }

// Warm up both paths before timing.
plansPerSec(examples, 'dense');
plansPerSec(examples, 'adaptive');

const fmt = (x: number, w = 9) => x.toFixed(2).padStart(w);
process.stdout.write(
  `${'plan'.padEnd(40)}${'dense ms'.padStart(10)}${'adaptive ms'.padStart(13)}${'ratio'.padStart(8)}\n`,
);
const perPlan = examples.map((c) => {
  const dense = msPerPlan(c, 'dense');
  const adaptive = msPerPlan(c, 'adaptive');
  process.stdout.write(`${c.name.padEnd(40)}${fmt(dense, 10)}${fmt(adaptive, 13)}${fmt(dense / adaptive, 8)}\n`);
  return { plan: c.name, denseMs: Number(dense.toFixed(3)), adaptiveMs: Number(adaptive.toFixed(3)) };
});

const sets = [
  { name: 'examples', cases: examples },
  { name: `generated (${generated.length})`, cases: generated },
];
const throughput = sets.map(({ name, cases }) => {
  const dense = plansPerSec(cases, 'dense');
  const adaptive = plansPerSec(cases, 'adaptive');
  process.stdout.write(
    `${name.padEnd(40)}${dense.toFixed(0).padStart(10)} plans/s dense ${adaptive.toFixed(0).padStart(7)} plans/s adaptive  ratio ${(adaptive / dense).toFixed(2)}\n`,
  );
  return { set: name, densePerSec: Math.round(dense), adaptivePerSec: Math.round(adaptive), ratio: adaptive / dense };
});

process.stdout.write(`${JSON.stringify({ bench: 'evaluate', mismatches, perPlan, throughput })}\n`);
if (mismatches > 0) process.exitCode = 1;
