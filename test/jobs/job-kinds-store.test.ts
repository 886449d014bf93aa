import { describe, expect, it } from 'vitest';
import { backendReady, storeBackends } from '../store/backends.js';

// The job table holds more than one kind of job (migration 0009-job-kinds): the same contract on both stores.
describe.each(await storeBackends())('$name store: job kinds', (backend) => {
  if (!backendReady(backend)) return;

  it('stores the kind (impact by default) and lists unfinished jobs of one kind', async () => {
    const database = await backend.newDatabase();
    const store = await database.open();
    try {
      const impact = await store.jobs.create({
        id: 'i1',
        request: { draft: 'd', base: 'b@1', corpus: 'stored' },
        total: 2,
      });
      expect(impact.kind).toBe('impact');
      const batch = await store.jobs.create({
        id: 'b1',
        kind: 'scenario-batch',
        request: { scenarios: ['s1', 's1'], rulebook: null, seed: 4 },
        total: 2,
        input: { v: 1 },
      });
      expect(batch).toMatchObject({ kind: 'scenario-batch', status: 'queued', total: 2 });
      expect(await store.jobs.get('b1')).toMatchObject({
        kind: 'scenario-batch',
        request: { scenarios: ['s1', 's1'], rulebook: null, seed: 4 },
      });
      expect((await store.jobs.get('i1'))?.kind).toBe('impact');
      expect((await store.jobs.unfinished()).map((j) => j.id).sort()).toEqual(['b1', 'i1']);
      expect((await store.jobs.unfinished('impact')).map((j) => j.id)).toEqual(['i1']);
      expect((await store.jobs.unfinished('scenario-batch')).map((j) => j.id)).toEqual(['b1']);
      // a batch's checkpoint: the finished runs ride in the opaque totals, with no result rows
      await store.transaction((tx) =>
        tx.jobs.checkpoint('b1', { processed: 1, rows: [], tally: [{ scenario: 's1' }], workMs: 5 }),
      );
      expect(await store.jobs.resumeState('b1')).toEqual({
        input: { v: 1 },
        tally: [{ scenario: 's1' }],
        processed: 1,
        workMs: 5,
      });
      await store.jobs.finish('b1', { runs: [] }, [], 9);
      expect(await store.jobs.unfinished('scenario-batch')).toEqual([]);
      expect(await store.jobs.get('b1')).toMatchObject({ status: 'done', processed: 2, summary: { runs: [] } });
    } finally {
      await store.close();
    }
  });
});
