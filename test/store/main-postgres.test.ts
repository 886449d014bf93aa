import { describe, expect, it } from 'vitest';
import { startMain, startMainAsAdmin, waitFor } from '../jobs/main-process.js';
import { call, tempDir } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { backendReady, freshSchema, storeBackends, urlWithSchema } from './backends.js';

const postgres = (await storeBackends()).find((b) => b.name === 'PostgreSQL');
if (!postgres) throw new Error('no PostgreSQL backend');

describe('npm start with DATABASE_URL', () => {
  it('exits 1 naming the database that did not answer', async () => {
    const main = startMain(tempDir('sua-pg-main-'), { DATABASE_URL: 'postgres://sua:secret@127.0.0.1:1/sua' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toMatch(/PostgreSQL at 127\.0\.0\.1:1 did not answer/);
    expect(main.output() + main.errors()).not.toContain('secret');
  });
});

describe('two nodes on one PostgreSQL database', () => {
  if (!backendReady(postgres)) return;

  it('both start on the same DATA_DIR, share the data, and exactly one resumes jobs', async () => {
    const env = { DATABASE_URL: urlWithSchema(await freshSchema()) };
    const dir = tempDir('sua-pg-main-');
    const nodes = [await startMainAsAdmin(dir, env)];
    try {
      const urlA = await nodes[0].listening;
      nodes.push(await startMainAsAdmin(dir, env));
      const urlB = await nodes[1].listening;
      const created = await call(urlA, 'POST', '/api/plans', { json: basePlan({ id: 'shared-plan' }) });
      expect(created.status).toBe(201);
      expect((await call<{ id: string }>(urlB, 'GET', '/api/plans/shared-plan')).body.id).toBe('shared-plan');
      // the second node sees the id as taken
      expect((await call(urlB, 'POST', '/api/plans', { json: basePlan({ id: 'shared-plan' }) })).status).toBe(409);
      const said = (n: number) => nodes[n].output();
      await waitFor(
        async () => said(1),
        (out) => out.includes('resumes unfinished impact jobs'),
        'node B log',
      );
      expect(said(0)).toContain('this node resumes unfinished impact jobs');
      expect(said(1)).toContain('another node resumes unfinished impact jobs');
    } finally {
      for (const node of nodes) node.child.kill('SIGTERM');
      for (const node of nodes) await node.exited;
    }
  }, 120_000);
});
