import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import { rulebookInForce } from '@sua-sandbox/rules/engine';
import { messageText } from '@sua-sandbox/rules/messages';
import type { Rulebook } from '@sua-sandbox/rules/model';
import type { Scenario } from '@sua-sandbox/rules/sim';
import {
  checkExpectations,
  HeadlessRun,
  type RunResult,
  renderRunReportHtml,
  ScenarioError,
} from '@sua-sandbox/rules/sim';
import type { Command } from 'commander';
import { loadCatalogue } from '../../data/airspace.js';
import { loadBuiltinPermissions } from '../../data/permissions.js';
import { loadBuiltinRulebooks, resolveRulebookRef } from '../../data/rulebooks.js';
import { loadScenarioFile, loadScenarios } from '../../data/scenarios.js';
import { loadTrafficParams } from '../../data/traffic.js';

interface RunOptions {
  rulebook?: string;
  speed: string;
  report?: string;
  seed?: string;
  expect?: boolean;
}

class InputError extends Error {}

function chooseScenario(ref: string): Scenario {
  if (existsSync(ref) && /\.ya?ml$/.test(ref)) return loadScenarioFile(ref);
  const all = loadScenarios();
  const s = all.find((x) => x.id === ref);
  if (!s) throw new InputError(`unknown scenario "${ref}"; known: ${all.map((x) => x.id).join(', ')}`);
  return s;
}

function chooseRulebook(ref: string | undefined, scenario: Scenario): Rulebook {
  const builtins = loadBuiltinRulebooks();
  const id = ref ?? scenario.rulebook;
  if (id) return resolveRulebookRef(id, builtins);
  const rb = rulebookInForce(builtins, scenario.start.slice(0, 10));
  if (!rb) throw new InputError(`no rulebook is in force on ${scenario.start.slice(0, 10)}`);
  return rb;
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / Math.max(1, total)) * 100)}%`;
}

/** The text summary printed on stdout: findings per flight. */
export function formatRunSummary(r: RunResult): string {
  const out = [`Scenario:  ${r.scenario.id} — ${r.scenario.title.en}`, `Rulebook:  ${r.rulebook}`, ''];
  for (const f of r.flights) {
    out.push(`${f.flight} (${f.label}) — ${f.outcome}, ${f.findings.length} finding(s)`);
    for (const x of f.findings)
      out.push(
        `  ${x.openedAt.slice(11, 19)}–${x.closedAt ? x.closedAt.slice(11, 19) : 'open    '} ${x.finding.effect.padEnd(19)} ${x.finding.ruleId}: ${messageText(x.finding, 'en', x.finding.message)}`,
      );
  }
  return out.join('\n');
}

export async function runCommand(ref: string, opts: RunOptions): Promise<{ result: RunResult; problems: string[] }> {
  let scenario = chooseScenario(ref);
  if (opts.seed !== undefined) {
    const seed = Number(opts.seed);
    if (!Number.isInteger(seed)) throw new InputError(`--seed: "${opts.seed}" is not an integer`);
    scenario = { ...scenario, seed };
  }
  const speed = opts.speed === 'max' ? Number.POSITIVE_INFINITY : Number(opts.speed);
  if (!(speed >= 0.25)) throw new InputError(`--speed: "${opts.speed}" must be "max" or a number ≥ 0.25`);
  if (opts.report && !/\.(json|html?)$/i.test(opts.report))
    throw new InputError(`--report: "${opts.report}" must end in .json or .html`);
  const rulebook = chooseRulebook(opts.rulebook, scenario);
  const cat = loadCatalogue();
  const airspace = buildZoneIndex(cat.zones, { version: cat.version });
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  // traffic params: flights declaring an operational intent are watched for conformance, as in live sessions
  const run = new HeadlessRun(scenario, {
    rulebook,
    airspace,
    permissions: loadBuiltinPermissions(),
    traffic: loadTrafficParams(),
  });
  while (run.step()) {
    const pct = Math.floor((run.steps / run.totalSteps) * 100);
    if (tty) process.stderr.write(`\r${progressBar(run.steps, run.totalSteps)}`);
    else if (pct >= lastPct + 10 || run.steps === run.totalSteps) {
      process.stderr.write(`${progressBar(run.steps, run.totalSteps)}\n`);
      lastPct = pct;
    }
    // A finite speed paces the run against the wall clock (×N real time); "max" runs flat out.
    if (Number.isFinite(speed)) await sleep(run.stepMs / speed);
  }
  if (tty) process.stderr.write('\n');
  const result = run.result();
  const problems = opts.expect ? checkExpectations(scenario, result) : [];
  return { result, problems };
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run a scenario in fast time and report findings per flight (exit 1 when any flight breaks a rule)')
    .argument('<scenario>', 'built-in scenario id or a scenario YAML file')
    .option(
      '--rulebook <id|file>',
      "rulebook id, rulebook file or draft file (default: the scenario's, else the one in force)",
    )
    .option('--speed <max|N>', 'simulation speed', 'max')
    .option('--report <file>', 'write a report: .json or .html (self-contained, print-friendly)')
    .option('--seed <n>', 'override the scenario seed')
    .option('--expect', "compare with the scenario's expected outcomes; exit 1 on a mismatch")
    .action(async (ref: string, opts: RunOptions) => {
      try {
        const { result, problems } = await runCommand(ref, opts);
        process.stdout.write(`${formatRunSummary(result)}\n`);
        if (opts.report) {
          const text = /\.json$/i.test(opts.report)
            ? `${JSON.stringify({ ...result, expectations: opts.expect ? { met: problems.length === 0, problems } : undefined }, null, 2)}\n`
            : renderRunReportHtml(result, problems, new Date());
          writeFileSync(opts.report, text);
          process.stderr.write(`report written to ${opts.report}\n`);
        }
        for (const p of problems) process.stderr.write(`expectation not met: ${p}\n`);
        const breaks = result.flights.some((f) => f.findings.some((x) => x.finding.effect !== 'advisory'));
        process.exitCode = problems.length > 0 || (!opts.expect && breaks) ? 1 : 0;
      } catch (err) {
        if (
          err instanceof InputError ||
          err instanceof ScenarioError ||
          (err instanceof Error && ['DataFileError', 'RulebookRefError', 'CatalogueError'].includes(err.name))
        ) {
          process.stderr.write(`error: ${(err as Error).message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
    });
}
