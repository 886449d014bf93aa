import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import { evaluate, loadRulebook, rulebookInForce, validatePlan } from '@sua-sandbox/rules/engine';
import { type FlightPlan, type Permission, type Report, type Rulebook, Zone } from '@sua-sandbox/rules/model';
import { type ApiIssue, type ErrorCode, issuesFromZod } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';
import { type BudgetName, budgetProblem } from '../budgets.js';
import { capFindings } from './findings-cap.js';

/**
 * The one check path, shared by `POST /api/check`, `POST /api/plans/:id/check` and `sua-sandbox check`,
 * so the API and the CLI print the same report for the same plan and data. It runs in two steps: the
 * rulebook reference is resolved where the store is (async), then `checkResolved` (pure, synchronous,
 * structured-cloneable input) validates and evaluates, in a worker thread for the server.
 */

export interface CheckInput {
  /** unvalidated flight plan */
  plan: unknown;
  /** a rulebook id (or a reference `resolveRulebook` understands, e.g. "draft:<id>"), or an inline rulebook */
  rulebook?: string | Record<string, unknown>;
  /** date (YYYY-MM-DD) that picks the rulebook in force; default: the plan's local take-off date */
  asOf?: string;
  /** extra zones for this check only (added to the plan's extraZones) */
  zones?: unknown[];
}

/** Work limits of one check (budgets.ts); absent: unlimited (the CLI). */
export interface CheckBudgets {
  waypoints: number;
  /** legs × zones */
  checkWork: number;
  /** findings kept in the report; the verdict still counts all of them */
  findings: number;
}

export interface CheckDeps {
  rulebooks: readonly Rulebook[];
  /** for references that are not built-in ids (drafts); undefined → unknown */
  resolveRulebook?: (ref: string) => Promise<Rulebook | undefined>;
  airspace: ZoneIndex;
  permissions: readonly Permission[];
  budgets?: CheckBudgets;
}

export type CheckIssue = ApiIssue;

export type CheckRefusal =
  | { ok: false; kind: 'invalid' | 'unknown-rulebook' | 'no-rulebook-in-force'; message: string; issues: CheckIssue[] }
  | { ok: false; kind: 'budget'; budget: BudgetName; status: 413 | 422; message: string; issues: CheckIssue[] };

/** The error code each refusal answers with (HTTP and the CLI); budgets answer `budget_exceeded`. */
export const REFUSAL_CODE: Record<CheckRefusal['kind'], ErrorCode> = {
  invalid: 'validation_failed',
  'unknown-rulebook': 'unknown_rulebook',
  'no-rulebook-in-force': 'no_rulebook_in_force',
  budget: 'budget_exceeded',
};

export type CheckOutcome = { ok: true; report: Report; rulebook: Rulebook; plan: FlightPlan } | CheckRefusal;

/** The rulebook reference after the lookups that need the store: plain data, so it can go to a worker. */
export type RulebookChoice =
  | { kind: 'resolved'; rulebook: Rulebook }
  | { kind: 'inline'; value: Record<string, unknown> }
  | { kind: 'in-force'; rulebooks: Rulebook[]; asOf?: string }
  | { kind: 'unknown'; ref: string; known: string[] };

export interface ResolvedCheck {
  plan: unknown;
  zones?: unknown[];
  rulebook: RulebookChoice;
}

/** Looks the reference up (built-ins, then `resolveRulebook`); everything else is decided by checkResolved. */
export async function resolveRulebookChoice(
  input: Pick<CheckInput, 'rulebook' | 'asOf'>,
  deps: Pick<CheckDeps, 'rulebooks' | 'resolveRulebook'>,
): Promise<RulebookChoice> {
  const ref = input.rulebook;
  if (typeof ref === 'string') {
    const rb = deps.rulebooks.find((r) => r.id === ref) ?? (await deps.resolveRulebook?.(ref));
    return rb ? { kind: 'resolved', rulebook: rb } : { kind: 'unknown', ref, known: deps.rulebooks.map((r) => r.id) };
  }
  if (ref !== undefined) return { kind: 'inline', value: ref };
  return { kind: 'in-force', rulebooks: [...deps.rulebooks], ...(input.asOf ? { asOf: input.asOf } : {}) };
}

