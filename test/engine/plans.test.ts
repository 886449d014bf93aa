import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyDraft, evaluate, validatePlan } from '../../rules/src/engine/index.js';
import type { FlightPlan } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinDrafts } from '../../server/src/data/rulebooks.js';
import { rulebooks } from './helpers.js';

/** The example plans in scenarios/plans, judged in the built-in catalogue under both rulebooks. */
const DIR = fileURLToPath(new URL('../../scenarios/plans/', import.meta.url));
const { rb2022, rb2025 } = rulebooks();
const catalogue = loadCatalogue();
const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
const permissions = loadBuiltinPermissions();

type V = 'compliant' | 'permission-required' | 'non-compliant';
/** plan → [verdict under cap448g-2022, under cap448g-2025, open permission triggers under 2025]. */
const expected: Record<string, [V, V, string[]]> = {
  'country-park-hobbyist': ['compliant', 'compliant', []],
  'kwun-tong-roof-inspection': ['permission-required', 'permission-required', ['height']],
  'science-park-delivery': ['compliant', 'compliant', []],
  'tung-chung-airport-zone': ['permission-required', 'permission-required', ['restricted-flying-zone']],
  'heavy-lift-30kg': ['non-compliant', 'permission-required', ['category-c']],
  'cross-boundary-shenzhen': ['compliant', 'permission-required', ['cross-boundary']],
  'night-flight-tai-mei-tuk': ['permission-required', 'permission-required', ['night']],
  'a1-mini-drone': ['compliant', 'compliant', []],
  'victoria-harbour-photo': ['permission-required', 'permission-required', ['restricted-flying-zone']],
  'pennys-bay-disneyland': ['non-compliant', 'non-compliant', []],
  'a1-exempt-model': ['compliant', 'compliant', []],
  'cyberport-cheung-chau-bvlos': ['compliant', 'compliant', []],
  'cyberport-cheung-chau-off-corridor': ['non-compliant', 'non-compliant', []],
  'kai-tak-sevens-tfr': ['permission-required', 'permission-required', ['restricted-flying-zone']],
};

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
function load(name: string): FlightPlan {
  const v = validatePlan(JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')));
  if (!v.ok) throw new Error(`${name}: ${JSON.stringify(v.issues)}`);
  return v.plan;
}

describe('scenarios/plans', () => {
  it('has at least ten plans, each with a pinned expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });
  describe.each(Object.entries(expected))('%s', (name, [v2022, v2025, triggers]) => {
    const plan = load(name);
    it(`is ${v2022} under cap448g-2022`, () => {
      expect(evaluate(plan, { rulebook: rb2022, airspace, permissions }).verdict).toBe(v2022);
    });
    it(`is ${v2025} under cap448g-2025, needing permission for [${triggers.join(', ')}]`, () => {
      const r = evaluate(plan, { rulebook: rb2025, airspace, permissions });
      expect(r.verdict).toBe(v2025);
      expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(triggers);
    });
  });
  it('the 110 m Kwun Tong inspection is compliant under the 400 ft draft', () => {
    const draft = loadBuiltinDrafts().find((d) => d.id === 'a2-height-400ft');
    if (!draft) throw new Error('draft missing');
    const applied = applyDraft(rb2025, draft);
    if (!applied.ok) throw new Error('draft did not apply');
    const r = evaluate(load('kwun-tong-roof-inspection'), { rulebook: applied.rulebook, airspace, permissions });
    expect(r.verdict).toBe('compliant');
  });
});
