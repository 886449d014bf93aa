import { type MessageCode, type MessageParams, worded } from '../messages/index.js';
import type { Provision } from '../model/citation.js';
import type { Finding, FindingEffect } from '../model/report.js';
import type { Rulebook, RuleDef } from '../model/rulebook.js';

/**
 * Checks the live monitor makes on top of the rulebook's per-sample rules: separation between aircraft and
 * conformance to the declared plan. They are advisories. (Sandbox envelope exits and permission conditions
 * come from the engine's live evaluator, kind `permission-envelope` / `permission-condition`.) When the rulebook
 * defines a rule of the same kind (e.g. a draft adding `separation` minima) its id, citation and params
 * are used instead of these defaults.
 */
export interface MonitorRule {
  ruleId: string;
  kind: 'separation' | 'conformance';
  provision: Provision;
  params: Record<string, unknown>;
}

/** The sandbox named once (the Bureau in brackets): a `document` repeating the title would show it twice. */
const SANDBOX_TLB: Provision = {
  instrument: 'Low-altitude Economy Regulatory Sandbox (Transport and Logistics Bureau)',
  instrumentZh: '低空經濟監管沙盒（運輸及物流局）',
  section: null,
  url: 'https://www.tlb.gov.hk/eng/highlights/transport/low-altitude.html',
  secondary: true,
  note: 'Trials fly "within pre-defined air routes and in a controlled and safe manner"; data collected on simultaneous multi-drone operations and segregation from other aircraft. Not a statutory limit.',
};

export const DEFAULT_MONITOR_RULES: Record<MonitorRule['kind'], MonitorRule> = {
  separation: {
    ruleId: 'sim.separation',
    kind: 'separation',
    provision: SANDBOX_TLB,
    params: {},
  },
  conformance: {
    ruleId: 'sim.conformance',
    kind: 'conformance',
    provision: SANDBOX_TLB,
    params: {},
  },
};

/** The monitor rule of `kind`: the rulebook's own rule of that kind if it has one, else the default. */
export function monitorRule(rulebook: Rulebook, kind: MonitorRule['kind']): MonitorRule {
  const own: RuleDef | undefined = rulebook.rules.find((r) => r.kind === kind);
  if (!own) return DEFAULT_MONITOR_RULES[kind];
  return { ruleId: own.id, kind, provision: own.citation, params: own.params };
}

/** A number from a rule's params (`{value, unit: 'm'|'ft'}` or a plain number), else the fallback. */
export function metresParam(params: Record<string, unknown>, name: string, fallback: number): number {
  const v = params[name];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'number') {
    const unit = 'unit' in v ? v.unit : 'm';
    return unit === 'ft' ? v.value * 0.3048 : v.value;
  }
  return fallback;
}

export function rulebookVersionOf(rb: Rulebook): string {
  return `${rb.id}@${rb.version}`;
}

export function monitorFinding(
  rule: MonitorRule,
  rulebook: Rulebook,
  effect: FindingEffect,
  message: { code: MessageCode; params: MessageParams },
  extra: Pick<Finding, 'measured' | 'limit' | 'where' | 'zoneId'>,
): Finding {
  return {
    ruleId: rule.ruleId,
    kind: rule.kind,
    provision: rule.provision,
    rulebookVersion: rulebookVersionOf(rulebook),
    effect,
    ...worded(message.code, message.params),
    ...extra,
  };
}
