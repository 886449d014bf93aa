import { getKind } from '../kinds/index.js';
import type { BoundRule } from '../kinds/types.js';
import { Rulebook, type RuleDef } from '../model/index.js';
import { fromZod, type Issue } from './issues.js';
import { paramRefs, resolveParams } from './params.js';

export type BindOutcome = { ok: true; bound: BoundRule } | { ok: false; issues: Issue[] };

/** Resolve a rule's parameter references and validate its params against its kind. */
export function bindRule(rule: RuleDef, parameters: Rulebook['parameters'], at: (string | number)[]): BindOutcome {
  const kind = getKind(rule.kind);
  if (!kind) return { ok: false, issues: [{ path: [...at, 'kind'], message: `unknown rule kind "${rule.kind}"` }] };
  const issues: Issue[] = [];
  const resolved = resolveParams(rule.params, parameters, [...at, 'params'], issues);
  if (issues.length > 0) return { ok: false, issues };
  const bound = kind.bind(resolved);
  if (bound.ok) return bound;
  const refs = [...paramRefs(rule.params)];
  const suffix = refs.length ? ` (params use rulebook parameter${refs.length > 1 ? 's' : ''} ${refs.join(', ')})` : '';
  return {
    ok: false,
    issues: fromZod(bound.error, [...at, 'params']).map((i) => ({ ...i, message: i.message + suffix })),
  };
}

/** Extra checks across rules that the schema alone cannot express. */
function crossRuleIssues(rb: Rulebook): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set(rb.classification.categories.map((c) => c.id));
  rb.classification.categories.forEach((c, i) => {
    const prev = rb.classification.categories[i - 1];
    if (prev && toGrams(prev.maxMass) >= toGrams(c.maxMass))
      issues.push({
        path: ['classification', 'categories', i, 'maxMass'],
        message: 'categories must ascend by maxMass',
      });
  });
  // A column is a category, or the column a category names for aircraft flown under exemption.
  const columns = new Set(
    rb.classification.categories.flatMap((c) => [c.id, ...(c.exemptColumn ? [c.exemptColumn] : [])]),
  );
  rb.rules.forEach((r, i) => {
    for (const col of r.appliesTo.columns ?? []) {
      if (!columns.has(col))
        issues.push({
          path: ['rules', i, 'appliesTo', 'columns'],
          message: `column "${col}" has no category in this rulebook's classification`,
        });
    }
    const category = r.kind === 'category-permission' ? r.params.category : undefined;
    if (typeof category === 'string' && !ids.has(category))
      issues.push({
        path: ['rules', i, 'params', 'category'],
        message: `category "${category}" is not in this rulebook's classification`,
      });
  });
  return issues;
}

function toGrams(m: { value: number; unit: 'g' | 'kg' }): number {
  return m.unit === 'kg' ? m.value * 1000 : m.value;
}

/**
 * Validate a parsed rulebook file (YAML or JSON already parsed): the Rulebook schema, then every rule's
 * params against its kind. Issues name the exact path, e.g. `rules[3].params.limit.value`.
 */
export function loadRulebook(input: unknown): { ok: true; rulebook: Rulebook } | { ok: false; issues: Issue[] } {
  const parsed = Rulebook.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) };
  const rb = parsed.data;
  const issues: Issue[] = [];
  rb.rules.forEach((rule, i) => {
    const b = bindRule(rule, rb.parameters, ['rules', i]);
    if (!b.ok) issues.push(...b.issues);
  });
  issues.push(...crossRuleIssues(rb));
  return issues.length ? { ok: false, issues } : { ok: true, rulebook: rb };
}
