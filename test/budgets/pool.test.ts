import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../rules/src/model/index.js';
import type { Budgets } from '../../server/src/budgets.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { readExamplePlans } from '../../server/src/services/corpus.js';
import { createThreadPool, type WorkPool } from '../../server/src/workers/pool.js';
import { call, type ErrorReply, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { bigKml, kmzOf } from './bombs.js';
import { manyWaypointPlan } from './plans.js';

/**
 * The real worker pool (piscina threads) behind the app: heavy tasks run off the event loop, a task past its
 * time or memory budget is stopped with a 422, the server keeps answering, and the pool serves again after.
 * The runaway is a 60,000-waypoint check (seconds of work) allowed through the waypoint budget on purpose.
 */
const runawayBudgets = { waypoints: 100_000, checkWork: 50_000_000 };
const runaway = manyWaypointPlan(60_000);

async function serverWithPool(budgets: Pick<Budgets, 'taskMs' | 'taskMemoryMb'>) {
  const pool = createThreadPool({ threads: 1, budgets });
  await pool.ready();
  const server = await startServer({ deps: { pool, budgets: { ...runawayBudgets, ...budgets } } });
  return { pool, server };
}

async function expectServing(s: TestServer) {
  const r = await call<Report>(s.url, 'POST', '/api/check', { json: basePlan() });
  expect(r.status, r.text).toBe(200);
  expect(r.body.verdict).toBeDefined();
}

describe('a check past its time budget', () => {
  let pool: WorkPool;
  let s: TestServer;
  beforeAll(async () => {
    ({ pool, server: s } = await serverWithPool({ taskMs: 1_500, taskMemoryMb: 512 }));
  });
  afterAll(async () => {
    await s.close();
    await pool.close();
  });

  it('is stopped with 422 naming the budget while /api/health answers, and the pool serves again', async () => {
    await expectServing(s); // the worker now holds the airspace
    let checkSettled = false;
    const check = call<ErrorReply>(s.url, 'POST', '/api/check', { json: runaway }).finally(() => {
      checkSettled = true;
    });
    const health = await call<{ status: string }>(s.url, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(checkSettled).toBe(false);
    const r = await check;
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: 'budget_exceeded',
      message: 'the check task did not finish in time; the limit is 1500 (milliseconds per task)',
    });
    await pool.ready();
    await expectServing(s); // a fresh worker, which is sent the airspace again
  });

  it('a KMZ bomb is refused inside the worker with 413', async () => {
    const form = new FormData();
    const { route: _r, ...template } = basePlan();
    form.set('template', JSON.stringify(template));
    form.set('options', JSON.stringify({ defaultSpeed: { value: 10, unit: 'm/s' } }));
    form.set('file', new Blob([kmzOf(bigKml(50 * 1_048_576))]), 'bomb.kmz');
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: form });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/the limit is 16777216 \(bytes after decompression\)$/);
  });
});

describe('a check past its memory budget', () => {
  let pool: WorkPool;
  let s: TestServer;
  beforeAll(async () => {
    ({ pool, server: s } = await serverWithPool({ taskMs: 300_000, taskMemoryMb: 64 }));
  });
  afterAll(async () => {
    await s.close();
    await pool.close();
  });

  it('kills its worker and answers 422 naming the budget; the server stays up', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: runaway });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: 'budget_exceeded',
      message: 'the check task ran out of memory; the limit is 64 (MB of heap per task)',
    });
    expect((await call(s.url, 'GET', '/api/health')).status).toBe(200);
    await pool.ready();
    await expectServing(s);
  });
});

describe('checks in a worker', () => {
  let pool: WorkPool;
  let threaded: TestServer;
  let inline: TestServer;
  beforeAll(async () => {
    const elevation = loadGroundModel('terrain');
    pool = createThreadPool({ threads: 1, budgets: { taskMs: 120_000, taskMemoryMb: 512 } });
    [threaded, inline] = await Promise.all([
      startServer({ deps: { pool, elevation } }),
      startServer({ deps: { elevation } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([threaded.close(), inline.close()]);
    await pool.close();
  });

  it('give the same reports as on the main thread, terrain model included', async () => {
    const plans = readExamplePlans();
    expect(plans.length).toBeGreaterThan(3);
    for (const item of plans) {
      const [a, b] = await Promise.all(
        [threaded, inline].map((srv) => call<Report>(srv.url, 'POST', '/api/check', { json: item.plan })),
      );
      expect(a.status, item.key).toBe(b.status);
      expect(a.body, item.key).toEqual(b.body);
    }
    const terrain = await call<Report>(threaded.url, 'POST', '/api/check', { json: basePlan() });
    expect(terrain.body.assumptions[0].en).toMatch(/elevation model "terrain"/);
  });
});
