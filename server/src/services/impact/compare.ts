import { type Finding, type Report, Verdict } from '@sua-sandbox/rules/model';
import type { ApiIssue } from '@sua-sandbox/rules/protocol';
import { z } from 'zod';

export type Outcome = Verdict | 'invalid';

export interface RuleDelta {
  ruleId: string;
  /** findings of this rule present under the draft but not under the base */
  added: number;
  removed: number;
}

/** One plan's before/after. */
export interface PlanImpact {
  seq: number;
  key: string;
  name: string | null;
  before: Outcome;
  after: Outcome;
  verdictChanged: boolean;
  /** the verdict or the set of findings changed */
  changed: boolean;
  /** which rules caused the change: findings added/removed per rule id */
  rules: RuleDelta[];
  issues?: ApiIssue[];
}

/** A finding's identity for before/after matching: same rule, effect, zone, trigger and cover. */
function findingKey(f: Finding): string {
  return [f.ruleId, f.effect, f.zoneId ?? '', f.trigger ?? '', f.covered?.permissionId ?? ''].join('|');
}

function countByKey(findings: readonly Finding[]): Map<string, { ruleId: string; n: number }> {
  const m = new Map<string, { ruleId: string; n: number }>();
  for (const f of findings) {
    const k = findingKey(f);
    const e = m.get(k);
    if (e) e.n++;
    else m.set(k, { ruleId: f.ruleId, n: 1 });
  }
  return m;
}

/** Multiset difference of findings, grouped by rule id. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): RuleDelta[] {
  const b = countByKey(before);
  const a = countByKey(after);
  const byRule = new Map<string, RuleDelta>();
  const bump = (ruleId: string, field: 'added' | 'removed', n: number) => {
    const d = byRule.get(ruleId) ?? { ruleId, added: 0, removed: 0 };
    d[field] += n;
    byRule.set(ruleId, d);
  };
  for (const [k, { ruleId, n }] of a) {
    const diff = n - (b.get(k)?.n ?? 0);
    if (diff > 0) bump(ruleId, 'added', diff);
  }
  for (const [k, { ruleId, n }] of b) {
    const diff = n - (a.get(k)?.n ?? 0);
    if (diff > 0) bump(ruleId, 'removed', diff);
  }
  return [...byRule.values()].sort((x, y) => x.ruleId.localeCompare(y.ruleId));
}

export function comparePlan(
  item: { seq: number; key: string; name: string | null },
  before: Report,
  after: Report,
): PlanImpact {
  const rules = diffFindings(before.findings, after.findings);
  const verdictChanged = before.verdict !== after.verdict;
  return {
    ...item,
    before: before.verdict,
    after: after.verdict,
    verdictChanged,
    changed: verdictChanged || rules.length > 0,
    rules,
  };
}

export interface RuleTotals {
  ruleId: string;
  findingsBefore: number;
  findingsAfter: number;
  added: number;
  removed: number;
  /** plans where this rule gained / lost findings */
  plansAdded: number;
  plansRemoved: number;
  /** plans whose verdict changed while this rule's findings changed */
  verdictChanges: number;
}

export interface ImpactSummary {
  base: { id: string; version: string };
  target: { id: string; version: string };
  plans: number;
  evaluated: number;
  invalid: number;
  changed: number;
  verdictChanged: number;
  verdicts: { before: Record<Outcome, number>; after: Record<Outcome, number> };
  transitions: { from: Outcome; to: Outcome; count: number }[];
  rules: RuleTotals[];
}

const emptyVerdicts = (): Record<Outcome, number> => ({
  compliant: 0,
  'permission-required': 0,
  'non-compliant': 0,
  'not-flyable': 0,
  invalid: 0,
});

type Transition = { from: Outcome; to: Outcome; count: number };

const OutcomeSchema = z.union([Verdict, z.literal('invalid')]);
const Count = z.number().int().min(0);
const RulebookRef = z.object({ id: z.string(), version: z.string() });
const Verdicts = z.record(z.string(), Count);

/**
 * A tally's whole state as plain JSON, for checkpoints (parsed when read back). Rules and transitions are
 * kept in insertion order: the summary breaks ties in that order, so a restored tally summarises exactly
 * as the original would.
 */
