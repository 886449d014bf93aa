import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { rulebookInForce } from '../../rules/src/engine/index.js';
import type { Monitor } from '../../rules/src/sim/monitor.js';
import type { Watched } from '../../rules/src/sim/monitor-state.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { denseScenario } from './sharded-helpers.js';

// V8's own test of hidden classes; the flag applies to functions compiled after it is set
setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const watchedOf = (m: Monitor, id: string): Watched | undefined =>
  (m as unknown as { watched: Map<string, Watched> }).watched.get(id);

/**
 * An aircraft handed over between monitor shards arrives as a structured clone; the state rebuilt from it must have
 * the hidden classes of the state the monitor makes itself. Records of another shape made the monitor's reads of
 * every aircraft's margin and conformance track polymorphic, and each number read was boxed (2 MB of garbage a tick
 * per 10,000 aircraft), which is invisible to every behavioural test.
 */
describe('aircraft handed over between monitors', () => {
  it('are rebuilt with the hidden classes of records the monitor makes itself', () => {
    const cat = loadCatalogue();
    const airspace = buildZoneIndex(cat.zones, { version: cat.version, elevation: loadGroundModel('terrain') });
    const scenario = denseScenario(60);
    const rulebook = rulebookInForce(loadBuiltinRulebooks(), scenario.start.slice(0, 10));
    if (!rulebook) throw new Error('no rulebook in force');
    const opts = { rulebook, airspace, permissions: [] };
    const from = new ScenarioRun(scenario, opts);
    const native = new ScenarioRun(scenario, opts);
    for (let i = 0; i < 40; i++) {
      from.step();
      native.step();
    }
    const to = new ScenarioRun(scenario, opts);
    let compared = 0;
    let withFindings = 0;
    for (const a of from.sim.aircraft) {
      const id = a.flight.id;
      const snapshot = from.monitor.handOff(id);
      if (!snapshot?.checked) continue;
      expect(to.monitor.takeOver(structuredClone(snapshot))).toBe(true);
      const restored = watchedOf(to.monitor, id);
      const own = watchedOf(native.monitor, id);
      if (!restored?.checked || !own?.checked) throw new Error(`${id}: no judged state`);
      expect(sameMap(restored.checked, own.checked), `${id} checked`).toBe(true);
      expect(sameMap(restored.checked.margin, own.checked.margin), `${id} margin`).toBe(true);
      expect(sameMap(restored.checked.at, own.checked.at), `${id} checked sample`).toBe(true);
      expect(sameMap(restored.conformance, own.conformance), `${id} conformance track`).toBe(true);
      const [ownOpen] = own.open.values();
      const [restoredOpen] = restored.open.values();
      if (ownOpen && restoredOpen) {
        expect(sameMap(restoredOpen, ownOpen), `${id} open finding`).toBe(true);
        withFindings++;
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(withFindings).toBeGreaterThan(5);
  });
});
