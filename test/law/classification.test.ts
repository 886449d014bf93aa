import { describe, expect, it } from 'vitest';
import { check, createPlan, open, rulebooks } from '../engine/helpers.js';

/**
 * Cap. 448G s.3: categories by weight at all times during the flight, upper bounds inclusive
 * ("not more than"). 2022: A1 ≤ 250 g, A2 ≤ 7 kg, B ≤ 25 kg, heavier outside the Order.
 * 2025 (L.N. 82 of 2025): C ≤ 150 kg, heavier outside the Order.
 */
const { rb2022, rb2025 } = rulebooks();

const mass = (value: number, unit: 'g' | 'kg') => createPlan({ aircraft: { mass: { value, unit } } });

describe.each([
  // mass, unit, 2022 category, 2025 category
  [250, 'g', 'A1', 'A1'],
  [250.1, 'g', 'A2', 'A2'],
  [7, 'kg', 'A2', 'A2'],
  [7000.1, 'g', 'B', 'B'],
  [25, 'kg', 'B', 'B'],
  [25.001, 'kg', 'out-of-scope', 'C'],
  [30, 'kg', 'out-of-scope', 'C'],
  [150, 'kg', 'out-of-scope', 'C'],
  [150.001, 'kg', 'out-of-scope', 'out-of-scope'],
] as const)('%s %s', (value, unit, c2022, c2025) => {
  it(`is ${c2022} under cap448g-2022`, () => {
    expect(check(mass(value, unit), { rulebook: rb2022 }).category).toBe(c2022);
  });
  it(`is ${c2025} under cap448g-2025`, () => {
    expect(check(mass(value, unit), { rulebook: rb2025 }).category).toBe(c2025);
  });
});

describe('scope (s.3(1); 150 kg from L.N. 82 of 2025)', () => {
  it('an aircraft heavier than the top category is non-compliant whatever else holds', () => {
    const r = check(mass(25.5, 'kg'), { rulebook: rb2022 });
    expect(r.verdict).toBe('non-compliant');
    expect(r.column).toBeNull();
    const scope = r.findings.find((f) => f.ruleId === 'scope');
    expect(scope?.effect).toBe('prohibited');
    expect(scope?.measured).toEqual({ value: 25.5, unit: 'kg' });
    expect(scope?.limit).toEqual({ value: 25, unit: 'kg' });
    expect(scope?.provision.section).toBe('s.3(1)');
  });
  it('exactly 25 kg is within the 2022 Order (category B, needs permission, not non-compliant)', () => {
    const r = check(
      createPlan({
        aircraft: { mass: { value: 25, unit: 'kg' }, maxDimensionM: 0.9 },
        pilot: { advancedRating: true },
        responsiblePerson: { insurance: { value: 10_000_000, unit: 'HKD' } },
      }),
      { rulebook: rb2022 },
    );
    expect(r.verdict).toBe('permission-required');
    expect(open(r)).toEqual(['category-b']);
  });
  it('exactly 150 kg is category C under 2025 and needs permission; 150.001 kg is outside the Order', () => {
    expect(check(mass(150, 'kg'), { rulebook: rb2025 }).verdict).toBe('permission-required');
    expect(check(mass(150.001, 'kg'), { rulebook: rb2025 }).verdict).toBe('non-compliant');
  });
});

describe('category B and C operations need permission', () => {
  it('category B raises the category-b trigger under both rulebooks', () => {
    for (const rulebook of [rb2022, rb2025]) {
      const r = check(mass(10, 'kg'), { rulebook });
      expect(r.operation).toBe('advanced');
      expect(r.permissionsRequired.map((p) => p.trigger)).toContain('category-b');
    }
  });
  it('category C raises the category-c trigger (2025) and is not an A-column operation', () => {
    const r = check(mass(60, 'kg'), { rulebook: rb2025 });
    expect(r.column).toBe('C');
    expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(['category-c']);
    expect(r.findings.find((f) => f.ruleId === 'category-c')?.provision).toMatchObject({
      instrument: 'L.N. 82 of 2025',
      secondary: true,
    });
  });
  it('A2 raises no category trigger', () => {
    expect(check(mass(7, 'kg'), { rulebook: rb2025 }).permissionsRequired).toEqual([]);
  });
});

describe('Category A1 under exemption (CAD Exemption Notice)', () => {
  const exempt = (value: number) =>
    createPlan({
      aircraft: { mass: { value, unit: 'g' }, a1Exemption: true },
      route: {
        coordinates: [
          [114.3, 22.4, 25],
          [114.301, 22.4, 25],
        ],
        legSpeeds: [{ value: 18, unit: 'km/h' }],
      },
    });
  it('an A2-weight exempted aircraft is judged in the A1-exempt column', () => {
    const r = check(exempt(300));
    expect(r.category).toBe('A2');
    expect(r.column).toBe('A1-exempt');
    expect(r.verdict).toBe('compliant');
  });
  it('the A1 limits apply to it: 40 m AGL exceeds 100 ft', () => {
    const p = exempt(300);
    p.route.coordinates = [
      [114.3, 22.4, 40],
      [114.301, 22.4, 40],
    ];
    const r = check(p);
    expect(open(r)).toContain('op.height.a1');
    expect(r.verdict).toBe('permission-required');
  });
  it('the A2 regulatory requirements apply to it: unregistered is non-compliant', () => {
    const p = exempt(300);
    p.aircraft.registration = null;
    expect(open(check(p))).toContain('reg.aircraft.standard');
  });
  it('a declared exemption on a category B aircraft is ignored (and said so)', () => {
    const r = check(exempt(9000));
    expect(r.column).toBe('B');
    expect(r.assumptions.some((a) => a.en.includes('A1 exemption'))).toBe(true);
  });
});