function pickRulebook(choice: RulebookChoice, plan: FlightPlan): { ok: true; rulebook: Rulebook } | CheckRefusal {
  switch (choice.kind) {
    case 'resolved':
      return { ok: true, rulebook: choice.rulebook };
    case 'unknown': {
      const message = `unknown rulebook "${choice.ref}"`;
      return {
        ok: false,
        kind: 'unknown-rulebook',
        message,
        issues: [{ path: ['rulebook'], message: `${message}; known: ${choice.known.join(', ')}` }],
      };
    }
    case 'inline': {
      const loaded = loadRulebook(choice.value);
      if (loaded.ok) return { ok: true, rulebook: loaded.rulebook };
      return {
        ok: false,
        kind: 'invalid',
        message: 'the inline rulebook is invalid',
        issues: loaded.issues.map((i) => ({ path: ['rulebook', ...i.path], message: i.message })),
      };
    }
    case 'in-force': {
      // A plan's local take-off date: "2026-03-01T23:30:00+08:00" is 1 March in Hong Kong.
      const day = choice.asOf ?? plan.start.slice(0, 10);
      const rb = rulebookInForce(choice.rulebooks, day);
      if (rb) return { ok: true, rulebook: rb };
      const message = `no rulebook is in force on ${day}`;
      const path = choice.asOf ? ['asOf'] : ['plan', 'start'];
      return { ok: false, kind: 'no-rulebook-in-force', message, issues: [{ path, message }] };
    }
  }
}

/** Counted before the schema runs, so a 40,000-waypoint plan is refused without parsing it. */
function waypointCount(plan: unknown): number {
  if (typeof plan !== 'object' || plan === null) return 0;
  const route = (plan as { route?: unknown }).route;
  if (typeof route !== 'object' || route === null) return 0;
  const coords = (route as { coordinates?: unknown }).coordinates;
  return Array.isArray(coords) ? coords.length : 0;
}

function refuse(name: BudgetName, what: string, limit: number, path: (string | number)[]): CheckRefusal {
  return { ok: false, kind: 'budget', ...budgetProblem(name, what, limit, path) };
}

/** The waypoint budget, checked on the raw input (cheap: the server checks it before handing work over). */
export function waypointRefusal(plan: unknown, budgets: CheckBudgets | undefined): CheckRefusal | undefined {
  const waypoints = waypointCount(plan);
  if (budgets && waypoints > budgets.waypoints)
    return refuse('waypoints', `plan has ${waypoints} waypoints`, budgets.waypoints, ['plan', 'route', 'coordinates']);
  return undefined;
}

/**
 * Validates the plan (and extra zones), picks the rulebook, checks the work budgets and evaluates.
 * Pure and synchronous. Issue paths are relative to the input: `plan.route.coordinates.3`, `zones.0.geometry`,
 * `rulebook.rules.2.params.limit`.
 */
export function checkResolved(
  input: ResolvedCheck,
  deps: { airspace: ZoneIndex; permissions: readonly Permission[]; budgets?: CheckBudgets },
): CheckOutcome {
  const budgets = deps.budgets;
  const tooMany = waypointRefusal(input.plan, budgets);
  if (tooMany) return tooMany;
  // validatePlan: the schema, then whether the timing is possible (no leg flown in no time)
  const checkedPlan = validatePlan(input.plan);
  const parsedZones = z.array(Zone).optional().safeParse(input.zones);
  const issues = [
    ...(checkedPlan.ok ? [] : checkedPlan.issues.map((i) => ({ path: ['plan', ...i.path], message: i.message }))),
    ...(parsedZones.success ? [] : issuesFromZod(parsedZones.error, ['zones'])),
  ];
  if (!checkedPlan.ok || !parsedZones.success)
    return { ok: false, kind: 'invalid', message: 'the flight plan is invalid', issues };
  const extra = parsedZones.data ?? [];
  const plan: FlightPlan = extra.length
    ? { ...checkedPlan.plan, extraZones: [...checkedPlan.plan.extraZones, ...extra] }
    : checkedPlan.plan;
  const picked = pickRulebook(input.rulebook, plan);
  if (!picked.ok) return picked;
  if (budgets) {
    const legs = plan.route.coordinates.length - 1;
    const zones = deps.airspace.zones.length + plan.extraZones.length;
    if (legs * zones > budgets.checkWork)
      return refuse('checkWork', `${legs} legs × ${zones} zones is ${legs * zones}`, budgets.checkWork, ['plan']);
  }
  const report = evaluate(plan, {
    rulebook: picked.rulebook,
    airspace: deps.airspace,
    permissions: [...deps.permissions],
  });
  return {
    ok: true,
    report: budgets ? capFindings(report, budgets.findings) : report,
    rulebook: picked.rulebook,
    plan,
  };
}

/** Both steps in one call (the CLI, and checks that stay on the calling thread). */
export async function checkPlan(input: CheckInput, deps: CheckDeps): Promise<CheckOutcome> {
  const rulebook = await resolveRulebookChoice(input, deps);
  return checkResolved({ plan: input.plan, zones: input.zones, rulebook }, deps);
}
