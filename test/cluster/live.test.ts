import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../rules/src/protocol/index.js';
import { startMain } from '../jobs/main-process.js';
import { tempDir } from '../server/helpers.js';
import { client, request, startNode, until } from './nodes.js';
import { processCluster } from './process-cluster.js';
import { watch } from './stream.js';

const cluster = processCluster();
const { prefix, nodes, clients } = cluster;

describe('the default live session in a cluster', () => {
  it('runs on exactly one node, is watched from another, and moves on a graceful shutdown', async () => {
    const a = await startNode('node-a', prefix);
    nodes.push(a);
    await until(() => a.main.output().includes('"cluster: Redis'), 'node A joining the cluster');
    const b = await startNode('node-b', prefix);
    nodes.push(b);
    expect(await cluster.redis.get(`${prefix}lease:live`)).toBe('node-a');

    const ready = await fetch(`${b.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', redis: 'ok', node: 'node-b', sessions: [] });
    expect(await (await fetch(`${a.url}/api/ready`)).json()).toMatchObject({ node: 'node-a', sessions: ['live'] });
    expect((await fetch(`${b.url}/api/health`)).status).toBe(200);

    const viewer = await client(b.url);
    clients.push(viewer);
    const hello = await request<{ defaultSessionId: string | null }>(viewer, 'hello', {
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(hello.defaultSessionId).toBe('live');
    const seen = watch(viewer, 'live');
    await request(viewer, 'session:join', { sessionId: 'live' });
    await until(() => seen.ticks.length >= 5, 'ticks of A reaching the viewer on B');

    // an anonymous viewer may not steer the public session: the holder refuses, the refusal comes back
    await expect(request(viewer, 'session:control', { sessionId: 'live', action: 'pause' })).rejects.toThrow(
      /forbidden/,
    );

    const stoppedAt = Date.now();
    a.main.child.kill('SIGTERM');
    expect(await a.main.exited).toBe(0);
    await until(() => (seen.ticks.at(-1)?.at ?? 0) > stoppedAt, 'B continuing the live session', 10_000);
    expect(seen.ticks.find((t) => t.at > stoppedAt)!.at - stoppedAt).toBeLessThan(5000);
    expect(await cluster.redis.get(`${prefix}lease:live`)).toBe('node-b');
    await until(() => seen.ticks.filter((t) => t.at > stoppedAt).length >= 5, 'more ticks from B');
    expect(seen.problems).toEqual([]);
    expect(b.main.output()).toMatch(/took over a session from its checkpoint/);
  }, 120_000);

  it('a node whose Redis does not answer stops at start, naming REDIS_URL', async () => {
    const m = startMain(tempDir('sua-cluster-noredis-'), { REDIS_URL: 'redis://127.0.0.1:1', WORKERS: '0' });
    expect(await m.exited).toBe(1);
    expect(m.output()).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(REDIS_URL\): connect ECONNREFUSED/);
  }, 60_000);
});
