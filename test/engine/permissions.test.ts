import { describe, expect, it } from 'vitest';
import type { PermissionInput } from '../../rules/src/model/index.js';
import {
  BASE,
  boundaryZone,
  check,
  createPermission,
  createPlan,
  east,
  lineRoute,
  open,
  squareZone,
} from './helpers.js';

const [lon, lat] = BASE;
/** A 110 m A2 flight 200 m east and back: raises the height trigger. */
function high(over: Parameters<typeof createPlan>[0] = {}) {
  const p = createPlan(over);
  p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 110]);
  return p;
}

describe('a declared permission covers triggers inside its envelope', () => {
  it('inline permission covering height: compliant, the finding is kept as covered', () => {
    const r = check(high({ permissions: [createPermission()] }));
    expect(r.verdict).toBe('compliant');
    expect(r.operation).toBe('advanced');
    expect(
      r.findings.filter((f) => f.ruleId === 'op.height.a2').every((f) => f.covered?.permissionId === 'test-permission'),
    ).toBe(true);
    expect(r.permissionsRequired).toEqual([]);
  });
  it('a permission given by id is resolved against the known permissions', () => {
    const r = check(high({ permissions: ['test-permission'] }), { permissions: [createPermission()] });
    expect(r.verdict).toBe('compliant');
  });
  it('an unknown permission id is ignored and said so', () => {
    const r = check(high({ permissions: ['no-such-permission'] }));
    expect(r.verdict).toBe('permission-required');
    expect(r.assumptions.some((a) => a.en.includes('no-such-permission'))).toBe(true);
  });
  it('a permission that does not cover the trigger changes nothing', () => {
    const r = check(high({ permissions: [createPermission({ covers: ['night'] })] }));
    expect(r.verdict).toBe('permission-required');
    expect(r.findings.some((f) => f.ruleId.startsWith('permission:'))).toBe(false);
  });
  it('a permission declared but not needed is not checked (a standard flight stays compliant)', () => {
    const far = createPermission({
      area: {
        type: 'Corridor',
        line: [
          [114.0, 22.3],
          [114.01, 22.3],
        ],
        halfWidthM: 50,
      },
    });
    expect(check(createPlan({ permissions: [far] })).verdict).toBe('compliant');
  });
});

describe('leaving the envelope is a finding of its own (non-compliant)', () => {
  it('outside the corridor (distance to the centre line > halfWidthM)', () => {
    const narrow = createPermission({
      area: {
        type: 'Corridor',
        line: [
          [lon, lat],
          [east(lon, lat, 100), lat],
        ],
        halfWidthM: 50,
      },
    });
    const r = check(high({ permissions: [narrow] }));
    expect(r.verdict).toBe('non-compliant');
    const f = r.findings.find((x) => x.kind === 'permission-envelope');
    expect(f?.message.en).toContain('outside the corridor');
    expect(f?.provision.secondary).toBe(true);
    // The corridor ends at 100 m; its buffer reaches 150 m: first point outside is just beyond.
    expect(f?.where?.position[0]).toBeGreaterThan(east(lon, lat, 149));
    expect(f?.where?.position[0]).toBeLessThan(east(lon, lat, 176));
  });
  it('above the altitude band', () => {
    const band = createPermission({ altitudeBand: { upper: { value: 100, unit: 'm', ref: 'AGL' } } });
    const r = check(high({ permissions: [band] }));
    expect(r.verdict).toBe('non-compliant');
    expect(r.findings.find((x) => x.kind === 'permission-envelope')?.message.en).toContain('altitude band');
  });
  it('outside the validity window', () => {
    const expired = createPermission({
      validity: [{ from: '2025-01-01T00:00:00+08:00', to: '2025-12-31T23:59:59+08:00' }],
    });
    expect(
      check(high({ permissions: [expired] })).findings.find((x) => x.kind === 'permission-envelope')?.message.en,
    ).toContain('times');
  });
  it('outside the daily period', () => {
    const mornings = createPermission({ daily: [{ days: ['ANY'], start: { time: '06:00' }, end: { time: '09:00' } }] });
    expect(check(high({ permissions: [mornings] })).verdict).toBe('non-compliant');
    const days = createPermission({ daily: [{ days: ['ANY'], start: { time: '09:00' }, end: { time: '12:00' } }] });
    expect(check(high({ permissions: [days] })).verdict).toBe('compliant');
  });
  it('a polygon area', () => {
    const poly = (halfM: number) => {
      const g = squareZone('a', 'sandbox-corridor', [east(lon, lat, 100), lat], halfM).geometry;
      if (g.type !== 'Polygon') throw new Error('expected a polygon');
      return createPermission({ area: g });
    };
    expect(check(high({ permissions: [poly(300)] })).verdict).toBe('compliant');
    expect(check(high({ permissions: [poly(50)] })).verdict).toBe('non-compliant');
  });
  it('an aircraft outside the envelope (mass, category, model)', () => {
    const envelopes: PermissionInput['aircraft'][] = [
      { maxMass: { value: 500, unit: 'g' } },
      { maxMass: { value: 25, unit: 'kg' }, categories: ['B'] },
      { maxMass: { value: 25, unit: 'kg' }, models: ['Other'] },
    ];
    for (const aircraft of envelopes) {
      const r = check(high({ permissions: [createPermission({ aircraft })] }));
      expect(r.verdict).toBe('non-compliant');
      expect(r.findings.some((f) => f.kind === 'permission-aircraft')).toBe(true);
      // Outside its aircraft envelope the permission covers nothing.
      expect(open(r)).toContain('op.height.a2');
    }
  });
});