export const TallyState = z.object({
  summary: z.object({
    base: RulebookRef,
    target: RulebookRef,
    plans: Count,
    evaluated: Count,
    invalid: Count,
    changed: Count,
    verdictChanged: Count,
    verdicts: z.object({ before: Verdicts, after: Verdicts }),
  }),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      findingsBefore: Count,
      findingsAfter: Count,
      added: Count,
      removed: Count,
      plansAdded: Count,
      plansRemoved: Count,
      verdictChanges: Count,
    }),
  ),
  transitions: z.array(z.object({ from: OutcomeSchema, to: OutcomeSchema, count: Count })),
});
export type TallyState = z.infer<typeof TallyState>;

/** Accumulates totals as plans are evaluated (the runner feeds it chunk by chunk). */
export class ImpactTally {
  private readonly s: ImpactSummary;
  private readonly rules = new Map<string, RuleTotals>();
  private readonly transitions = new Map<string, Transition>();

  /** A tally continuing from a checkpoint's state. */
  static restore(state: TallyState): ImpactTally {
    const t = new ImpactTally(state.summary.base, state.summary.target);
    const { verdicts, base: _b, target: _t, ...counts } = state.summary;
    // assigned onto the fresh objects so every key keeps the order a new tally gives it
    Object.assign(t.s, counts);
    for (const side of ['before', 'after'] as const) {
      const into = t.s.verdicts[side];
      for (const k of Object.keys(into) as Outcome[]) into[k] = verdicts[side][k] ?? 0;
    }
    for (const r of state.rules) Object.assign(t.rule(r.ruleId), r);
    for (const tr of state.transitions)
      t.transitions.set(`${tr.from}>${tr.to}`, { from: tr.from, to: tr.to, count: tr.count });
    return t;
  }

  snapshot(): TallyState {
    const { transitions: _t, rules: _r, ...summary } = this.s;
    return {
      summary: structuredClone(summary),
      rules: [...this.rules.values()].map((r) => ({ ...r })),
      transitions: [...this.transitions.values()].map((t) => ({ ...t })),
    };
  }

  constructor(base: { id: string; version: string }, target: { id: string; version: string }) {
    this.s = {
      base,
      target,
      plans: 0,
      evaluated: 0,
      invalid: 0,
      changed: 0,
      verdictChanged: 0,
      verdicts: { before: emptyVerdicts(), after: emptyVerdicts() },
      transitions: [],
      rules: [],
    };
  }

  private rule(ruleId: string): RuleTotals {
    let r = this.rules.get(ruleId);
    if (!r) {
      r = {
        ruleId,
        findingsBefore: 0,
        findingsAfter: 0,
        added: 0,
        removed: 0,
        plansAdded: 0,
        plansRemoved: 0,
        verdictChanges: 0,
      };
      this.rules.set(ruleId, r);
    }
    return r;
  }

  add(impact: PlanImpact, before?: Report, after?: Report): void {
    const s = this.s;
    s.plans++;
    s.verdicts.before[impact.before]++;
    s.verdicts.after[impact.after]++;
    if (impact.before === 'invalid') {
      s.invalid++;
      return;
    }
    s.evaluated++;
    if (impact.changed) s.changed++;
    if (impact.verdictChanged) s.verdictChanged++;
    const tk = `${impact.before}>${impact.after}`;
    const t = this.transitions.get(tk) ?? { from: impact.before, to: impact.after, count: 0 };
    t.count++;
    this.transitions.set(tk, t);
    for (const f of before?.findings ?? []) this.rule(f.ruleId).findingsBefore++;
    for (const f of after?.findings ?? []) this.rule(f.ruleId).findingsAfter++;
    for (const d of impact.rules) {
      const r = this.rule(d.ruleId);
      r.added += d.added;
      r.removed += d.removed;
      if (d.added > 0) r.plansAdded++;
      if (d.removed > 0) r.plansRemoved++;
      if (impact.verdictChanged) r.verdictChanges++;
    }
  }

  summary(): ImpactSummary {
    return {
      ...this.s,
      transitions: [...this.transitions.values()].sort((a, b) => b.count - a.count),
      rules: [...this.rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
    };
  }
}
