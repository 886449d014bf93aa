import { describe, expect, it } from 'vitest';
import { check, createPlan, open, rulebooks } from '../engine/helpers.js';

/**
 * Regulatory requirements (CAD regulatory-requirements page, secondary): registration and label,
 * remote pilot ≥ 14, responsible person ≥ 18, flight log and geo-awareness — for standard A2 and A1
 * under exemption and for advanced operations, not for standard A1. For advanced operations the
 * advanced rating and HK$10 million insurance are prerequisites of the permission.
 */
const { rb2022, rb2025 } = rulebooks();

const a1 = (over: Parameters<typeof createPlan>[0] = {}) =>
  createPlan({
    ...over,
    aircraft: { mass: { value: 249, unit: 'g' }, ...over.aircraft },
    route: {
      coordinates: [
        [114.3, 22.4, 25],
        [114.301, 22.4, 25],
      ],
      legSpeeds: [{ value: 15, unit: 'km/h' }],
    },
  });
const bvlos = (over: Parameters<typeof createPlan>[0] = {}) =>
  createPlan({ ...over, operation: { vlos: false, ...over.operation } });

describe.each([rb2022, rb2025])('$id', (rulebook) => {
  describe('standard A2: unmet requirements are non-compliant', () => {
    it.each([
      ['registered aircraft', {}, []],
      ['unregistered aircraft', { aircraft: { registration: null } }, ['reg.aircraft.standard']],
      ['no label', { aircraft: { labelled: false } }, ['reg.label.standard']],
      ['unregistered pilot', { pilot: { registered: false } }, ['reg.pilot.standard']],
      [
        'unregistered responsible person',
        { responsiblePerson: { registered: false } },
        ['reg.responsible-person.standard'],
      ],
      ['pilot exactly 14', { pilot: { age: 14 } }, []],
      ['pilot 13', { pilot: { age: 13 } }, ['age.pilot.standard']],
      ['responsible person exactly 18', { responsiblePerson: { age: 18 } }, []],
      ['responsible person 17', { responsiblePerson: { age: 17 } }, ['age.responsible-person.standard']],
      ['no flight log', { aircraft: { equipment: { flightLog: false } } }, ['equipment.standard']],
      ['no geo-awareness', { aircraft: { equipment: { geoAwareness: false } } }, ['equipment.standard']],
      [
        'no advanced rating, no insurance (not needed for standard A2)',
        { pilot: { advancedRating: false }, responsiblePerson: { insurance: null } },
        [],
      ],
    ] as const)('%s', (_n, over, expected) => {
      const r = check(createPlan(over), { rulebook });
      expect(open(r)).toEqual(expected);
      expect(r.verdict).toBe(expected.length ? 'non-compliant' : 'compliant');
    });
    it('findings carry the CAD document as a secondary citation and the rulebook version', () => {
      const f = check(createPlan({ aircraft: { registration: null } }), { rulebook }).findings[0];
      expect(f.provision).toMatchObject({
        section: null,
        secondary: true,
        url: 'https://www.cad.gov.hk/english/sua_overview_regulatoryreq.html',
      });
      expect(f.rulebookVersion).toBe(`${rulebook.id}@${rulebook.version}`);
      expect(f.message.en).toContain('not registered');
      expect(f.message.zh).toContain('登記');
    });
  });

  describe('standard A1 needs none of them', () => {
    it('unregistered, unlabelled, 12-year-old pilot, no flight log: compliant', () => {
      const r = check(
        a1({
          aircraft: { registration: null, labelled: false, equipment: { flightLog: false, geoAwareness: false } },
          pilot: { age: 12, registered: false },
          responsiblePerson: { registered: false, age: 16 },
        }),
        { rulebook },
      );
      expect(r.findings).toEqual([]);
      expect(r.verdict).toBe('compliant');
    });
  });

  describe('advanced operations: prerequisites of the permission', () => {
    it('advanced rating and HK$10 million insurance held: only the trigger is open', () => {
      expect(open(check(bvlos(), { rulebook }))).toEqual(['op.vlos']);
    });
    it.each([
      ['no advanced rating', { pilot: { advancedRating: false } }, 'advanced-rating'],
      [
        'insurance HK$9,999,999',
        { responsiblePerson: { insurance: { value: 9_999_999, unit: 'HKD' } } },
        'insurance.advanced',
      ],
      ['no insurance', { responsiblePerson: { insurance: null } }, 'insurance.advanced'],
      ['unregistered aircraft', { aircraft: { registration: null } }, 'reg.aircraft.advanced'],
    ] as const)('%s: no permission supplies it, so it is prohibited and names what to obtain', (_n, over, rule) => {
      // Issue 13: this was "permission-required" though no permission could cure it.
      const r = check(bvlos(over), { rulebook });
      expect(open(r)).toContain(rule);
      const f = r.findings.find((x) => x.ruleId === rule);
      expect(f?.effect).toBe('prohibited');
      expect(f?.trigger).toBeUndefined();
      expect(f?.message.en).toMatch(/obtain|register/i);
      expect(r.verdict).toBe('non-compliant');
      // The permission still to seek is listed all the same: the BVLOS trigger alone.
      expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(['bvlos']);
    });
    it('insurance of exactly HK$10 million meets the minimum', () => {
      const r = check(bvlos({ responsiblePerson: { insurance: { value: 10_000_000, unit: 'HKD' } } }), { rulebook });
      expect(open(r)).not.toContain('insurance.advanced');
    });
    it('an underage pilot cannot be cured by a permission: non-compliant', () => {
      const r = check(bvlos({ pilot: { age: 13 } }), { rulebook });
      expect(open(r)).toContain('age.pilot.advanced');
      expect(r.verdict).toBe('non-compliant');
    });
    it('an A1 flight that becomes advanced needs registration and rating too', () => {
      const r = check(
        a1({ operation: { vlos: false }, aircraft: { registration: null }, pilot: { advancedRating: false } }),
        { rulebook },
      );
      expect(open(r)).toEqual(expect.arrayContaining(['op.vlos', 'reg.aircraft.advanced', 'advanced-rating']));
    });
  });
});

describe('grace period: regulatory requirements took full effect on 1 December 2022', () => {
  const { rb2022: rb } = rulebooks();
  it('on 15 November 2022 an unregistered A2 flight is not yet an offence under the registration rule', () => {
    const p = createPlan({ aircraft: { registration: null } });
    p.start = '2022-11-15T10:00:00+08:00';
    const r = check(p, { rulebook: rb });
    expect(open(r)).toEqual([]);
    expect(r.assumptions.some((a) => a.en.includes('reg.aircraft.standard (2022-12-01)'))).toBe(true);
  });
  it('on 1 December 2022 it is', () => {
    const p = createPlan({ aircraft: { registration: null } });
    p.start = '2022-12-01T10:00:00+08:00';
    expect(open(check(p, { rulebook: rb }))).toEqual(['reg.aircraft.standard']);
  });
});
