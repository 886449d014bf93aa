import type { Finding } from '../model/report.js';
import { isoAt } from './compile.js';
import type { Outcome } from './kinematics.js';
import { ScenarioRun, type ScenarioRunOptions } from './run.js';
import type { Scenario } from './scenario.js';

export interface FlightFinding {
  key: string;
  openedAt: string;
  closedAt: string | null;
  finding: Finding;
}

export interface FlightResult {
  flight: string;
  label: string;
  outcome: Outcome;
  findings: FlightFinding[];
  zoneEntries: { zone: string; at: string }[];
}

export interface RunResult {
  scenario: { id: string; title: Scenario['title']; start: string; durationS: number; seed: number };
  rulebook: string;
  steps: number;
  flights: FlightResult[];
}

/** A scenario run that collects findings per flight; step it yourself (paced) or use `runScenario`. */
export class HeadlessRun {
  private readonly run: ScenarioRun;
  private readonly byFlight: Map<string, FlightResult>;
  private readonly openIdx = new Map<string, FlightFinding>();
  private readonly offset: string;
  steps = 0;
  readonly totalSteps: number;

  constructor(
    private readonly scenario: Scenario,
    opts: ScenarioRunOptions,
  ) {
    this.run = new ScenarioRun(scenario, opts);
    this.offset = this.run.compiled.utcOffset;
    this.byFlight = new Map(
      this.run.sim.aircraft.map((a) => [
        a.flight.id,
        { flight: a.flight.id, label: a.flight.label, outcome: 'pending' as Outcome, findings: [], zoneEntries: [] },
      ]),
    );
    this.totalSteps = Math.ceil(this.run.compiled.durationMs / this.run.sim.stepMs);
  }

  get done(): boolean {
    return this.run.done;
  }

  get stepMs(): number {
    return this.run.sim.stepMs;
  }

  /** One step; false once the scenario has ended. */
  step(): boolean {
    if (this.run.done) return false;
    const { monitor } = this.run.step();
    this.steps++;
    for (const e of monitor) {
      const f = this.byFlight.get(e.aircraftId);
      if (!f) continue;
      const at = isoAt(e.tMs, this.offset);
      const k = `${e.aircraftId}|${'key' in e ? e.key : ''}`;
      if (e.type === 'enter') f.zoneEntries.push({ zone: e.zoneId, at });
      else if (e.type === 'opened') {
        const ff = { key: e.key, openedAt: at, closedAt: null, finding: e.finding };
        f.findings.push(ff);
        this.openIdx.set(k, ff);
      } else if (e.type === 'closed') {
        const ff = this.openIdx.get(k);
        if (ff) ff.closedAt = at;
        this.openIdx.delete(k);
      }
    }
    return true;
  }

  result(): RunResult {
    for (const a of this.run.sim.aircraft) {
      const f = this.byFlight.get(a.flight.id);
      if (f)
        f.outcome =
          a.nav.outcome === 'pending' ? (a.nav.phase === 'scheduled' ? 'pending' : 'airborne') : a.nav.outcome;
    }
    const rb = this.run.monitor.currentRulebook;
    const s = this.scenario;
    return {
      scenario: { id: s.id, title: s.title, start: s.start, durationS: s.durationS, seed: s.seed },
      rulebook: `${rb.id}@${rb.version}`,
      steps: this.steps,
      flights: [...this.byFlight.values()],
    };
  }
}

/**
 * Run a scenario flat out (no clock) to its end and collect findings per flight.
 * `onProgress(done, total)` is called every step (the CLI draws a progress bar with it).
 */
export function runScenario(
  scenario: Scenario,
  opts: ScenarioRunOptions,
  onProgress?: (done: number, total: number) => void,
): RunResult {
  const run = new HeadlessRun(scenario, opts);
  while (run.step()) onProgress?.(run.steps, run.totalSteps);
  return run.result();
}

function countOk(n: number, e: { count?: number; min?: number; max?: number }): boolean {
  if (e.count !== undefined && n !== e.count) return false;
  if (e.min !== undefined && n < e.min) return false;
  if (e.max !== undefined && n > e.max) return false;
  // With no bound at all, "expected" means at least one.
  if (e.count === undefined && e.min === undefined && e.max === undefined) return n >= 1;
  return true;
}

function bounds(e: { count?: number; min?: number; max?: number }): string {
  if (e.count !== undefined) return `exactly ${e.count}`;
  const parts = [e.min !== undefined ? `≥ ${e.min}` : '', e.max !== undefined ? `≤ ${e.max}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : '≥ 1';
}

/** Compare a run with the scenario's expected outcomes; returns one line per mismatch (empty: all met). */
export function checkExpectations(scenario: Scenario, result: RunResult): string[] {
  const problems: string[] = [];
  const exp = scenario.expect;
  const flights = new Map(result.flights.map((f) => [f.flight, f]));
  const count = (flight: string, ruleId: string) =>
    flights.get(flight)?.findings.filter((x) => x.finding.ruleId === ruleId).length ?? 0;
  for (const e of exp.findings) {
    const n = count(e.flight, e.ruleId);
    if (!countOk(n, e)) problems.push(`${e.flight}: ${e.ruleId} opened ${n} time(s), expected ${bounds(e)}`);
  }
  if (exp.exhaustive)
    for (const f of result.flights)
      for (const ruleId of new Set(f.findings.map((x) => x.finding.ruleId)))
        if (!exp.findings.some((e) => e.flight === f.flight && e.ruleId === ruleId))
          problems.push(`${f.flight}: unexpected ${ruleId} (opened ${count(f.flight, ruleId)} time(s))`);
  for (const e of exp.zoneEntries) {
    const n = flights.get(e.flight)?.zoneEntries.filter((z) => z.zone === e.zone).length ?? 0;
    if (!countOk(n, e)) problems.push(`${e.flight}: entered ${e.zone} ${n} time(s), expected ${bounds(e)}`);
  }
  for (const e of exp.outcomes) {
    const got = flights.get(e.flight)?.outcome;
    if (got !== e.outcome) problems.push(`${e.flight}: outcome ${got}, expected ${e.outcome}`);
  }
  return problems;
}
