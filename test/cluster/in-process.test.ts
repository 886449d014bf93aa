import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../rules/src/protocol/index.js';
import { request } from '../realtime/harness.js';
import { cutOffFromRedis, inProcessCluster, reconnectToRedis, snapshotsOf } from './in-process-cluster.js';
import { until } from './nodes.js';

const cluster = inProcessCluster();
const { prefix } = cluster;
/** A realtime server (manual ticks) as a cluster node, in this process. */
const node = (nodeId: string) => cluster.node(nodeId, { leaseMs: 600 });

describe('takeover of a session that a re-simulation cannot reproduce', () => {
  it('after a rulebook change the new holder re-simulates with that rulebook and resynchronises viewers', async () => {
    const a = await node('a');
    const b = await node('b');
    const owner = await a.srv.client({ as: 'regulator' });
    const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test', autoplay: true });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    for (let i = 0; i < 20; i++) a.srv.ticks.pulse(1000);
    const changed = await request<SessionInfo>(owner, 'session:control', {
      sessionId: id,
      action: 'set-rulebook',
      rulebook: { draftId: 'a2-height-400ft' },
    });
    if (!changed.ok) throw new Error(changed.error.message);
    for (let i = 0; i < 5; i++) a.srv.ticks.pulse(1000);

    // a viewer on B follows it through A
    const snapshots = await snapshotsOf(b.srv, id);
    const elapsed = snapshots[0].session.clock.elapsedMs;
    expect(elapsed).toBeGreaterThan(0);

    // A loses Redis (a crash, for the cluster): its lease lapses and B continues the session
    cutOffFromRedis(a.node);
    await until(() => b.srv.realtime.sessions.get(id) !== undefined, 'B taking the session over', 10_000);
    await until(() => snapshots.length === 2, 'a resynchronising snapshot from B');
    const resync = snapshots[1];
    expect(resync.reason).toBe('seek');
    expect(resync.session.rulebook.draftId).toBe('a2-height-400ft');
    expect(resync.session.clock.elapsedMs).toBe(elapsed);
    expect(resync.seq).toBeGreaterThan(snapshots[0].seq);
    expect(await cluster.redis().get(`${prefix}lease:${id}`)).toBe('b');
    // A, cut off for longer than the lease, stopped simulating it (no second simulation when it comes back)
    await until(() => a.srv.realtime.sessions.get(id) === undefined, 'A giving the session up', 5000);
    await reconnectToRedis(a.node);
  }, 60_000);
});
