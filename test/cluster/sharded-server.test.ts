import { describe, expect, it } from 'vitest';
import { type Client, client, request, startNode, until } from './nodes.js';
import { processCluster } from './process-cluster.js';
import { type ShardCli, startShardCli } from './shard-cli.js';
import { streamHash, tickStreamHashes, watch } from './stream.js';

/** The default scenario: 600 s of simulated time, findings and zone changes all along (5 flights). */
const SCENARIO = 'harbour-fireworks-evening';
const SPEED = 20;
/** Node A judges each session on 2 shards in `sua-sandbox monitor-shard` processes (MONITOR_SHARD_PROCESSES). */
const SHARDED_OVER_PROCESSES = {
  MONITOR_SHARDS: '2',
  MONITOR_SHARD_MIN_AIRCRAFT: '1',
  MONITOR_SHARDED_SESSIONS: '2',
  MONITOR_SHARD_PROCESSES: '1',
};

const cluster = processCluster();
const { prefix, nodes, clients } = cluster;

/** session:create with room for a shard start that waits out its timeout (the shared helper allows 10 s). */
async function createSession(socket: Client): Promise<string> {
  const ack = (await socket.timeout(40_000).emitWithAck('session:create', {
    scenarioId: SCENARIO,
    speed: SPEED,
    autoplay: false,
  })) as { ok: boolean; data?: { id: string }; error?: { message: string } };
  if (!ack.ok || !ack.data) throw new Error(`session:create: ${ack.error?.message}`);
  return ack.data.id;
}

describe('a server sharding its live monitor over monitor-shard processes (REDIS_URL, MONITOR_SHARD_PROCESSES=1)', () => {
  it('no shard process: one thread; two: a viewer gets the single-threaded stream; kill -9 of a shard process closes the session with a reason, the server lives on and the next session runs on one thread', async () => {
    const a = await startNode('node-a', prefix, SHARDED_OVER_PROCESSES);
    nodes.push(a);
    const b = await startNode('node-b', prefix);
    nodes.push(b);
    // no shard process yet: A's default session waits out the shard start and runs on one thread
    await until(
      () => /monitor shards did not start; this session runs on one thread/.test(a.main.output()),
      'A starting its default session on one thread',
      30_000,
    );
    const shards: ShardCli[] = [startShardCli(prefix), startShardCli(prefix)];
    try {
      await Promise.all(shards.map((s) => s.ready));
      const onA = await client(a.url);
      const onB = await client(b.url);
      clients.push(onA, onB);
      const sharded = await createSession(onA);
      const reference = await createSession(onB);
      expect(a.main.output()).toMatch(new RegExp(`session ${sharded} judged by 2 monitor shard processes`));
      // each process took one of the session's shards
      for (const s of shards)
        await until(() => s.output().includes('monitor shard serving'), 'a shard process serving');

      const seen = watch(onA, sharded);
      const ref = watch(onB, reference);
      const closed: { sessionId: string; reason: string }[] = [];
      onA.on('session:closed', (c: { sessionId: string; reason: string }) => closed.push(c));
      await request(onA, 'session:join', { sessionId: sharded });
      await request(onB, 'session:join', { sessionId: reference });
      await request(onA, 'session:control', { sessionId: sharded, action: 'play' });
      await request(onB, 'session:control', { sessionId: reference, action: 'play' });
      await until(() => seen.elapsedMs >= 120_000 && ref.elapsedMs >= 120_000, 'two simulated minutes on both');

      expect(seen.problems).toEqual([]);
      expect(ref.problems).toEqual([]);
      const through = Math.min(seen.lastSeq, ref.lastSeq);
      expect(seen.events.filter((e) => e.seq <= through && e.event === 'finding:opened').length).toBeGreaterThan(0);
      expect(streamHash(seen.events, through)).toBe(streamHash(ref.events, through));
      const ticks = tickStreamHashes(seen.ticks, ref.ticks, through);
      expect(ticks.common.length).toBeGreaterThan(20);
      expect(ticks.a, ticks.difference).toBe(ticks.b);

      // a shard process dies: its session cannot be judged any more and is closed, its viewers told why
      const killedAt = Date.now();
      shards[0].child.kill('SIGKILL');
      await shards[0].exited;
      await until(() => closed.some((c) => c.sessionId === sharded), 'the sharded session closed', 15_000);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      expect(closed.find((c) => c.sessionId === sharded)?.reason).toMatch(/its monitor failed; open it again/);
      expect(a.main.output()).toMatch(/monitor shards failed; the session is closed/);
      expect(a.main.child.exitCode).toBeNull();
      expect((await fetch(`${a.url}/api/health`)).status).toBe(200);

      // one shard process is left for a 2-shard session: it waits out the shard start, then runs on one thread
      const next = await createSession(onA);
      expect(a.main.output().match(/monitor shards did not start; this session runs on one thread/g)).toHaveLength(2);
      const again = watch(onA, next);
      await request(onA, 'session:join', { sessionId: next });
      await request(onA, 'session:control', { sessionId: next, action: 'play' });
      await until(() => again.ticks.length > 5, 'the next session ticking on one thread');
      expect(again.problems).toEqual([]);
      // the surviving process gave its slot of the failed start back and went on waiting
      await until(() => shards[1].output().includes('monitor shard done: its run closed'), 'the survivor released');
      expect(shards[1].child.exitCode).toBeNull();
    } finally {
      for (const s of shards) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await Promise.all(shards.map((s) => s.exited));
    }
  }, 180_000);
});
