import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importZones } from '../../../../rules/src/airspace/formats/index.js';
import { buildZoneIndex } from '../../../../rules/src/airspace/index.js';
import { formatIssue, formatQuantity } from '../../../../rules/src/engine/index.js';
import type { Finding, Provision, Report, Rulebook, Zone } from '../../../../rules/src/model/index.js';
import { loadCatalogue } from '../../data/airspace.js';
import { loadBuiltinPermissions } from '../../data/permissions.js';
import { loadBuiltinRulebooks, resolveRulebookRef } from '../../data/rulebooks.js';
import { type CheckIssue, type CheckOutcome, checkPlan } from '../../services/check.js';

/** Thrown for anything wrong with the command's input; printed as one message, exit code 2. */
export class InputError extends Error {}

interface CheckOptions {
  rulebook?: string;
  asOf?: string;
  zones?: string;
  json?: boolean;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

/** The options' own problems, before the plan is looked at (as the API validates its envelope). */
function checkOptions(opts: CheckOptions): void {
  if (opts.rulebook && opts.asOf) throw new InputError('give either --rulebook or --as-of, not both');
  const date = opts.asOf;
  if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))))
    throw new InputError(`--as-of: "${date}" is not a date (YYYY-MM-DD)`);
}

/** Extra zones for `--zones`: any format the zone importers read (GeoJSON, ED-269, ED-318, CAD Drone Map). */
function readExtraZones(file: string): { zones: Zone[]; warnings: string[] } {
  try {
    return importZones(readJson(file, 'zone file'), 'auto');
  } catch (err) {
    if (err instanceof Error && err.name === 'ZoneFormatError') throw new InputError(`--zones ${file}: ${err.message}`);
    throw err;
  }
}

/** checkPlan's issue paths are relative to its input (`plan.route…`, `zones.0…`); the CLI names file fields. */
function issueLines(issues: readonly CheckIssue[], opts: CheckOptions): string {
  return issues
    .map((i) => {
      const [head, ...rest] = i.path;
      if (head === 'plan') return `  ${formatIssue({ path: rest, message: i.message })}`;
      if (head === 'zones') return `  --zones ${opts.zones}: ${formatIssue({ path: rest, message: i.message })}`;
      return `  ${formatIssue(i)}`;
    })
    .join('\n');
}

function failure(
  planFile: string,
  outcome: Extract<CheckOutcome, { ok: false }>,
  opts: CheckOptions,
  rulebooks: readonly Rulebook[],
): InputError {
  if (outcome.kind === 'invalid')
    return new InputError(`${planFile}: invalid flight plan\n${issueLines(outcome.issues, opts)}`);
  if (outcome.kind === 'no-rulebook-in-force')
    return new InputError(`${outcome.message} (the first commenced ${rulebooks[0]?.commencement})`);
  return new InputError(outcome.issues[0]?.message ?? outcome.message);
}

/**
 * `check` through the same code path as `POST /api/check` (services/check.ts `checkPlan`): the built-in
 * rulebooks, catalogue and permissions; `--zones` are the request's extra zones.
 */
export async function runCheck(
  planFile: string,
  opts: CheckOptions,
): Promise<{ report: Report; exitCode: number; warnings: string[] }> {
  const plan = readJson(planFile, 'flight plan');
  checkOptions(opts);
  const extra: { zones: Zone[]; warnings: string[] } = opts.zones
    ? readExtraZones(opts.zones)
    : { zones: [], warnings: [] };
  const rulebooks = loadBuiltinRulebooks();
  const catalogue = loadCatalogue();
  const outcome = await checkPlan(
    { plan, rulebook: opts.rulebook, asOf: opts.asOf, zones: opts.zones ? extra.zones : undefined },
    {
      rulebooks,
      // Not a built-in id: a rulebook or draft file (unknown ids throw RulebookRefError, listing the known ones).
      resolveRulebook: async (ref) => {
        try {
          return resolveRulebookRef(ref, rulebooks);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (typeof code === 'string') throw new InputError(`--rulebook: cannot read ${ref}: ${code}`);
          throw err;
        }
      },
      airspace: buildZoneIndex(catalogue.zones, { version: catalogue.version }),
      permissions: loadBuiltinPermissions(),
    },
  );
  if (!outcome.ok) throw failure(planFile, outcome, opts, rulebooks);
  const { report } = outcome;
  return { report, exitCode: report.verdict === 'compliant' ? 0 : 1, warnings: extra.warnings };
}

