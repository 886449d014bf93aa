import { existsSync } from 'node:fs';
import { buildZoneIndex } from '@sua-sandbox/rules/airspace';
import { applyDraft, formatIssue } from '@sua-sandbox/rules/engine';
import type { Draft } from '@sua-sandbox/rules/model';
import type { TrafficImpact } from '@sua-sandbox/rules/traffic';
import type { Command } from 'commander';
import { loadCatalogue } from '../../data/airspace.js';
import { loadBuiltinPermissions } from '../../data/permissions.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks, loadDraftFile } from '../../data/rulebooks.js';
import { loadGroundModel } from '../../data/terrain.js';
import { readExamplePlans, readPlanDir } from '../../services/corpus.js';
import type { ImpactSummary, PlanImpact } from '../../services/impact/compare.js';
import { type ImpactProgress, runImpact } from '../../services/impact/run.js';
import { builtinTraffic, type JobTraffic, jobTraffic, trafficImpactOf } from '../../services/impact/traffic.js';

/** Bad input: one message on stderr, exit code 2. */
class ImpactInputError extends Error {}

interface ImpactOptions {
  corpus?: string;
  json?: boolean;
}

function readDraft(ref: string): Draft {
  if (existsSync(ref) || /[/\\]|\.(ya?ml|json)$/i.test(ref)) {
    if (!existsSync(ref)) throw new ImpactInputError(`draft file ${ref} does not exist`);
    return loadDraftFile(ref);
  }
  const builtin = loadBuiltinDrafts().find((d) => d.id === ref);
  if (!builtin) {
    const known = loadBuiltinDrafts().map((d) => d.id);
    throw new ImpactInputError(`unknown draft "${ref}"; give a draft file or one of: ${known.join(', ') || '(none)'}`);
  }
  return builtin;
}

