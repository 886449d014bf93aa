import type { BoundRule } from '../kinds/types.js';
import type { Assumption, Column, Provision, Rulebook, RuleDef } from '../model/index.js';
import { formatIssue } from './issues.js';
import { bindRule } from './load-rulebook.js';
import { assumption } from './messages.js';

/** Where a hit comes from: a rulebook rule or a declared permission. */
export interface Source {
  ruleId: string;
  kind: string;
  provision: Provision;
  order: number;
}

export interface CompiledRule {
  def: RuleDef;
  /** Position in the rulebook: findings are reported in rulebook order. */
  order: number;
  bound: BoundRule;
  source: Source;
}

export interface CompiledRulebook {
  readonly rules: readonly CompiledRule[];
  readonly notes: readonly Assumption[];
}

/** Rulebooks are immutable once loaded: each is compiled once and shared by every evaluation under it. */
const compiled = new WeakMap<Rulebook, CompiledRulebook>();

/**
 * Bind every rule to its validated params. A rule whose params do not validate (a rulebook that did not
 * go through loadRulebook) is skipped and reported in the assumptions rather than thrown.
 */
export function compileRules(rb: Rulebook): CompiledRulebook {
  const hit = compiled.get(rb);
  if (hit) return hit;
  const rules: CompiledRule[] = [];
  const notes: Assumption[] = [];
  rb.rules.forEach((def, order) => {
    const b = bindRule(def, rb.parameters, ['rules', order]);
    const source = { ruleId: def.id, kind: def.kind, provision: def.citation, order };
    if (b.ok) rules.push({ def, order, bound: b.bound, source });
    else {
      const why = b.issues.map(formatIssue).join('; ');
      notes.push(assumption('assumption.rule-skipped', { ruleId: def.id, why }));
    }
  });
  const result = { rules, notes };
  compiled.set(rb, result);
  return result;
}

/** Is the rule in force on the flight's local date and does it apply to this column? */
export function appliesToFlight(def: RuleDef, column: Column | null, localDate: string): boolean {
  if (def.commencement > localDate) return false;
  const cols = def.appliesTo.columns;
  if (cols && (column === null || !cols.includes(column))) return false;
  return true;
}

/** Rules restricted to standard or advanced operations run after the operation type is known. */
export function dependsOnOperation(def: RuleDef): boolean {
  return def.appliesTo.operations !== undefined;
}

export function appliesToOperation(def: RuleDef, op: 'standard' | 'advanced'): boolean {
  const ops = def.appliesTo.operations;
  return !ops || ops.includes(op);
}

/** Rules not yet in force on the flight date, for the report's assumptions. */
export function notYetInForce(rules: readonly CompiledRule[], localDate: string): Assumption[] {
  const later = rules.filter((r) => r.def.commencement > localDate);
  if (later.length === 0) return [];
  const list = later.map((r) => `${r.def.id} (${r.def.commencement})`).join(', ');
  return [assumption('assumption.not-yet-in-force', { date: localDate, rules: list })];
}
