import { Draft, type DraftChange, type Rulebook } from '../model/index.js';
import { fromZod, type Issue } from './issues.js';
import { bindRule, loadRulebook } from './load-rulebook.js';
import { paramRefs } from './params.js';
import { bareObject, isContainer, ownValue, setOwn } from './safe-write.js';

type Outcome = { ok: true; rulebook: Rulebook } | { ok: false; issues: Issue[] };

/**
 * Set `value` at a dot path ("limit.value", "required.0") inside `target`, creating objects on the way.
 * Every step goes through safe-write: own properties only, no reserved keys. Returns why it cannot, or null.
 */
function setPath(target: object, path: string, value: unknown): string | null {
  const keys = path.split('.');
  let cur: object = target;
  for (let i = 0; i < keys.length - 1; i++) {
    let next = ownValue(cur, keys[i]);
    if (next === undefined) {
      next = bareObject();
      const err = setOwn(cur, keys[i], next);
      if (err) return `"${keys.slice(0, i + 1).join('.')}": ${err}`;
    }
    if (!isContainer(next)) return `"${keys.slice(0, i + 1).join('.')}" is not an object`;
    cur = next;
  }
  const err = setOwn(cur, keys[keys.length - 1], value);
  return err ? `"${path}": ${err}` : null;
}

function checkRule(rb: Rulebook, ruleId: string, at: (string | number)[]): Issue[] {
  const rule = rb.rules.find((r) => r.id === ruleId);
  if (!rule) return [];
  const b = bindRule(rule, rb.parameters, ['rules', rb.rules.indexOf(rule)]);
  return b.ok ? [] : b.issues.map((i) => ({ path: at, message: `rule ${ruleId}: ${i.message}` }));
}

/** Apply one change to `rb` in place (shared with enacted amendments); issues name the change's fields. */
export function applyChange(rb: Rulebook, c: DraftChange, at: (string | number)[]): Issue[] {
  const ruleIndex = (id: string) => rb.rules.findIndex((r) => r.id === id);
  const noRule = (id: string): Issue[] => [{ path: [...at, 'rule'], message: `no rule "${id}" in ${rb.id}` }];
  switch (c.op) {
    case 'set-parameter': {
      const i = ruleIndex(c.rule);
      if (i < 0) return noRule(c.rule);
      const err = setPath(rb.rules[i].params, c.path, structuredClone(c.value));
      if (err) return [{ path: [...at, 'path'], message: err }];
      return checkRule(rb, c.rule, [...at, 'value']);
    }
    case 'set-global': {
      const p = ownValue(rb.parameters, c.name) as Rulebook['parameters'][string] | undefined;
      if (!p) return [{ path: [...at, 'name'], message: `no parameter "${c.name}" in ${rb.id}` }];
      p.value = structuredClone(c.value);
      return rb.rules
        .filter((r) => paramRefs(r.params).has(c.name))
        .flatMap((r) => checkRule(rb, r.id, [...at, 'value']));
    }
    case 'add-rule': {
      if (ruleIndex(c.rule.id) >= 0)
        return [{ path: [...at, 'rule', 'id'], message: `rule "${c.rule.id}" already exists` }];
      const after = c.after === undefined ? rb.rules.length - 1 : ruleIndex(c.after);
      if (after < 0) return [{ path: [...at, 'after'], message: `no rule "${c.after}" in ${rb.id}` }];
      rb.rules.splice(after + 1, 0, structuredClone(c.rule));
      return checkRule(rb, c.rule.id, [...at, 'rule', 'params']);
    }
    case 'withdraw-rule': {
      const i = ruleIndex(c.rule);
      if (i < 0) return noRule(c.rule);
      rb.rules.splice(i, 1);
      return [];
    }
    case 'add-zone': {
      if (rb.zones.some((z) => z.id === c.zone.id))
        return [{ path: [...at, 'zone', 'id'], message: `zone "${c.zone.id}" already exists` }];
      rb.zones.push(structuredClone(c.zone));
      rb.withdrawnZones = rb.withdrawnZones.filter((id) => id !== c.zone.id);
      return [];
    }
    case 'remove-zone': {
      const i = rb.zones.findIndex((z) => z.id === c.zone);
      if (i >= 0) rb.zones.splice(i, 1);
      else if (!rb.withdrawnZones.includes(c.zone)) rb.withdrawnZones.push(c.zone);
      return [];
    }
    case 'set-traffic-parameter':
      // traffic data lives outside rulebooks: applyTrafficChanges (rules/src/traffic/traffic-draft.ts) applies it
      return [];
    case 'set-applicability': {
      const i = ruleIndex(c.rule);
      if (i < 0) return noRule(c.rule);
      rb.rules[i].appliesTo = structuredClone(c.appliesTo);
      return [];
    }
  }
}

/**
 * Apply a regulator's draft to its base rulebook (pure: the base is not modified). Every change is checked
 * as it is applied, so issues point at the change that caused them (`changes[2].value`).
 */
export function applyDraft(base: Rulebook, draftInput: Draft): Outcome {
  const parsed = Draft.safeParse(draftInput);
  if (!parsed.success) return { ok: false, issues: fromZod(parsed.error) };
  const draft = parsed.data;
  if (draft.base !== base.id)
    return {
      ok: false,
      issues: [{ path: ['base'], message: `the draft is based on "${draft.base}", not "${base.id}"` }],
    };
  const rb: Rulebook = structuredClone(base);
  const issues = draft.changes.flatMap((c, i) => applyChange(rb, c, ['changes', i]));
  if (issues.length) return { ok: false, issues };
  // A draft has a title of its own (in English): the base's Chinese title would name the base, not the draft.
  const { titleZh: _z, ...rest } = rb;
  const result = loadRulebook({
    ...rest,
    id: draft.id,
    title: draft.title,
    version: `${base.version}+${draft.id}`,
    status: 'draft',
    supersedes: base.id,
    commencement: draft.commencement ?? base.commencement,
    commencementNote: draft.commencement ? `proposed in draft ${draft.id}` : base.commencementNote,
  });
  return result.ok ? result : { ok: false, issues: result.issues };
}
