/**
 * The setup the live benches share: the catalogue's zones over a ground model (as the server builds them; `npm start`
 * judges heights over terrain), and the synthetic busy sky (`syntheticTraffic`, seed 2026 unless given) with the
 * built-in rulebook in force on its day.
 */
import { buildZoneIndex } from '../../../rules/src/airspace/index.js';
import type { ZoneIndex } from '../../../rules/src/airspace/types.js';
import { rulebookInForce } from '../../../rules/src/engine/index.js';
import type { Rulebook } from '../../../rules/src/model/rulebook.js';
import type { Scenario } from '../../../rules/src/sim/scenario.js';
import { syntheticTraffic, type TrafficOptions } from '../../../rules/src/sim/traffic.js';
import { loadCatalogue } from '../../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../../server/src/data/rulebooks.js';
import { type GroundModelId, loadGroundModel } from '../../../server/src/data/terrain.js';

export function benchAirspace(ground: GroundModelId = 'terrain'): ZoneIndex {
  const cat = loadCatalogue();
  return buildZoneIndex(cat.zones, { version: cat.version, elevation: loadGroundModel(ground) });
}

let rulebooks: Rulebook[] | undefined;

export function syntheticSession(
  aircraft: number,
  opts: Omit<TrafficOptions, 'aircraft' | 'seed'> & { seed?: number } = {},
): { scenario: Scenario; rulebook: Rulebook } {
  const scenario = syntheticTraffic({ ...opts, aircraft, seed: opts.seed ?? 2026 });
  rulebooks ??= loadBuiltinRulebooks();
  const rulebook = rulebookInForce(rulebooks, scenario.start.slice(0, 10));
  if (!rulebook) throw new Error(`no built-in rulebook in force on ${scenario.start.slice(0, 10)}`);
  return { scenario, rulebook };
}
