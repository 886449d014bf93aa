import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../server/src/budgets.js';
import { builtinTraffic, jobTraffic, trafficImpactOf } from '../../server/src/services/impact/traffic.js';
import { createThreadPool } from '../../server/src/workers/pool.js';
import { createTrafficCorpus, HALVE_BUFFERS } from './traffic-corpus.js';

/** The traffic side of an impact job runs as a worker-thread task (off the event loop), with the same answer. */
const pool = createThreadPool({ threads: 1, budgets: DEFAULT_BUDGETS });
afterAll(() => pool.close());

describe('the traffic-impact pool task', () => {
  it('gives in a worker thread exactly what the function gives in-process', async () => {
    const draft = { id: 'halve', title: 'Halve the route buffer', base: 'cap448g-2025', changes: HALVE_BUFFERS };
    const traffic = jobTraffic(draft, builtinTraffic());
    if (!traffic) throw new Error('the draft changes traffic parameters');
    const items = createTrafficCorpus().map(({ key, plan }) => ({ key, plan }));
    const inThread = await pool.run('traffic-impact', { traffic, items });
    expect(inThread).toEqual(trafficImpactOf(traffic, items));
    expect(inThread.before.conflicts).toBeGreaterThan(inThread.after.conflicts);
  });
});
