import { describe, expect, it } from 'vitest';
import { applyDraft, diffRulebooks, rulebookInForce } from '../../rules/src/engine/index.js';
import { loadBuiltinDrafts } from '../../server/src/data/rulebooks.js';
import {
  BASE,
  boundaryZone,
  check,
  createPermission,
  createPlan,
  east,
  lineRoute,
  open,
  rulebooks,
  squareZone,
} from '../engine/helpers.js';

const { rb2022, rb2025, all } = rulebooks();
const [lon, lat] = BASE;

describe('restricted flying zones (s.18)', () => {
  const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 100), lat], 30);
  it.each([rb2022, rb2025])('any part of the flight inside an RFZ needs permission ($id)', (rulebook) => {
    const r = check(createPlan(), { rulebook, zones: [boundaryZone(), rfz] });
    expect(open(r)).toEqual(['rfz']);
    const f = r.findings.find((x) => x.ruleId === 'rfz');
    expect(f?.provision).toMatchObject({ instrument: 'Cap. 448G', section: 's.18', secondary: false });
    expect(f?.zoneId).toBe('rfz');
    expect(f?.trigger).toBe('restricted-flying-zone');
    expect(r.verdict).toBe('permission-required');
  });
  it('a flight passing beside the RFZ is lawful', () => {
    const beside = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 100), lat + 60 / 111_195], 30);
    expect(open(check(createPlan(), { zones: [boundaryZone(), beside] }))).toEqual([]);
  });
  it('applies to A1 too', () => {
    const p = createPlan({ aircraft: { mass: { value: 200, unit: 'g' } } });
    p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 20]);
    p.route.legSpeeds = [
      { value: 10, unit: 'km/h' },
      { value: 10, unit: 'km/h' },
    ];
    expect(open(check(p, { zones: [boundaryZone(), rfz] }))).toEqual(['rfz']);
  });
  it('does not make the flight advanced when wholly inside an enclosed area', () => {
    const p = createPlan({ operation: { whollyInEnclosedArea: true } });
    expect(check(p, { zones: [boundaryZone(), rfz] }).verdict).toBe('compliant');
  });
  it('a permission covering the RFZ makes the flight compliant', () => {
    const permission = createPermission({ covers: ['restricted-flying-zone'] });
    const p = createPlan({ permissions: [permission] });
    const r = check(p, { zones: [boundaryZone(), rfz] });
    expect(r.verdict).toBe('compliant');
    expect(r.findings.find((f) => f.ruleId === 'rfz')?.covered).toEqual({ permissionId: 'test-permission' });
  });
});

describe("Penny's Bay Prohibition Area (Cap. 448E)", () => {
  const area = squareZone('pennys-bay', 'prohibition', [east(lon, lat, 100), lat], 30);
  it('entering it is prohibited: non-compliant', () => {
    const r = check(createPlan(), { zones: [boundaryZone(), area] });
    expect(r.verdict).toBe('non-compliant');
    expect(r.findings.find((f) => f.ruleId === 'prohibition-448e')).toMatchObject({
      effect: 'prohibited',
      provision: { instrument: 'Cap. 448E' },
    });
  });
  it('no SUA permission cures it, not even one covering RFZs', () => {
    const permission = createPermission({ covers: ['restricted-flying-zone', 'height', 'bvlos'] });
    expect(check(createPlan({ permissions: [permission] }), { zones: [boundaryZone(), area] }).verdict).toBe(
      'non-compliant',
    );
  });
  it('nor an enclosed area', () => {
    expect(
      check(createPlan({ operation: { whollyInEnclosedArea: true } }), { zones: [boundaryZone(), area] }).verdict,
    ).toBe('non-compliant');
  });
  it('outside it the flight is lawful', () => {
    const away = squareZone('pennys-bay', 'prohibition', [east(lon, lat, 500), lat], 30);
    expect(check(createPlan(), { zones: [boundaryZone(), away] }).verdict).toBe('compliant');
  });
});

describe('dangerous goods', () => {
  it.each([rb2022, rb2025])('carrying them needs permission at any weight ($id)', (rulebook) => {
    expect(open(check(createPlan({ operation: { dangerousGoods: true } }), { rulebook }))).toEqual(['dangerous-goods']);
    expect(open(check(createPlan({ operation: { dangerousGoods: false } }), { rulebook }))).toEqual([]);
  });
});

