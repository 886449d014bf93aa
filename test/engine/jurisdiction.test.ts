import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { evaluate } from '../../rules/src/engine/index.js';
import { Report } from '../../rules/src/model/index.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { airspace, BASE, check, createPlan, east, lineRoute, rulebooks } from './helpers.js';
import { zurichPlan } from './zurich.js';

const { rb2022, rb2025 } = rulebooks();

describe('jurisdiction (issue 13 item 5)', () => {
  const catalogue = loadCatalogue();
  const shipped = buildZoneIndex(catalogue.zones, { version: catalogue.version });
  const permissions = loadBuiltinPermissions();

  it.each([rb2022, rb2025])('a route in Zürich gets the outside-Hong-Kong finding and nothing else (%s)', (rb) => {
    const r = evaluate(zurichPlan(), { rulebook: rb, airspace: shipped, permissions });
    expect(Report.safeParse(r).success).toBe(true);
    expect(r.jurisdiction).toBe('outside');
    expect(r.findings).toHaveLength(1);
    const [f] = r.findings;
    expect(f.code).toBe('jurisdiction.outside');
    expect(f.effect).toBe('prohibited');
    expect(f.provision.instrument).toBe('Cap. 448G');
    expect(f.message.en).toMatch(/never enters the HKSAR/);
    expect(f.message.zh).toMatch(/香港特區/);
    expect(r.permissionsRequired).toEqual([]);
    expect(r.verdict).toBe('non-compliant');
    expect(r.operation).toBe('standard');
  });

  it('a route inside the boundary is "inside" and judged as usual', () => {
    const r = check(createPlan());
    expect(r.jurisdiction).toBe('inside');
    expect(r.verdict).toBe('compliant');
  });

  it('a route leaving the boundary is "crossing" and keeps its Hong Kong findings', () => {
    const [lon, lat] = BASE;
    const r = check(createPlan({ route: lineRoute(BASE, [east(lon, lat, 10_500), lat]) }));
    expect(r.jurisdiction).toBe('crossing');
    expect(r.findings.some((f) => f.code === 'cross-boundary.outside')).toBe(true);
    expect(r.findings.some((f) => f.code === 'jurisdiction.outside')).toBe(false);
  });

  it('a route wholly outside the test boundary is "outside" under both rulebooks', () => {
    const [lon, lat] = BASE;
    const from: [number, number] = [east(lon, lat, 12_000), lat];
    const plan = createPlan({ route: lineRoute(from, [east(lon, lat, 12_500), lat]) });
    for (const rulebook of [rb2022, rb2025]) {
      const r = check(plan, { rulebook });
      expect(r.jurisdiction).toBe('outside');
      expect(r.findings.map((f) => f.code)).toEqual(['jurisdiction.outside']);
    }
  });

  it('without a boundary zone the jurisdiction is unknown and the route is judged', () => {
    const r = evaluate(createPlan(), { rulebook: rb2025, airspace: airspace([]) });
    expect(r.jurisdiction).toBe('unknown');
    expect(r.findings.some((f) => f.code === 'cross-boundary.no-boundary')).toBe(true);
  });

  it('the shipped catalogue has an HKSAR boundary, so a Hong Kong scenario is inside', () => {
    const r = evaluate(createPlan({ route: lineRoute([114.17, 22.3], [114.171, 22.3]) }), {
      rulebook: rb2025,
      airspace: shipped,
      permissions,
    });
    expect(r.jurisdiction).toBe('inside');
  });
});
