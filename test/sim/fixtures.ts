import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { ZoneIndex } from '../../rules/src/airspace/types.js';
import { rulebookInForce } from '../../rules/src/engine/index.js';
import type { Permission } from '../../rules/src/model/permission.js';
import type { Rulebook } from '../../rules/src/model/rulebook.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';

let cache: { airspace: ZoneIndex; rulebooks: Rulebook[]; permissions: Permission[] } | undefined;

/** The built-in catalogue index, rulebooks and sandbox permissions (read once per test file). */
export function builtins() {
  if (!cache) {
    const cat = loadCatalogue();
    cache = {
      airspace: buildZoneIndex(cat.zones, { version: cat.version }),
      rulebooks: loadBuiltinRulebooks(),
      permissions: loadBuiltinPermissions(),
    };
  }
  return cache;
}

export function rulebookFor(scenario: Scenario): Rulebook {
  const { rulebooks } = builtins();
  const rb = scenario.rulebook
    ? rulebooks.find((r) => r.id === scenario.rulebook)
    : rulebookInForce(rulebooks, scenario.start.slice(0, 10));
  if (!rb) throw new Error(`no rulebook for ${scenario.id}`);
  return rb;
}

export function runOptions(scenario: Scenario) {
  const { airspace, permissions } = builtins();
  return { rulebook: rulebookFor(scenario), airspace, permissions };
}