/** `[#########-----------]  45%  450/1000  ETA 3 s` on one stderr line (a TTY), or a line per 10 % otherwise. */
function progressBar(stream: NodeJS.WriteStream) {
  let lastDecile = -1;
  return (p: ImpactProgress) => {
    const width = 30;
    const filled = Math.round((p.percent / 100) * width);
    const eta = p.etaMs === null ? '' : `  ETA ${Math.ceil(p.etaMs / 1000)} s`;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.percent.toFixed(0).padStart(3)}%  ${p.done}/${p.total}${eta}`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (p.done === p.total) stream.write('\n');
      return;
    }
    const decile = Math.floor(p.percent / 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`${line}\n`);
    }
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}

export function formatImpact(
  draft: Draft,
  summary: ImpactSummary,
  plans: PlanImpact[],
  durationMs: number,
  traffic?: TrafficImpact,
): string {
  const out = [
    `Draft:    ${draft.id} — ${draft.title}`,
    `Base:     ${summary.base.id}@${summary.base.version}`,
    `Plans:    ${summary.plans} (${summary.evaluated} evaluated, ${summary.invalid} invalid) in ${(durationMs / 1000).toFixed(2)} s`,
    `Changed:  ${summary.changed} ${summary.changed === 1 ? 'plan' : 'plans'} (${summary.verdictChanged} with a different verdict)`,
    '',
    'Per rule:',
  ];
  const ruleRows = summary.rules
    .filter((r) => r.added + r.removed > 0 || r.findingsBefore + r.findingsAfter > 0)
    .map((r) => [
      r.ruleId,
      `${r.findingsBefore}`,
      `${r.findingsAfter}`,
      `+${r.added}`,
      `-${r.removed}`,
      `${r.plansAdded}`,
      `${r.plansRemoved}`,
      `${r.verdictChanges}`,
    ]);
  out.push(
    ruleRows.length
      ? table([['rule', 'before', 'after', 'added', 'removed', 'plans+', 'plans-', 'verdicts'], ...ruleRows])
      : '  (no findings under either rulebook)',
  );
  out.push('', 'Verdict changes:');
  const moved = summary.transitions.filter((t) => t.from !== t.to);
  out.push(moved.length ? table(moved.map((t) => [`  ${t.from} → ${t.to}`, `${t.count}`])) : '  none');
  const changed = plans.filter((p) => p.changed);
  out.push('', `Changed plans (${changed.length}):`);
  for (const p of changed.slice(0, 50)) {
    const rules = p.rules
      .map((r) => `${r.ruleId} ${r.added ? `+${r.added}` : ''}${r.removed ? `-${r.removed}` : ''}`)
      .join(', ');
    out.push(`  ${p.key}${p.name ? ` (${p.name})` : ''}: ${p.before} → ${p.after}; ${rules}`);
  }
  if (changed.length > 50) out.push(`  … and ${changed.length - 50} more (use --json for all)`);
  if (traffic) out.push('', ...formatTraffic(traffic));
  return out.join('\n');
}

/** The traffic section: conflicts, delays and flights per hour per route, before → after (Δ). */
export function formatTraffic(t: TrafficImpact): string[] {
  const d = (n: number) => (n > 0 ? `+${n}` : `${n}`);
  const fph = (n: number | null) => (n === null ? '—' : `${n}`);
  const rows = [
    ['', 'before', 'after', 'change'],
    ['conflicts', `${t.before.conflicts}`, `${t.after.conflicts}`, d(t.delta.conflicts)],
    ['delay total (s)', `${t.before.delays.totalS}`, `${t.after.delays.totalS}`, d(t.delta.delayTotalS)],
    [
      'delayed flights',
      `${t.before.delays.delayed}`,
      `${t.after.delays.delayed}`,
      d(t.after.delays.delayed - t.before.delays.delayed),
    ],
    [
      'max delay (s)',
      `${t.before.delays.maxS}`,
      `${t.after.delays.maxS}`,
      d(t.after.delays.maxS - t.before.delays.maxS),
    ],
    ['unresolved', `${t.before.delays.unresolved}`, `${t.after.delays.unresolved}`, d(t.delta.unresolved)],
    ...t.after.routes.map((r) => {
      const b = t.before.routes.find((x) => x.routeId === r.routeId);
      const delta = t.delta.routes.find((x) => x.routeId === r.routeId)?.flightsPerHour ?? null;
      return [
        `${r.routeId} flights/h`,
        `${fph(b?.flightsPerHour ?? null)}${b?.limitedBy && b.limitedBy !== 'route' ? ` (${b.limitedBy})` : ''}`,
        `${fph(r.flightsPerHour)}${r.limitedBy && r.limitedBy !== 'route' ? ` (${r.limitedBy})` : ''}`,
        delta === null ? '—' : d(delta),
      ];
    }),
  ];
  return [
    `Traffic (${t.before.intents} intents, ${t.before.skipped} skipped; draft sets ${t.changes.join(', ')}):`,
    table(rows.map((r, i) => (i === 0 ? r : [`  ${r[0]}`, ...r.slice(1)]))),
  ];
}

export async function runImpactCommand(draftRef: string, opts: ImpactOptions) {
  const draft = readDraft(draftRef);
  const base = loadBuiltinRulebooks().find((r) => r.id === draft.base);
  if (!base) throw new ImpactInputError(`draft "${draft.id}": base rulebook "${draft.base}" is not known`);
  const applied = applyDraft(base, draft);
  if (!applied.ok)
    throw new ImpactInputError(
      `draft "${draft.id}" does not apply to ${base.id}:\n${applied.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
    );
  const items = opts.corpus ? readPlanDir(opts.corpus) : readExamplePlans();
  if (items.length === 0) throw new ImpactInputError(`no plans found in ${opts.corpus ?? 'scenarios/plans'}`);
  let jobTrafficData: JobTraffic | undefined;
  try {
    jobTrafficData = jobTraffic(draft, builtinTraffic());
  } catch (err) {
    throw new ImpactInputError(err instanceof Error ? err.message : String(err));
  }
  const catalogue = loadCatalogue();
  const result = await runImpact(items, {
    base,
    target: applied.rulebook,
    // Over the Hong Kong terrain, as the server judges: a draft's groundReference (terrain/surface) shows here.
    airspace: buildZoneIndex(catalogue.zones, { version: catalogue.version, elevation: loadGroundModel('terrain') }),
    permissions: loadBuiltinPermissions(),
    onProgress: progressBar(process.stderr),
  });
  const traffic = jobTrafficData ? trafficImpactOf(jobTrafficData, items) : undefined;
  return { draft, ...result, ...(traffic && { traffic }) };
}

export function register(program: Command): void {
  program
    .command('impact')
    .description('run a draft against its base over a corpus of plans: verdicts before/after and totals per rule')
    .argument('<draft>', 'draft file (YAML/JSON) or built-in draft id')
    .option('--corpus <dir>', 'folder of plan files (.json/.yaml; a file may hold an array); default: scenarios/plans')
    .option('--json', 'print {summary, plans} as JSON')
    .action(async (draftRef: string, opts: ImpactOptions) => {
      try {
        const r = await runImpactCommand(draftRef, opts);
        const text = opts.json
          ? JSON.stringify(
              { summary: r.summary, plans: r.plans, durationMs: Math.round(r.durationMs), traffic: r.traffic },
              null,
              2,
            )
          : formatImpact(r.draft, r.summary, r.plans, r.durationMs, r.traffic);
        process.stdout.write(`${text}\n`);
      } catch (err) {
        const input =
          err instanceof ImpactInputError ||
          (err instanceof Error && ['DataFileError', 'CorpusError'].includes(err.name));
        if (!input) throw err;
        process.stderr.write(`error: ${(err as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
