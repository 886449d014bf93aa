import { renderBoth } from '../messages/index.js';
import type { Finding, PermissionRequired, PermissionTrigger, Verdict } from '../model/index.js';
import { GROUND_CLEARANCE_KIND } from './ground-clearance.js';
import { permissionRequiredMessage } from './messages.js';

/**
 * compliant: nothing unlawful and every permission trigger covered by a declared permission;
 * permission-required: lawful once CAD grants permission for the uncovered triggers (and the listed
 * prerequisites are met); non-compliant: something no permission cures; not-flyable: the route meets the
 * ground (a physical, not a legal, finding: the plan must be changed before the law can judge it).
 */
export function verdictOf(findings: readonly Finding[], outOfScope: boolean): Verdict {
  if (outOfScope) return 'non-compliant';
  const open = findings.filter((f) => !f.covered);
  if (open.some((f) => f.kind === GROUND_CLEARANCE_KIND)) return 'not-flyable';
  if (open.some((f) => f.effect === 'prohibited')) return 'non-compliant';
  if (open.some((f) => f.effect === 'requires-permission')) return 'permission-required';
  return 'compliant';
}

/** The uncovered triggers, one entry each, with the rules that raised them. */
export function permissionsRequired(findings: readonly Finding[]): PermissionRequired[] {
  const byTrigger = new Map<PermissionTrigger, PermissionRequired>();
  for (const f of findings) {
    if (f.covered || f.effect !== 'requires-permission' || !f.trigger) continue;
    const entry = byTrigger.get(f.trigger);
    if (entry) {
      if (!entry.ruleIds.includes(f.ruleId)) entry.ruleIds.push(f.ruleId);
    } else {
      const { code, params } = permissionRequiredMessage(f.trigger);
      byTrigger.set(f.trigger, {
        trigger: f.trigger,
        ruleIds: [f.ruleId],
        provision: f.provision,
        code,
        params,
        message: renderBoth(code, params),
      });
    }
  }
  return [...byTrigger.values()];
}
