import { readFileSync } from 'node:fs';
import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import { formatIssue, formatQuantity, legNumber } from '@sua-sandbox/rules/engine';
import { importZones } from '@sua-sandbox/rules/formats';
import { messageText } from '@sua-sandbox/rules/messages';
import type { Finding, Provision, Quantity, Report, Rulebook, Zone } from '@sua-sandbox/rules/model';
import type { Command } from 'commander';
import { loadCatalogue } from '../../data/airspace.js';
import { loadBuiltinPermissions } from '../../data/permissions.js';
import { loadBuiltinRulebooks, resolveRulebookRef } from '../../data/rulebooks.js';
import { GROUND_MODELS, type GroundModelId, loadGroundModel } from '../../data/terrain.js';
import { type CheckIssue, type CheckOutcome, checkPlan } from '../../services/check.js';
import { fileProblem } from '../file-errors.js';
import { InputError, type PlanInputOptions, qgcFenceAsZones, readPlanInput } from '../plan-input.js';

export { InputError };

interface CheckOptions extends PlanInputOptions {
  rulebook?: string;
  asOf?: string;
  zones?: string;
  json?: boolean;
  /** Ground model for heights above ground: terrain (default), surface or sea-level. */
  ground?: string;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${what} ${file}: ${fileProblem(err)}`);
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
  if (opts.ground !== undefined && !(GROUND_MODELS as readonly string[]).includes(opts.ground))
    throw new InputError(`--ground: "${opts.ground}" is not one of ${GROUND_MODELS.join(', ')}`);
}

/** Extra zones for `--zones`: any format the zone importers read (GeoJSON, ED-269, ED-318, CAD Drone Map). */
function readExtraZones(file: string): { zones: Zone[]; warnings: string[] } {
  try {
    const data = readJson(file, 'zone file');
    return qgcFenceAsZones(data, file) ?? importZones(data, 'auto');
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
): Promise<{ report: Report; exitCode: number; warnings: string[]; imported?: ImportedInput }> {
  const input = readPlanInput(planFile, opts);
  const plan = input.plan;
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
          if (typeof code === 'string') throw new InputError(`--rulebook: cannot read ${ref}: ${fileProblem(err)}`);
          throw err;
        }
      },
      airspace: buildZoneIndex(catalogue.zones, {
        version: catalogue.version,
        elevation: loadGroundModel((opts.ground ?? 'terrain') as GroundModelId),
      }),
      permissions: loadBuiltinPermissions(),
    },
  );
  if (!outcome.ok) throw failure(planFile, outcome, opts, rulebooks);
  const { report } = outcome;
  const imported = input.kind === 'route' ? { format: input.format, warnings: input.warnings } : undefined;
  return { report, exitCode: exitCodeOf(report), warnings: extra.warnings, imported };
}

/** The exit status follows the verdict alone: 0 compliant, 1 anything else (2, bad input, is thrown). */
export function exitCodeOf(report: Pick<Report, 'verdict'>): 0 | 1 {
  return report.verdict === 'compliant' ? 0 : 1;
}

function cite(p: Provision): string {
  const where = p.section ?? p.document ?? '';
  return `${p.instrument}${where ? ` ${where}` : ''}${p.secondary ? ' [secondary]' : ''} <${p.url}>`;
}

const MARK: Record<Finding['effect'], string> = { prohibited: 'x', 'requires-permission': '!', advisory: 'i' };

/** A height as people write it: both references when the ground is known ("60 m AGL · 703 m AMSL"). */
export function formatHeights(altAmslM: number, groundM: number | undefined): string {
  const amsl = `${whole(altAmslM)} m AMSL`;
  if (groundM === undefined) return amsl;
  return `${whole(altAmslM - groundM)} m AGL · ${amsl} (ground ${whole(groundM)} m)`;
}

/** Whole metres with thousands separators; `|| 0` because -0.3 rounds to -0, which prints as "-0". */
const whole = (m: number) => (Math.round(m) || 0).toLocaleString('en-US');

/** Heights and lengths in whole units (no "2559.06 ft"), one decimal where whole units would hide the excess. */
export function formatMeasured(q: Quantity, limit?: Quantity): string {
  if (!/^(ft|m)\b/.test(q.unit)) return formatQuantity(q);
  let value = Math.round(q.value);
  if (limit && limit.unit === q.unit && value === limit.value && q.value !== limit.value)
    value = Math.round(q.value * 10) / 10;
  return formatQuantity({ value, unit: q.unit });
}

function formatFinding(f: Finding): string[] {
  const lines = [
    `  ${f.covered ? '~' : MARK[f.effect]} ${f.effect.padEnd(19)} ${f.ruleId}: ${messageText(f, 'en', f.message)}`,
  ];
  if (f.covered) lines.push(`      covered by permission ${f.covered.permissionId}`);
  if (f.where) {
    const [lon, lat, alt] = f.where.position;
    const at = `${lat.toFixed(5)}N ${lon.toFixed(5)}E, ${formatHeights(alt, f.where.groundM)}`;
    // legs numbered from 1, as the messages and the client say them (the JSON keeps 0-based indices)
    const legs = f.where.legs;
    if (legs && legs.last > legs.first)
      lines.push(
        `      over legs ${legNumber(legs.first)}–${legNumber(legs.last)}${f.measured ? `, worst ${formatMeasured(f.measured, f.limit)}` : ''}`,
      );
    lines.push(`      at leg ${legNumber(f.where.leg)}, ${at}, ${f.where.time}`);
    const w = f.where.worst;
    if (w)
      lines.push(
        `      worst at leg ${legNumber(w.leg)}, ${w.position[1].toFixed(5)}N ${w.position[0].toFixed(5)}E, ${formatHeights(w.position[2], w.groundM)}`,
      );
  }
  if (f.measured || f.limit)
    lines.push(
      `      measured ${f.measured ? formatMeasured(f.measured, f.limit) : '-'}; limit ${f.limit ? formatQuantity(f.limit) : '-'}`,
    );
  lines.push(`      ${cite(f.provision)}`);
  return lines;
}

const JURISDICTION_TEXT: Record<NonNullable<Report['jurisdiction']>, string> = {
  inside: 'inside the HKSAR',
  crossing: 'crosses the HKSAR boundary',
  outside: 'wholly outside the HKSAR (Cap. 448G does not apply)',
  unknown: 'HKSAR boundary unknown (no boundary zone in the airspace used)',
};

export function formatReport(planFile: string, r: Report): string {
  const out = [
    `Plan:      ${planFile}`,
    `Rulebook:  ${r.rulebook.id} v${r.rulebook.version} — ${r.rulebook.title}`,
    `Category:  ${r.category}${r.column && r.column !== r.category ? ` (column ${r.column})` : ''}; ${r.operation} operation`,
    `Verdict:   ${r.verdict.toUpperCase()}`,
    ...(r.jurisdiction ? [`Route:     ${JURISDICTION_TEXT[r.jurisdiction]}`] : []),
    '',
    `Findings (${r.findings.length})  [x prohibited, ! needs permission, i advisory, ~ covered by a permission]`,
  ];
  if (r.findings.length === 0) out.push('  none');
  for (const f of r.findings) out.push(...formatFinding(f));
  if (r.permissionsRequired.length) {
    out.push('', 'CAD permission required for:');
    for (const p of r.permissionsRequired)
      out.push(`  - ${p.trigger}: ${messageText(p, 'en', p.message)} (${p.ruleIds.join(', ')})`);
  }
  out.push('', 'Assumptions:');
  for (const a of r.assumptions) out.push(`  - ${messageText(a, 'en', a)}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('check')
    .description('check a flight plan against a rulebook (exit 0 compliant, 1 not compliant, 2 bad input)')
    .argument('<plan>', 'flight plan JSON, or a route file (QGC .plan, KML/KMZ, GPX, GeoJSON) with --profile')
    .option(
      '--rulebook <id>',
      'rulebook id, rulebook file or draft file (default: the one in force on the flight date)',
    )
    .option('--as-of <date>', 'use the rulebook in force on this date (YYYY-MM-DD)')
    .option('--zones <file>', "extra zones (GeoJSON, ED-269, ED-318, CAD Drone Map export, or a QGC plan's geofence)")
    .option('--json', 'print the report as JSON ({ import, report } for a route file)')
    .option('--profile <file>', 'for a route file: aircraft, crew, operation and start (scenarios/profiles/)')
    .option('--start <time>', 'for a route file: take-off time with UTC offset (overrides the profile)')
    .option('--speed <speed>', 'for a route file without speeds or times: 8 (m/s), 30km/h, 15kt')
    .option('--altitude-ref <ref>', 'for a GeoJSON route that does not state it: AGL or AMSL')
    .option('--ground <model>', `ground model for heights above ground: ${GROUND_MODELS.join(', ')}`, 'terrain')
    .action(async (planFile: string, opts: CheckOptions) => {
      try {
        const { report, exitCode, warnings, imported } = await runCheck(planFile, opts);
        for (const w of imported?.warnings ?? []) process.stderr.write(`warning: ${planFile}: ${w}\n`);
        for (const w of warnings) process.stderr.write(`warning: --zones: ${w}\n`);
        // A route file's import notes travel with the report: { import, report } (a plan JSON prints the report).
        const json = imported ? { import: imported, report } : report;
        process.stdout.write(`${opts.json ? JSON.stringify(json, null, 2) : formatReport(planFile, report)}\n`);
        process.exitCode = exitCode;
      } catch (err) {
        if (!isInputError(err)) throw err;
        process.stderr.write(`error: ${(err as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}

/** What a route file's import said (`readPlanInput`). */
interface ImportedInput {
  format: string;
  warnings: string[];
}

/** Input problems: our own, and the data-file and zone-format errors of the loaders. */
function isInputError(err: unknown): boolean {
  return (
    err instanceof InputError ||
    (err instanceof Error &&
      ['DataFileError', 'RulebookRefError', 'ZoneFormatError', 'CatalogueError'].includes(err.name))
  );
}
