import { createHash } from 'node:crypto';
import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { ScenarioRunSummary } from '@sua-sandbox/rules/api';
import type { Permission, Rulebook } from '@sua-sandbox/rules/model';
import { type Scenario, ScenarioRun } from '@sua-sandbox/rules/sim';
import type { TrafficParams } from '@sua-sandbox/rules/traffic';

/** One scenario of a batch as plain data (it is structured-cloned to a worker thread). */
export interface ScenarioRunInput {
  /** the scenario with the batch's seed already applied */
  scenario: Scenario;
  rulebook: Rulebook;
  permissions: Permission[];
  /** flights declaring an operational intent are watched for conformance, as in live sessions and the CLI */
  traffic: TrafficParams;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Keys in a fixed order, so two equal summaries are equal JSON texts too. */
const sorted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Runs a scenario flat out to its end (as `sua-sandbox run --speed max`) and summarises it: findings opened per
 * rule and per effect, flights per outcome, and the sha-256 of the monitor's event stream. Deterministic: the
 * same inputs give the same summary in any process. Yields every `sliceMs` so that on the calling thread (the
 * in-process pool) a run does not hold the event loop.
 */
export async function runScenarioToEnd(
  input: ScenarioRunInput,
  airspace: ZoneIndex,
  opts: { sliceMs?: number } = {},
): Promise<ScenarioRunSummary> {
  const sliceMs = opts.sliceMs ?? 15;
  const { scenario, rulebook } = input;
  const run = new ScenarioRun(scenario, {
    rulebook,
    airspace,
    permissions: input.permissions,
    traffic: input.traffic,
  });
  const flights = new Set(run.sim.aircraft.map((a) => a.flight.id));
  const hash = createHash('sha256');
  const byRule: Record<string, number> = {};
  const byEffect: Record<string, number> = {};
  let events = 0;
  let findings = 0;
  let steps = 0;
  let sliceStart = performance.now();
  while (!run.done) {
    const { monitor } = run.step();
    steps++;
    for (const e of monitor) {
      hash.update(`${JSON.stringify(e)}\n`);
      events++;
      // findings of simulated flights, as the CLI's per-flight report counts them
      if (e.type !== 'opened' || !flights.has(e.aircraftId)) continue;
      findings++;
      bump(byRule, e.finding.ruleId);
      bump(byEffect, e.finding.effect);
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  const byOutcome: Record<string, number> = {};
  for (const a of run.sim.aircraft)
    bump(byOutcome, a.nav.outcome !== 'pending' ? a.nav.outcome : a.nav.phase === 'scheduled' ? 'pending' : 'airborne');
  const rb = run.monitor.currentRulebook;
  return {
    scenario: scenario.id,
    seed: scenario.seed,
    rulebook: `${rb.id}@${rb.version}`,
    steps,
    simulatedMs: run.simTimeMs,
    flights: { total: run.sim.aircraft.length, byOutcome: sorted(byOutcome) },
    findings: { total: findings, byRule: sorted(byRule), byEffect: sorted(byEffect) },
    events,
    eventsSha256: hash.digest('hex'),
  };
}