describe('conditions a permission adds', () => {
  it.each([
    ['max height inside the corridor', { maxHeight: { value: 100, unit: 'm', ref: 'AGL' } }, {}],
    ['max speed', { maxSpeed: { value: 20, unit: 'km/h' } }, {}],
    ['aircraft per pilot', { maxAircraftPerPilot: 1 }, { operation: { aircraftPerPilot: 2 } }],
    ['fail-safe', { requireFailSafe: true }, { aircraft: { equipment: { failSafe: false } } }],
    ['remote ID', { requireRemoteId: true }, {}],
    ['advanced rating', { requireAdvancedRating: true }, { pilot: { advancedRating: false } }],
    ['insurance', { minInsuranceHKD: 20_000_000 }, {}],
  ] as const)('%s: broken is non-compliant, kept is compliant', (_n, conditions, planOver) => {
    const covers = ['height', 'aircraft-per-pilot'] as const;
    const broken = check(high({ ...planOver, permissions: [createPermission({ covers: [...covers], conditions })] }));
    expect(broken.verdict).toBe('non-compliant');
    expect(broken.findings.some((f) => f.kind === 'permission-condition')).toBe(true);
    const kept = check(high({ permissions: [createPermission({ covers: [...covers] })] }));
    expect(kept.verdict).toBe('compliant');
  });
});

describe('sandbox corridor with RFZ crossing and BVLOS', () => {
  const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 600), lat], 50);
  const plan = createPlan({ operation: { vlos: false }, route: lineRoute([lon, lat], [east(lon, lat, 900), lat]) });
  it('covered inside the corridor', () => {
    const p = createPermission({ covers: ['bvlos', 'restricted-flying-zone'] });
    const r = check({ ...plan, permissions: [p] }, { zones: [boundaryZone(), rfz] });
    expect(r.verdict).toBe('compliant');
  });
  it('not covered where the corridor does not reach: the RFZ part is open and the envelope is left', () => {
    const short = createPermission({
      covers: ['bvlos', 'restricted-flying-zone'],
      area: {
        type: 'Corridor',
        line: [
          [lon, lat],
          [east(lon, lat, 300), lat],
        ],
        halfWidthM: 50,
      },
    });
    const r = check({ ...plan, permissions: [short] }, { zones: [boundaryZone(), rfz] });
    expect(open(r)).toEqual(expect.arrayContaining(['rfz', 'permission:test-permission']));
    expect(r.verdict).toBe('non-compliant');
  });
});
