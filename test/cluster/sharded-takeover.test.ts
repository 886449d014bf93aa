import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../rules/src/protocol/index.js';
import { startShardThreads } from '../../server/src/monitor-shards/index.js';
import type { RealtimeDeps } from '../../server/src/realtime/index.js';
import { ShardedSession } from '../../server/src/realtime/sharded-session.js';
import { request } from '../realtime/harness.js';
import { cutOffFromRedis, inProcessCluster, reconnectToRedis, snapshotsOf } from './in-process-cluster.js';
import { until } from './nodes.js';

const cluster = inProcessCluster();

/** A node judging every session on 2 shard threads, each start of shard threads recorded in `starts`. */
function shardingNode(nodeId: string, starts: string[]) {
  const deps: Partial<RealtimeDeps> = {
    monitorSharding: {
      shards: 2,
      minAircraft: 1,
      maxSessions: 4,
      startShards: (init, n) => {
        starts.push(`${n} shards`);
        return startShardThreads(init, n);
      },
    },
  };
  return cluster.node(nodeId, { leaseMs: 600, deps });
}

describe('a sharded session taken over by another node', () => {
  it('is re-simulated on the shard threads its new node starts for it, one set, not two', async () => {
    const startsOnA: string[] = [];
    const startsOnB: string[] = [];
    const a = await shardingNode('a', startsOnA);
    const b = await shardingNode('b', startsOnB);
    const owner = await a.srv.client({ as: 'regulator' });
    const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test', autoplay: true });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const onA = a.srv.realtime.sessions.get(id);
    expect(onA).toBeInstanceOf(ShardedSession);
    for (let i = 0; i < 20; i++) a.srv.ticks.pulse(1000);
    if (onA instanceof ShardedSession) await onA.settled();

    const snapshots = await snapshotsOf(b.srv, id);
    const elapsed = snapshots[0].session.clock.elapsedMs;
    expect(elapsed).toBeGreaterThan(0);

    // A loses Redis: its lease lapses and B continues the session from its checkpoint
    const before = startsOnB.length;
    cutOffFromRedis(a.node);
    // generous: B loads two shard threads meanwhile (seconds on a slow machine running the whole suite)
    await until(() => b.srv.realtime.sessions.get(id) !== undefined, 'B taking the session over', 40_000);
    const onB = b.srv.realtime.sessions.get(id);
    expect(onB).toBeInstanceOf(ShardedSession);
    // one start of shard threads for the session B took over: the re-simulation ran on them (it used to start a
    // second set beside the first and close the first, which was most of a takeover's time)
    expect(startsOnB.slice(before)).toEqual(['2 shards']);
    // the re-simulation reached the checkpoint, and the session goes on from there on B
    expect(onB?.elapsedMs).toBeGreaterThanOrEqual(elapsed);
    for (let i = 0; i < 5; i++) b.srv.ticks.pulse(1000);
    if (onB instanceof ShardedSession) await onB.settled();
    expect(onB?.elapsedMs).toBeGreaterThan(elapsed);
    await reconnectToRedis(a.node);
  }, 90_000);
});