function cite(p: Provision): string {
  const where = p.section ?? p.document ?? '';
  return `${p.instrument}${where ? ` ${where}` : ''}${p.secondary ? ' [secondary]' : ''} <${p.url}>`;
}

const MARK: Record<Finding['effect'], string> = { prohibited: 'x', 'requires-permission': '!', advisory: 'i' };

function formatFinding(f: Finding): string[] {
  const lines = [`  ${f.covered ? '~' : MARK[f.effect]} ${f.effect.padEnd(19)} ${f.ruleId}: ${f.message.en}`];
  if (f.covered) lines.push(`      covered by permission ${f.covered.permissionId}`);
  if (f.where) {
    const [lon, lat, alt] = f.where.position;
    lines.push(`      at leg ${f.where.leg}, ${lat.toFixed(5)}N ${lon.toFixed(5)}E, ${alt} m AMSL, ${f.where.time}`);
  }
  if (f.measured || f.limit)
    lines.push(
      `      measured ${f.measured ? formatQuantity(f.measured) : '-'}; limit ${f.limit ? formatQuantity(f.limit) : '-'}`,
    );
  lines.push(`      ${cite(f.provision)}`);
  return lines;
}

export function formatReport(planFile: string, r: Report): string {
  const out = [
    `Plan:      ${planFile}`,
    `Rulebook:  ${r.rulebook.id} v${r.rulebook.version} — ${r.rulebook.title}`,
    `Category:  ${r.category}${r.column && r.column !== r.category ? ` (column ${r.column})` : ''}; ${r.operation} operation`,
    `Verdict:   ${r.verdict.toUpperCase()}`,
    '',
    `Findings (${r.findings.length})  [x prohibited, ! needs permission, i advisory, ~ covered by a permission]`,
  ];
  if (r.findings.length === 0) out.push('  none');
  for (const f of r.findings) out.push(...formatFinding(f));
  if (r.permissionsRequired.length) {
    out.push('', 'CAD permission required for:');
    for (const p of r.permissionsRequired) out.push(`  - ${p.trigger}: ${p.message.en} (${p.ruleIds.join(', ')})`);
  }
  out.push('', 'Assumptions:');
  for (const a of r.assumptions) out.push(`  - ${a.en}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('check')
    .description('check a flight plan against a rulebook (exit 0 compliant, 1 not compliant, 2 bad input)')
    .argument('<plan>', 'flight plan JSON file')
    .option(
      '--rulebook <id>',
      'rulebook id, rulebook file or draft file (default: the one in force on the flight date)',
    )
    .option('--as-of <date>', 'use the rulebook in force on this date (YYYY-MM-DD)')
    .option('--zones <file>', 'extra zones (GeoJSON, ED-269, ED-318 or CAD Drone Map export)')
    .option('--json', 'print the report as JSON')
    .action(async (planFile: string, opts: CheckOptions) => {
      try {
        const { report, exitCode, warnings } = await runCheck(planFile, opts);
        for (const w of warnings) process.stderr.write(`warning: --zones: ${w}\n`);
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatReport(planFile, report)}\n`);
        process.exitCode = exitCode;
      } catch (err) {
        if (!isInputError(err)) throw err;
        process.stderr.write(`error: ${(err as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}

/** Input problems: our own, and the data-file and zone-format errors of the loaders. */
function isInputError(err: unknown): boolean {
  return (
    err instanceof InputError ||
    (err instanceof Error &&
      ['DataFileError', 'RulebookRefError', 'ZoneFormatError', 'CatalogueError'].includes(err.name))
  );
}
