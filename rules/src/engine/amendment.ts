import { Amendment, type AmendmentChange, AmendmentOnlyChange, type Rulebook, RuleDef } from '../model/index.js';
import { applyChange } from './draft.js';
import { fromZod, type Issue } from './issues.js';
import { bindRule, loadRulebook } from './load-rulebook.js';
import { setOwn } from './safe-write.js';

type Outcome = { ok: true; rulebook: Rulebook } | { ok: false; issues: Issue[] };

const AMEND_ONLY = new Set<string>(AmendmentOnlyChange.options.map((o) => o.shape.op.value));

function isAmendmentOnly(c: AmendmentChange): c is AmendmentOnlyChange {
  return AMEND_ONLY.has(c.op);
}

function applyAmendmentOnly(rb: Rulebook, c: AmendmentOnlyChange, at: (string | number)[]): Issue[] {
  switch (c.op) {
    case 'amend-rule': {
      const i = rb.rules.findIndex((r) => r.id === c.rule);
      if (i < 0) return [{ path: [...at, 'rule'], message: `no rule "${c.rule}" in ${rb.id}` }];
      const { op: _op, rule: _rule, note: _note, ...fields } = c;
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const amended = RuleDef.safeParse({ ...rb.rules[i], ...structuredClone(given) });
      if (!amended.success) return fromZod(amended.error, at);
      rb.rules[i] = amended.data;
      const bound = bindRule(amended.data, rb.parameters, at);
      return bound.ok ? [] : bound.issues;
    }
    case 'add-category': {
      const cats = rb.classification.categories;
      if (cats.some((k) => k.id === c.category.id))
        return [{ path: [...at, 'category', 'id'], message: `category "${c.category.id}" already exists` }];
      cats.push(structuredClone(c.category));
      return []; // the loader checks that categories still ascend by mass
    }
    case 'set-out-of-scope':
      rb.classification.outOfScope = structuredClone(c.outOfScope);
      return [];
    case 'add-parameter': {
      if (Object.hasOwn(rb.parameters, c.name))
        return [{ path: [...at, 'name'], message: `parameter "${c.name}" already exists in ${rb.id}` }];
      const err = setOwn(rb.parameters, c.name, structuredClone(c.parameter));
      return err ? [{ path: [...at, 'name'], message: err }] : [];
    }
  }
}

/**
 * Apply an enacted amendment to the rulebook it amends (pure: `base` is not modified). The result is a
 * rulebook of its own: the amendment's id, title, version, instrument and dates, `supersedes` the base.
 */
export function applyAmendment(base: Rulebook, input: unknown): Outcome {
  const parsed = Amendment.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) };
  const a = parsed.data;
  if (a.base !== base.id)
    return { ok: false, issues: [{ path: ['base'], message: `the amendment is of "${a.base}", not "${base.id}"` }] };
  const rb: Rulebook = structuredClone(base);
  const issues = a.changes.flatMap((c, i) =>
    isAmendmentOnly(c) ? applyAmendmentOnly(rb, c, ['changes', i]) : applyChange(rb, c, ['changes', i]),
  );
  if (issues.length) return { ok: false, issues };
  // The base's dates, note and Chinese title describe the base; only what the amendment states carries over.
  const { fullEffect: _f, commencementNote: _n, titleZh: _z, ...rest } = rb;
  return loadRulebook({
    ...rest,
    id: a.id,
    title: a.title,
    ...(a.titleZh !== undefined && { titleZh: a.titleZh }),
    version: a.version,
    status: a.status,
    instrument: a.instrument,
    commencement: a.commencement,
    ...(a.commencementNote !== undefined && { commencementNote: a.commencementNote }),
    ...(a.fullEffect !== undefined && { fullEffect: a.fullEffect }),
    supersedes: base.id,
  });
}
