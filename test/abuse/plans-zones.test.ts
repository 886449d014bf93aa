/**
 * Issue 10, plans and zones against a real server: 40,000-waypoint plans (one, then three at once), plans a
 * check would reject (never stored), and zone geometry that is inverted, impossible or enormous.
 */
import { describe, expect, it } from 'vitest';
import { checkJson, outcome, settle, storedCounts } from './attacks.js';
import { api, type Reply, underAttack } from './harness.js';
import { expectRefused, expectSurvived, useServer } from './lifecycle.js';
import { basePlan, longPlan, manyWaypointPlan, zeroTimeLegPlan } from './payloads.js';
import {
  antimeridianZone,
  hugeRadiusZone,
  invertedLimitsZone,
  manyVertexZone,
  selfIntersectingZone,
  zoneLayer,
} from './zones.js';

const server = useServer();
const waypoints40k = JSON.stringify(manyWaypointPlan(40_000));

/** A report is bounded when the findings are grouped: the 40k plan answered 65 MB. */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** Refused with the waypoint (or work) budget named, or answered with a bounded report. */
function expectBoundedCheck(reply: Reply | Error): void {
  if (reply instanceof Error) expect.fail(`no answer: ${reply.message}`);
  if (reply.status === 200) {
    expect(reply.text.length, 'a 200 report stays bounded (grouped findings)').toBeLessThan(MAX_REPORT_BYTES);
    return;
  }
  expectRefused(reply, [413, 422], /waypoint|limit|budget|max/i);
}

describe('40,000-waypoint plans', () => {
  it('one check is refused by the waypoint budget or answered with a bounded report', async () => {
    const s = server();
    const { result, health } = await underAttack(s, () => checkJson(s.url, waypoints40k));
    await expectSurvived(s, health);
    expectBoundedCheck(result);
  }, 150_000);

  it('three at once: each bounded, health answered throughout', async () => {
    const s = server();
    const { result, health } = await underAttack(s, () =>
      Promise.all([1, 2, 3].map(() => checkJson(s.url, waypoints40k))),
    );
    await expectSurvived(s, health);
    for (const r of result) expectBoundedCheck(r);
  }, 150_000);

  it('storing one follows the check: refused (and not stored) when a check would refuse it', async () => {
    const s = server();
    const before = await storedCounts(s.url);
    const check = await checkJson(s.url, waypoints40k);
    const store = await settle(
      api(s.url, 'POST', '/api/plans', { raw: waypoints40k, headers: { 'content-type': 'application/json' } }),
    );
    await expectSurvived(s);
    if (check instanceof Error || check.status === 200) return;
    expect(outcome(store), 'the same budget refuses storing it').toBe(String(check.status));
    expect(await storedCounts(s.url)).toEqual(before);
  }, 150_000);
});

describe('plans a check would reject are not stored', () => {
  const rejected = [
    { name: 'a seven-and-a-half-day flight', plan: () => longPlan(7.5), field: /waypointTimesS|route|7 days/i },
    { name: 'a 150 m leg flown in no time', plan: zeroTimeLegPlan, field: /waypointTimesS|route|no time/i },
  ];
  for (const [index, c] of rejected.entries()) {
    it(`POST /api/plans: ${c.name} → 400 naming the field, GET /api/plans unchanged`, async () => {
      const s = server();
      const before = await api<{ total: number }>(s.url, 'GET', '/api/plans?limit=1000');
      const reply = await api(s.url, 'POST', '/api/plans', { json: c.plan() });
      expectRefused(reply, [400, 422], c.field);
      const after = await api<{ total: number }>(s.url, 'GET', '/api/plans?limit=1000');
      expect(after.body).toEqual(before.body);
      await expectSurvived(s);
    });

    it(`PUT /api/plans/:id: ${c.name} → 400, the stored plan unchanged`, async () => {
      const s = server();
      const id = `keep-${index}`;
      expect((await api(s.url, 'POST', '/api/plans', { json: basePlan({ id }) })).status).toBe(201);
      const before = await api(s.url, 'GET', `/api/plans/${id}`);
      const reply = await api(s.url, 'PUT', `/api/plans/${id}`, { json: { ...c.plan(), id } });
      expectRefused(reply, [400, 422], c.field);
      expect((await api(s.url, 'GET', `/api/plans/${id}`)).body).toEqual(before.body);
    });
  }
});

describe('zone geometry is validated on import', () => {
  const importLayer = (url: string, id: string, zones: ReturnType<typeof zoneLayer>) =>
    settle(api(url, 'POST', `/api/zones/import?format=geojson&id=${id}`, { json: zones }));

  it('a zone across the antimeridian is refused, or split so that it does not cover the other side of the world', async () => {
    const s = server();
    const before = await storedCounts(s.url);
    const reply = await importLayer(s.url, 'abuse-antimeridian', zoneLayer([antimeridianZone()]));
    await expectSurvived(s);
    if (reply instanceof Error) expect.fail(reply.message);
    if (reply.status === 201) {
      const near = await api<{ features: unknown[] }>(
        s.url,
        'GET',
        '/api/zones?layer=abuse-antimeridian&bbox=179.6,10.2,179.9,10.8',
      );
      const far = await api<{ features: unknown[] }>(
        s.url,
        'GET',
        '/api/zones?layer=abuse-antimeridian&bbox=-10,9,10,12',
      );
      expect(near.body.features.length, 'the zone is where it was drawn').toBeGreaterThan(0);
      expect(far.body.features, 'and not inverted across Greenwich').toEqual([]);
      await api(s.url, 'DELETE', '/api/zones/layers/abuse-antimeridian');
      return;
    }
    expectRefused(reply, [400, 422], /antimeridian|180|longitude|geometry|coordinates/i);
    expect(await storedCounts(s.url)).toEqual(before);
  });

  const refused = [
    { name: 'lower limit above the upper limit', zone: invertedLimitsZone, names: /lower|upper/i },
    { name: 'a 1e12 m radius', zone: hugeRadiusZone, names: /radius/i },
    { name: 'a self-intersecting polygon', zone: selfIntersectingZone, names: /self-intersect|intersect|geometry/i },
    {
      name: 'an 80,000-vertex polygon',
      zone: () => manyVertexZone(80_000),
      names: /vert|points|coordinates|limit|simplif/i,
    },
  ];
  for (const c of refused)
    it(`${c.name} → 4xx naming it, nothing stored, GET /api/zones 200`, async () => {
      const s = server();
      const before = await storedCounts(s.url);
      const layer = zoneLayer([c.zone()]);
      const { result: reply, health } = await underAttack(s, () =>
        importLayer(s.url, `abuse-${before.layers + 1}`, layer),
      );
      await expectSurvived(s, health);
      expectRefused(reply, [400, 413, 422], c.names);
      expect(await storedCounts(s.url)).toEqual(before);
      expect((await api(s.url, 'GET', '/api/zones')).status).toBe(200);
    }, 60_000);
});
