import { describe, expect, it } from 'vitest';
import type { SessionInfo, Snapshot, TickBatch } from '../../rules/src/protocol/index.js';
import { REPLY_TIMEOUT_MS } from '../../server/src/cluster/remote.js';
import { request } from '../realtime/harness.js';
import { inProcessCluster } from './in-process-cluster.js';
import { until } from './nodes.js';

const cluster = inProcessCluster();
/** A cluster node in this process; `serveDelayMs`: it serves forwarded joins that late. */
const node = async (nodeId: string, serveDelayMs?: number) => (await cluster.node(nodeId, { serveDelayMs })).srv;

/** Longer than the asker's first wait: as long as a 10,000-aircraft snapshot takes to build and publish. */
const SLOW_MS = REPLY_TIMEOUT_MS + 1500;

describe('joining through another node a session whose holder is slow to serve the join', () => {
  it('answers ok once the holder is done, with exactly one snapshot and the live ticks after it', async () => {
    const a = await node('a', SLOW_MS);
    const b = await node('b');
    const owner = await a.client({ as: 'regulator' });
    const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test', autoplay: true });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    for (let i = 0; i < 5; i++) a.ticks.pulse(1000);

    const viewer = await b.client();
    const snapshots: Snapshot[] = [];
    const ticks: TickBatch[] = [];
    viewer.on('session:snapshot', (s) => snapshots.push(s));
    viewer.on('tick', (t) => ticks.push(t));
    const asked = Date.now();
    const joined = await request<SessionInfo>(viewer, 'session:join', { sessionId: id });
    expect(joined).toMatchObject({ ok: true, data: { id } });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(SLOW_MS);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0].session.id).toBe(id);

    // followed from here on: A's next ticks reach the viewer, after its snapshot, and no second snapshot comes
    const tickAtJoin = snapshots[0].tick;
    for (let i = 0; i < 3; i++) a.ticks.pulse(1000);
    await until(() => ticks.length >= 3, 'three ticks after the join', 5000);
    expect(ticks.every((t) => t.tick > tickAtJoin)).toBe(true);
    expect(snapshots).toHaveLength(1);
  }, 30_000);
});
