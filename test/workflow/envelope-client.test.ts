import { describe, expect, it } from 'vitest';
import {
  boxAround,
  buildEnvelope,
  defaultDraft,
  draftIssue,
  type EnvelopeDraft,
} from '../../client/src/applications/envelope.js';
import { permissionActiveAt, registerAt, registerTimeMs } from '../../client/src/applications/register-model.js';
import { type Application, ApplicationContent, Permission } from '../../rules/src/model/index.js';
import { applicationContent, envelope } from './fixtures.js';

/**
 * The client's approval envelope (client/src/applications/envelope.ts) and permissions register
 * (register-model.ts): what the regulator edits on the map becomes the Permission the approval sends, and the
 * register shows a permission only while it is in force.
 */
const content = () => ApplicationContent.parse(applicationContent());

function draft(overrides: Partial<EnvelopeDraft> = {}): EnvelopeDraft {
  return { ...defaultDraft('app-1', content().plans[0]), ...overrides };
}

describe('the approval envelope', () => {
  it('starts as a corridor along the route, with a band above the highest waypoint', () => {
    const d = draft();
    const route = content().plans[0].route.coordinates;
    expect(d.shape).toEqual({ type: 'corridor', line: route.map((c) => [c[0], c[1]]) });
    expect(d.upperM).toBeGreaterThan(Math.max(...route.map((c) => c[2] ?? 0)));
    expect(d.lowerM).toBe(0);
  });

  it('sends the edited corridor: a moved vertex and the half-width become the Permission area', () => {
    const d = draft({ halfWidthM: 120 });
    if (d.shape.type !== 'corridor') throw new Error('expected a corridor');
    d.shape.line[1] = [114.05, 22.4];
    const p = Permission.parse(buildEnvelope('app-1', content(), d));
    expect(p.area).toEqual({ type: 'Corridor', line: d.shape.line, halfWidthM: 120 });
    expect(p.id).toBe('perm-app-1');
  });

  it('sends a drawn area as a closed polygon', () => {
    const ring: [number, number][] = [
      [114.0, 22.3],
      [114.1, 22.3],
      [114.1, 22.4],
    ];
    const p = Permission.parse(buildEnvelope('app-1', content(), draft({ shape: { type: 'area', ring } })));
    expect(p.area).toEqual({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
  });

  it('a box around the route contains every vertex, padded by the distance', () => {
    const line: [number, number][] = [
      [114.0, 22.3],
      [114.02, 22.31],
    ];
    const [sw, se, ne, nw] = boxAround(line, 1000);
    expect(sw[0]).toBeLessThan(114.0);
    expect(sw[1]).toBeCloseTo(22.3 - 1000 / 111_320, 5);
    expect(ne[0]).toBeGreaterThan(114.02);
    expect(se).toEqual([ne[0], sw[1]]);
    expect(nw).toEqual([sw[0], ne[1]]);
  });

  it('names the field that keeps a draft from being approved', () => {
    expect(draftIssue(draft())).toBeNull();
    expect(draftIssue(draft({ upperM: 0 }))).toBe('upper');
    expect(draftIssue(draft({ lowerM: -5 }))).toBe('lower');
    expect(draftIssue(draft({ halfWidthM: 0 }))).toBe('half-width');
    expect(draftIssue(draft({ shape: { type: 'corridor', line: [[114, 22.3]] } }))).toBe('corridor-points');
    const twoPoints: [number, number][] = [
      [114, 22.3],
      [114.1, 22.3],
    ];
    expect(draftIssue(draft({ shape: { type: 'area', ring: twoPoints } }))).toBe('area-points');
  });
});

describe('the permissions register', () => {
  const perm = Permission.parse(envelope('perm-app-1')); // March 2026, Hong Kong time
  const inMarch = Date.parse('2026-03-10T12:00:00+08:00');
  const inApril = Date.parse('2026-04-10T12:00:00+08:00');
  const app = (state: Application['state'], permissionId: string | null = 'perm-app-1'): Application => ({
    id: 'app-1',
    orgId: 'org-1',
    state,
    title: 'trial',
    scenario: 'delivery',
    revision: 1,
    permissionId,
    createdBy: 'u',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  const stored = (source: 'builtin' | 'user', p = perm) => [{ id: p.id, source, permission: p }];

  it('shows a permission only inside its validity window', () => {
    expect(permissionActiveAt(perm, inMarch)).toBe(true);
    expect(permissionActiveAt(perm, inApril)).toBe(false);
  });

  it('honours daily periods', () => {
    const daily = Permission.parse({
      ...envelope('daily'),
      daily: [{ days: ['ANY'], start: { time: '09:00' }, end: { time: '17:00' } }],
    });
    expect(permissionActiveAt(daily, inMarch)).toBe(true);
    expect(permissionActiveAt(daily, Date.parse('2026-03-10T20:00:00+08:00'))).toBe(false);
  });

  it("lists an application's permission only while the application is active", () => {
    expect(registerAt(stored('user'), [app('active')], inMarch, true).map((e) => e.permissionId)).toEqual([
      'perm-app-1',
    ]);
    expect(registerAt(stored('user'), [app('active')], inApril, true)).toEqual([]);
    for (const state of ['approved', 'suspended', 'revoked'] as const)
      expect(registerAt(stored('user'), [app(state)], inMarch, true)).toEqual([]);
  });

  it("shows seeded projects to everyone, the regulator's own permissions to regulators only", () => {
    expect(registerAt(stored('builtin'), [], inMarch, false)).toHaveLength(1);
    expect(registerAt(stored('user'), [], inMarch, true)).toHaveLength(1);
    expect(registerAt(stored('user'), [], inMarch, false)).toEqual([]);
  });

  it('follows the live clock, or the chosen Hong Kong time', () => {
    expect(registerTimeMs({ shown: true, mode: 'live', local: '2026-03-10T12:00' }, inApril)).toBe(inApril);
    expect(registerTimeMs({ shown: true, mode: 'chosen', local: '2026-03-10T12:00' }, inApril)).toBe(inMarch);
  });
});
