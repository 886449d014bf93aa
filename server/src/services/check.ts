import { z } from 'zod';
import type { ZoneIndex } from '../../../rules/src/airspace/types.js';
import { evaluate, loadRulebook, rulebookInForce, validatePlan } from '../../../rules/src/engine/index.js';
import { type FlightPlan, type Permission, type Report, type Rulebook, Zone } from '../../../rules/src/model/index.js';

/**
 * The one check path, shared by `POST /api/check`, `POST /api/plans/:id/check` and `sua-sandbox check`,
 * so the API and the CLI print the same report for the same plan and data.
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

export interface CheckDeps {
  rulebooks: readonly Rulebook[];
  /** for references that are not built-in ids (drafts); undefined → unknown */
  resolveRulebook?: (ref: string) => Promise<Rulebook | undefined>;
  airspace: ZoneIndex;
  permissions: readonly Permission[];
}

export interface CheckIssue {
  path: (string | number)[];
  message: string;
}

export type CheckOutcome =
  | { ok: true; report: Report; rulebook: Rulebook; plan: FlightPlan }
  | { ok: false; kind: 'invalid' | 'unknown-rulebook' | 'no-rulebook-in-force'; message: string; issues: CheckIssue[] };

const prefixed = (error: z.ZodError, prefix: (string | number)[]): CheckIssue[] =>
  error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));

async function pickRulebook(
  input: CheckInput,
  plan: FlightPlan,
  deps: CheckDeps,
): Promise<{ ok: true; rulebook: Rulebook } | Extract<CheckOutcome, { ok: false }>> {
  const ref = input.rulebook;
  if (typeof ref === 'string') {
    const rb = deps.rulebooks.find((r) => r.id === ref) ?? (await deps.resolveRulebook?.(ref));
    if (rb) return { ok: true, rulebook: rb };
    const known = deps.rulebooks.map((r) => r.id).join(', ');
    return {
      ok: false,
      kind: 'unknown-rulebook',
      message: `unknown rulebook "${ref}"`,
      issues: [{ path: ['rulebook'], message: `unknown rulebook "${ref}"; known: ${known}` }],
    };
  }
  if (ref !== undefined) {
    const loaded = loadRulebook(ref);
    if (loaded.ok) return { ok: true, rulebook: loaded.rulebook };
    return {
      ok: false,
      kind: 'invalid',
      message: 'the inline rulebook is invalid',
      issues: loaded.issues.map((i) => ({ path: ['rulebook', ...i.path], message: i.message })),
    };
  }
  // A plan's local take-off date: "2026-03-01T23:30:00+08:00" is 1 March in Hong Kong.
  const day = input.asOf ?? plan.start.slice(0, 10);
  const rb = rulebookInForce([...deps.rulebooks], day);
  if (rb) return { ok: true, rulebook: rb };
  return {
    ok: false,
    kind: 'no-rulebook-in-force',
    message: `no rulebook is in force on ${day}`,
    issues: [
      {
        path: [input.asOf ? 'asOf' : 'plan', ...(input.asOf ? [] : ['start'])],
        message: `no rulebook is in force on ${day}`,
      },
    ],
  };
}

/**
 * Validates the plan (and extra zones), picks the rulebook and evaluates. Issue paths are relative to the
 * input: `plan.route.coordinates.3`, `zones.0.geometry`, `rulebook.rules.2.params.limit`.
 */
export async function checkPlan(input: CheckInput, deps: CheckDeps): Promise<CheckOutcome> {
  // validatePlan: the schema, then whether the timing is possible (no leg flown in no time)
  const checkedPlan = validatePlan(input.plan);
  const parsedZones = z.array(Zone).optional().safeParse(input.zones);
  const issues = [
    ...(checkedPlan.ok ? [] : checkedPlan.issues.map((i) => ({ path: ['plan', ...i.path], message: i.message }))),
    ...(parsedZones.success ? [] : prefixed(parsedZones.error, ['zones'])),
  ];
  if (!checkedPlan.ok || !parsedZones.success)
    return { ok: false, kind: 'invalid', message: 'the flight plan is invalid', issues };
  const extra = parsedZones.data ?? [];
  const plan: FlightPlan = extra.length
    ? { ...checkedPlan.plan, extraZones: [...checkedPlan.plan.extraZones, ...extra] }
    : checkedPlan.plan;
  const picked = await pickRulebook(input, plan, deps);
  if (!picked.ok) return picked;
  const report = evaluate(plan, {
    rulebook: picked.rulebook,
    airspace: deps.airspace,
    permissions: [...deps.permissions],
  });
  return { ok: true, report, rulebook: picked.rulebook, plan };
}
