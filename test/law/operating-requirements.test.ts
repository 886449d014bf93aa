import { describe, expect, it } from 'vitest';
import { FT_TO_M } from '../../rules/src/model/index.js';
import { BASE, check, createPlan, east, open, rulebooks, squareZone } from '../engine/helpers.js';

/**
 * Operating requirements of standard operations (CAD Operating Requirements page; s.16(1)/s.17(1),
 * paragraph unknown): exceeding one makes the operation advanced (permission-required), unless the
 * whole flight is inside an enclosed area. One passing and one failing case per provision, at the boundary.
 */
const { rb2022, rb2025 } = rulebooks();
const [lon, lat] = BASE;

function at(altM: number, massG = 720, extra: Parameters<typeof createPlan>[0] = {}) {
  return createPlan({
    ...extra,
    aircraft: { mass: { value: massG, unit: 'g' }, ...extra.aircraft },
    route: {
      coordinates: [
        [lon, lat, altM],
        [east(lon, lat, 200), lat, altM],
      ],
      legSpeeds: [{ value: 15, unit: 'km/h' }],
    },
  });
}

describe.each([rb2022, rb2025])('$id', (rulebook) => {
  describe('maximum height (A2: 300 ft AGL; A1 and A1-exempt: 100 ft AGL)', () => {
    it.each([
      ['A2 exactly 300 ft (91.44 m)', 300 * FT_TO_M, 720, []],
      ['A2 91.45 m', 91.45, 720, ['op.height.a2']],
      ['A1 exactly 100 ft (30.48 m)', 100 * FT_TO_M, 249, []],
      ['A1 30.49 m', 30.49, 249, ['op.height.a1']],
    ] as const)('%s', (_name, alt, mass, expected) => {
      const r = check(at(alt, mass), { rulebook });
      expect(open(r)).toEqual(expected);
      expect(r.verdict).toBe(expected.length ? 'permission-required' : 'compliant');
    });
    it('reports the worst height in the limit unit, with the AGL reference', () => {
      const f = check(at(110), { rulebook }).findings.find((x) => x.ruleId === 'op.height.a2');
      expect(f?.measured).toEqual({ value: 360.89, unit: 'ft AGL' });
      expect(f?.limit).toEqual({ value: 300, unit: 'ft AGL' });
      expect(f?.trigger).toBe('height');
    });
  });

  describe('maximum speed (A2 50 km/h; A1 20 km/h)', () => {
    const speed = (kmh: number, massG: number) =>
      createPlan({
        aircraft: { mass: { value: massG, unit: 'g' } },
        route: {
          legSpeeds: [
            { value: kmh, unit: 'km/h' },
            { value: 10, unit: 'km/h' },
          ],
        },
      });
    it.each([
      ['A2 exactly 50 km/h', 50, 720, []],
      ['A2 50.1 km/h', 50.1, 720, ['op.speed.a2']],
      ['A1 exactly 20 km/h', 20, 249, []],
      ['A1 20.1 km/h', 20.1, 249, ['op.speed.a1']],
    ] as const)('%s', (_n, kmh, mass, expected) => {
      const p = speed(kmh, mass);
      p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 25]);
      expect(open(check(p, { rulebook }))).toEqual(expected);
    });
  });

  describe('lateral distance from uninvolved persons and property (A2 30 m; A1 10 m)', () => {
    const dist = (m: number, massG: number) => {
      const p = at(25, massG);
      p.operation.minDistanceFromUninvolvedM = m;
      return p;
    };
    it.each([
      ['A2 exactly 30 m', 30, 720, []],
      ['A2 29.9 m', 29.9, 720, ['op.lateral.a2']],
      ['A1 exactly 10 m', 10, 249, []],
      ['A1 9.9 m', 9.9, 249, ['op.lateral.a1']],
    ] as const)('%s (declared)', (_n, m, mass, expected) => {
      expect(open(check(dist(m, mass), { rulebook }))).toEqual(expected);
    });
    it('measures the distance to an uninvolved-persons zone (a crowd) along the route', () => {
      // A crowd 25 m south of the route's line: closer than 30 m for A2.
      const crowd = squareZone('crowd', 'uninvolved-persons', [east(lon, lat, 100), lat - 45 / 111_195], 20);
      const r = check(at(25), { rulebook, zones: [crowd] });
      const f = r.findings.find((x) => x.ruleId === 'op.lateral.a2');
      expect(f?.zoneId).toBe('crowd');
      expect(f?.measured?.value).toBeCloseTo(25, 0);
      const far = squareZone('crowd', 'uninvolved-persons', [east(lon, lat, 100), lat - 60 / 111_195], 20);
      expect(open(check(at(25), { rulebook, zones: [far] }))).toEqual([]);
    });
  });

  describe('daylight only (night = sunset to sunrise; rulebook parameter)', () => {
    // Sunset in Hong Kong on 14 March 2026 is about 18:30 HKT (suncalc at the position).
    const flightAt = (iso: string) => {
      const p = at(25);
      p.start = iso;
      return p;
    };
    it('a flight ending before sunset is lawful', () => {
      expect(open(check(flightAt('2026-03-14T18:00:00+08:00'), { rulebook }))).toEqual([]);
    });
    it('a flight after sunset needs permission (trigger night)', () => {
      const r = check(flightAt('2026-03-14T19:00:00+08:00'), { rulebook });
      expect(open(r)).toEqual(['op.daylight']);
      expect(r.permissionsRequired[0].trigger).toBe('night');
    });
    it('a flight before sunrise needs permission', () => {
      expect(open(check(flightAt('2026-03-14T05:30:00+08:00'), { rulebook }))).toEqual(['op.daylight']);
    });
  });

  describe('visual line of sight', () => {
    it('VLOS declared: lawful; BVLOS declared: needs permission (trigger bvlos)', () => {
      expect(open(check(at(25), { rulebook }))).toEqual([]);
      const p = at(25);
      p.operation.vlos = false;
      const r = check(p, { rulebook });
      expect(open(r)).toEqual(['op.vlos']);
      expect(r.permissionsRequired[0].trigger).toBe('bvlos');
    });
  });

  describe('one aircraft per pilot; size; persons or animals; dropping', () => {
    it.each([
      ['1 aircraft per pilot', { operation: { aircraftPerPilot: 1 } }, []],
      ['2 aircraft per pilot', { operation: { aircraftPerPilot: 2 } }, ['op.aircraft-per-pilot']],
      ['max dimension exactly 1 m', { aircraft: { maxDimensionM: 1 } }, []],
      ['max dimension 1.01 m', { aircraft: { maxDimensionM: 1.01 } }, ['op.size']],
      ['rotor tips exactly 1.2 m apart', { aircraft: { maxDimensionM: 1.2, rotorTipSpanM: 1.2 } }, []],
      ['rotor tips 1.21 m apart', { aircraft: { maxDimensionM: 1.21, rotorTipSpanM: 1.21 } }, ['op.size']],
      ['no persons or animals', { operation: { carriesPersonsOrAnimals: false } }, []],
      ['carries an animal', { operation: { carriesPersonsOrAnimals: true } }, ['op.persons-or-animals']],
      ['drops nothing', { operation: { droppingArticles: false } }, []],
      ['drops articles', { operation: { droppingArticles: true } }, ['op.dropping']],
    ] as const)('%s', (_n, over, expected) => {
      expect(open(check(createPlan(over), { rulebook }))).toEqual(expected);
    });
  });

  describe('wholly inside an enclosed area (s.6)', () => {
    it('exceeding an operating requirement does not make the flight advanced', () => {
      const p = at(110);
      p.operation.whollyInEnclosedArea = true;
      const r = check(p, { rulebook });
      expect(r.verdict).toBe('compliant');
      expect(r.operation).toBe('standard');
      const f = r.findings.find((x) => x.ruleId === 'op.height.a2');
      expect(f?.effect).toBe('advisory');
      expect(f?.message.en).toContain('enclosed area');
    });
    it('an enclosed-area zone containing the whole route counts as enclosed', () => {
      const cage = squareZone('cage', 'enclosed-area', [east(lon, lat, 100), lat], 300);
      expect(check(at(110), { rulebook, zones: [cage] }).verdict).toBe('compliant');
    });
    it('a route leaving the enclosed-area zone is not wholly inside it', () => {
      const cage = squareZone('cage', 'enclosed-area', [lon, lat], 50);
      expect(check(at(110), { rulebook, zones: [cage] }).verdict).toBe('permission-required');
    });
    it('dangerous goods stay advanced even in an enclosed area', () => {
      const p = at(25);
      p.operation.whollyInEnclosedArea = true;
      p.operation.dangerousGoods = true;
      expect(open(check(p, { rulebook }))).toContain('dangerous-goods');
    });
  });
});

describe('operating requirements apply to A-columns only', () => {
  it('a category B flight at 110 m raises category-b, not a height finding', () => {
    const r = check(at(110, 9000), { rulebook: rb2025 });
    expect(r.findings.some((f) => f.ruleId.startsWith('op.'))).toBe(false);
    expect(r.permissionsRequired.map((p) => p.trigger)).toEqual(['category-b']);
  });
});
