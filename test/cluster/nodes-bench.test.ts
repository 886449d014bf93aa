import { describe, expect, it } from 'vitest';
import { runCluster } from '../bench/lib/cluster-nodes/run.js';

/**
 * The machinery of `npm run bench:cluster`'s node comparison (test/bench/cluster-nodes.bench.ts) at a tiny size, so
 * it cannot rot: two node processes sharing Redis, one session's lease each, viewers on both nodes. No timing is
 * asserted; what the bench reports must hold: nothing dropped, and broadcasts crossing nodes through Redis.
 */
describe('the cluster-nodes bench', () => {
  it('2 nodes + Redis: every event reaches every viewer, viewers on each node get findings of both sessions', async () => {
    const row = await runCluster({
      nodes: 2,
      aircraft: 400,
      viewers: 4,
      ticks: 6,
      warmS: 15,
      watchS: 1,
      ground: 'terrain',
    });
    expect(row.held).toEqual({ 'node-a': ['bench-a'], 'node-b': ['bench-b'] });
    expect(row.viewersViaRedis).toBe(2);
    expect(row.findingEvents).toBeGreaterThan(0);
    expect(row.droppedEvents).toBe(0);
    expect(row.streamProblems).toBe(0);
    expect(row.minTicksSeen).toBeGreaterThanOrEqual(row.ticks);
    expect(row.warnings).toEqual([]);
    for (const node of ['node-a', 'node-b'])
      for (const session of ['bench-a', 'bench-b'])
        expect(row.findingsReceived[node]?.[session] ?? 0).toBeGreaterThan(0);
    expect(row.findingLatencyP50Ms).toBeGreaterThan(0);
    expect(row.viaRedisLatencyP99Ms).toBeGreaterThan(0);
    expect(row.tickP50Ms).toBeGreaterThan(0);
  }, 240_000);
});