describe('cross-boundary operations (L.N. 82 of 2025)', () => {
  // The test boundary is a 20 km square around BASE; this route leaves it to the east.
  const out = createPlan({ route: lineRoute([east(lon, lat, 9_500), lat], [east(lon, lat, 10_500), lat], 60, 40) });
  it('2025: leaving the HKSAR boundary needs prior permission, whatever the weight', () => {
    for (const g of [200, 720, 9000]) {
      const p = structuredClone(out);
      p.aircraft.mass = { value: g, unit: 'g' };
      const r = check(p, { rulebook: rb2025 });
      expect(r.permissionsRequired.map((x) => x.trigger)).toContain('cross-boundary');
    }
  });
  it('2022: the same flight raises no cross-boundary finding', () => {
    const r = check(out, { rulebook: rb2022 });
    expect(r.verdict).toBe('compliant');
    expect(r.findings).toEqual([]);
  });
  it('a flight staying inside the boundary is lawful under 2025', () => {
    expect(check(createPlan(), { rulebook: rb2025 }).verdict).toBe('compliant');
  });
  it('the finding is placed where the aircraft leaves Hong Kong', () => {
    const f = check(out, { rulebook: rb2025 }).findings.find((x) => x.ruleId === 'cross-boundary');
    expect(f?.where?.position[0]).toBeCloseTo(east(lon, lat, 10_000), 4);
  });
  it('without a boundary zone the check cannot be made, and the report says so', () => {
    const r = check(out, { rulebook: rb2025, zones: [] });
    expect(r.findings.map((f) => [f.ruleId, f.effect])).toEqual([['cross-boundary', 'advisory']]);
  });
});

describe('the 2025 amendment changes the answer for the same plan', () => {
  const heavy = createPlan({ aircraft: { mass: { value: 30, unit: 'kg' }, maxDimensionM: 1.9 } });
  it('30 kg: outside the Order in 2022 (non-compliant), category C in 2025 (permission-required)', () => {
    const a = check(heavy, { rulebook: rb2022 });
    const b = check(heavy, { rulebook: rb2025 });
    expect([a.category, a.verdict]).toEqual(['out-of-scope', 'non-compliant']);
    expect([b.category, b.verdict]).toEqual(['C', 'permission-required']);
  });
  it('rules of the amendment do not apply to a flight before its commencement', () => {
    const p = structuredClone(heavy);
    p.start = '2025-07-01T10:00:00+08:00';
    const r = check(p, { rulebook: rb2025 });
    expect(r.findings.some((f) => f.ruleId === 'category-c')).toBe(false);
  });
});

describe('rulebook in force (--as-of)', () => {
  it.each([
    ['2022-05-31', undefined],
    ['2022-06-01', 'cap448g-2022'],
    ['2025-07-17', 'cap448g-2022'],
    ['2025-07-18', 'cap448g-2025'],
    ['2030-01-01', 'cap448g-2025'],
  ])('%s → %s', (date, id) => {
    expect(rulebookInForce(all, date)?.id).toBe(id);
  });
  it('records the 2025 commencement as a target', () => {
    expect(rb2025.commencementNote).toMatch(/TARGET/);
    expect(rb2022.fullEffect).toBe('2022-12-01');
  });
});

describe('draft: A2 maximum height 400 ft', () => {
  const draft = loadBuiltinDrafts().find((d) => d.id === 'a2-height-400ft');
  const applied = draft ? applyDraft(rb2025, draft) : undefined;
  // The pilot meets the advanced-operation prerequisites (rating, insurance): only the height trigger is open.
  const flight110 = createPlan();
  flight110.route.coordinates = flight110.route.coordinates.map(([x, y]) => [x, y, 110]);
  it('turns a 110 m A2 flight from permission-required to compliant', () => {
    if (!applied?.ok) throw new Error('draft did not apply');
    expect(check(flight110, { rulebook: rb2025 }).verdict).toBe('permission-required');
    expect(check(flight110, { rulebook: applied.rulebook }).verdict).toBe('compliant');
  });
  it('still needs permission at 130 m (426.5 ft)', () => {
    if (!applied?.ok) throw new Error('draft did not apply');
    const p = structuredClone(flight110);
    p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 130]);
    expect(check(p, { rulebook: applied.rulebook }).verdict).toBe('permission-required');
  });
  it('diff shows exactly that one change, with its citation', () => {
    if (!applied?.ok) throw new Error('draft did not apply');
    const changes = diffRulebooks(rb2025, applied.rulebook);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'rule-changed',
      ruleId: 'op.height.a2',
      path: 'params.limit.value',
      before: 300,
      after: 400,
    });
    expect(changes[0].citation.url).toBe('https://www.cad.gov.hk/english/sua_safetyreq_operatingreq.html');
  });
});

describe('2022 → 2025 diff lists the amendment', () => {
  it('category C, cross-boundary, record keeping and the new scope, each with its citation', () => {
    const changes = diffRulebooks(rb2022, rb2025);
    const added = changes.filter((c) => c.kind === 'rule-added').map((c) => c.ruleId);
    expect(added.sort()).toEqual(['category-c', 'cross-boundary', 'insurance.c', 'record-keeping']);
    expect(changes.find((c) => c.kind === 'category-changed')).toMatchObject({ after: { value: 150, unit: 'kg' } });
    for (const c of changes) expect(c.citation.url).toMatch(/^https:\/\//);
    // No operating requirement changed.
    expect(changes.filter((c) => c.ruleId?.startsWith('op.'))).toEqual([]);
  });
});
