import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { bigKml, kmzOf } from './bombs.js';
import { manyWaypointPlan } from './plans.js';

const MiB = 1_048_576;
const { route: _route, ...template } = basePlan();
const SPEED = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } };

function kmzUpload(kmz: Uint8Array, options: Record<string, unknown> = SPEED) {
  const form = new FormData();
  form.set('template', JSON.stringify(template));
  form.set('options', JSON.stringify(options));
  form.set('file', new Blob([kmz]), 'route.kmz');
  return form;
}

async function storedPlans(s: TestServer): Promise<number> {
  return (await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total;
}

async function checkAudits(s: TestServer): Promise<number> {
  return (await s.store.audit.list({ entityType: 'report' })).length;
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('bytes after decompression (KMZ)', () => {
  // 50 MB of KML in a ~50 KB KMZ: before budgets this took 2 GB and 12 s of the event loop
  const bomb = kmzOf(bigKml(50 * MiB));

  it('a KMZ holding 50 MB of KML is refused with 413 naming the budget, memory bounded, nothing stored', async () => {
    expect(bomb.length).toBeLessThan(MiB);
    const before = process.memoryUsage().rss;
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: kmzUpload(bomb) });
    const grownMb = (process.memoryUsage().rss - before) / MiB;
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.message).toBe(
      `doc.kml inflates to more than ${16 * MiB} bytes; the limit is ${16 * MiB} (bytes after decompression)`,
    );
    expect(issuePaths(r.body)).toEqual(['body.file']);
    expect(grownMb).toBeLessThan(400);
    expect(await storedPlans(s)).toBe(0);
  });

  it('asking for more than the server maximum is 422 naming body.options.maxUncompressedBytes', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: kmzUpload(bomb, { ...SPEED, maxUncompressedBytes: 1024 * MiB }),
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.message).toMatch(/maxUncompressedBytes 1073741824 is above the server's limit of 16777216/);
    expect(issuePaths(r.body)).toEqual(['body.options.maxUncompressedBytes']);
    expect(await storedPlans(s)).toBe(0);
  });

  it('a caller may lower the limit: a 20 KB KML refused at 10,000 bytes, accepted by default', async () => {
    const small = kmzOf(bigKml(20_000));
    const lowered = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: kmzUpload(small, { ...SPEED, maxUncompressedBytes: 10_000 }),
    });
    expect(lowered.status).toBe(413);
    expect(lowered.body.error.message).toMatch(/the limit is 10000 \(bytes after decompression\)/);
    const ok = await call<{ id: string }>(s.url, 'POST', '/api/plans', { raw: kmzUpload(small) });
    expect(ok.status, ok.text).toBe(201);
    await call(s.url, 'DELETE', `/api/plans/${ok.body.id}`);
  });

  it('XML limits may be lowered, not raised', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: kmzUpload(kmzOf(bigKml(1000)), { ...SPEED, maxXmlDepth: 5000 }),
    });
    expect(r.status).toBe(422);
    expect(issuePaths(r.body)).toEqual(['body.options.maxXmlDepth']);
  });
});

describe('waypoints per plan', () => {
  const huge = manyWaypointPlan(40_000);

  it('a 40,000-waypoint check is 422 naming the budget, and no report is stored', async () => {
    const audits = await checkAudits(s);
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: huge });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: 'budget_exceeded',
      message: 'plan has 40000 waypoints; the limit is 10000 (waypoints per plan)',
      issues: [
        {
          path: ['body', 'route', 'coordinates'],
          message: 'plan has 40000 waypoints; the limit is 10000 (waypoints per plan)',
        },
      ],
    });
    expect(r.headers.get('x-report-id')).toBeNull();
    expect(await checkAudits(s)).toBe(audits);
  });

  it('the envelope form names body.plan.route.coordinates', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: { plan: huge } });
    expect(r.status).toBe(422);
    expect(issuePaths(r.body)).toEqual(['body.plan.route.coordinates']);
  });

  it('storing or replacing a 40,000-waypoint plan is 422 and stores nothing', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: huge });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toBe('plan has 40000 waypoints; the limit is 10000 (waypoints per plan)');
    expect(await storedPlans(s)).toBe(0);
    const created = await call<{ id: string }>(s.url, 'POST', '/api/plans', { json: basePlan() });
    const put = await call<ErrorReply>(s.url, 'PUT', `/api/plans/${created.body.id}`, { json: huge });
    expect(put.status).toBe(422);
    const after = await call<{ plan: { route: { coordinates: unknown[] } } }>(
      s.url,
      'GET',
      `/api/plans/${created.body.id}`,
    );
    expect(after.body.plan.route.coordinates).toHaveLength(4);
    await call(s.url, 'DELETE', `/api/plans/${created.body.id}`);
  });
});
