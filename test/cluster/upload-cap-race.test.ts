import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetsWith } from '../../server/src/budgets.js';
import { PLAN_IMPORT_JOBS_PER_PRINCIPAL } from '../../server/src/services/plan-import-jobs.js';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { createInProcessPool, type WorkPool } from '../../server/src/workers/pool.js';
import { call, sharedData, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { freshSchema, probePostgres, urlWithSchema } from '../store/backends.js';

/**
 * One user's cap of queued or running plan uploads (PLAN_IMPORT_JOBS_PER_PRINCIPAL) on two nodes of one
 * PostgreSQL store: each node counts the user's unfinished uploads and creates the job under the user's lock
 * (Store.exclusive), so uploads sent to both nodes at once never pass the cap together. The uploads are held in a
 * gated pool so that they stay unfinished while they are counted.
 */
function gatedPool(): { pool: WorkPool; open: () => void } {
  const inner = createInProcessPool(budgetsWith({}));
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const pool: WorkPool = {
    kind: inner.kind,
    run: async (task, input, opts) => {
      await gate;
      return inner.run(task, input, opts);
    },
    ready: () => inner.ready(),
    close: () => inner.close(),
  };
  return { pool, open: () => open() };
}

const { route: _route, ...template } = basePlan();
const gpx = fs.readFileSync(sharedData('gpx/route.gpx'));
function upload(): FormData {
  const form = new FormData();
  form.set('template', JSON.stringify(template));
  form.set(
    'options',
    JSON.stringify({ defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } }),
  );
  form.set('file', new Blob([gpx]), 'route.gpx');
  return form;
}

describe('a user’s cap of queued plan uploads on two nodes of one PostgreSQL store', () => {
  beforeAll(async () => {
    const down = await probePostgres();
    if (down) throw new Error(`${down}: the cluster tests need PostgreSQL`);
  });

  it('uploads sent to both nodes at once: exactly the cap are accepted, the rest 429, and only the cap stored', async () => {
    const url = urlWithSchema(await freshSchema());
    const gates = [gatedPool(), gatedPool()];
    const nodes: TestServer[] = [];
    try {
      for (const g of gates)
        nodes.push(
          await startServer({ store: await openPostgresStore({ url, maxConnections: 4 }), deps: { pool: g.pool } }),
        );
      const org = await seedOrganisation(nodes[0].store, 'Operator A', 'operator');
      const who = await seedPrincipal(nodes[0].store, 'applicant', { orgId: org.id });
      const cap = PLAN_IMPORT_JOBS_PER_PRINCIPAL;
      const sent = Array.from({ length: 2 * cap }, (_, i) =>
        call<{ jobId: string }>(nodes[i % 2].url, 'POST', '/api/plans?async=1', {
          raw: upload(),
          headers: who.headers,
        }),
      );
      const replies = await Promise.all(sent);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, replies.map((r) => r.text.slice(0, 120)).join('\n')).toEqual([
        ...Array<number>(cap).fill(202),
        ...Array<number>(cap).fill(429),
      ]);
      const jobs = await nodes[0].store.jobs.countUnfinished(`user:${who.userId}`, 'plan-import');
      expect(jobs).toBe(cap);
    } finally {
      for (const g of gates) g.open();
      for (const n of nodes) await n.close();
    }
  }, 60_000);
});
