import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo, Snapshot } from '../../rules/src/protocol/index.js';
import type { Scenario } from '../../rules/src/sim/scenario.js';
import type { ShardLink } from '../../rules/src/sim/sharded/index.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { startShardThreads } from '../../server/src/monitor-shards/index.js';
import type { RealtimeDeps } from '../../server/src/realtime/index.js';
import { ShardedSession } from '../../server/src/realtime/sharded-session.js';
import { denseScenario } from '../sim/sharded-helpers.js';
import { minimaDraft } from '../traffic/separation-fixture.js';
import { type Client, eventsOf, flush, record, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

/**
 * A live session whose monitor runs on shard threads (MONITOR_SHARDS) sends its viewers what the single-threaded
 * session sends: ticks, findings, zone events and snapshots, through telemetry aircraft joining, a draft's
 * separation minima, a permission withdrawn and a seek back.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const PERMISSION = loadBuiltinPermissions()[0].id;

/** 400 aircraft over Kowloon, every third under a sandbox permission (a regulator may open sessions that big). */
function scenario(): Scenario {
  const s = denseScenario(400, 33);
  return { ...s, flights: s.flights.map((f, i) => (i % 3 === 0 ? { ...f, permissions: [PERMISSION] } : f)) };
}

const sharding = (extra: Partial<NonNullable<RealtimeDeps['monitorSharding']>> = {}) => ({
  monitorSharding: { shards: 2, minAircraft: 100, maxSessions: 2, ...extra },
  // sessions a user opens may have 400 aircraft (the default budget is 200)
  budgets: { aircraftPerSession: 1000 },
});

/** Telemetry aircraft crossing the sky west to east (and so the shards' border) at 60–80 m. */
const telemetry = (i: number) =>
  [0, 1, 2].map((k) => ({
    aircraftId: `feed-${k}`,
    time: Date.parse('2026-01-01T00:00:00Z') + i * 1000,
    lon: 114.152 + 0.0012 * i + 0.004 * k,
    lat: 22.31 + 0.008 * k,
    alt: 60 + 10 * k,
    altRef: 'AMSL' as const,
  }));

/** Everything the viewer of the default session receives over a scripted run, hashed. */
async function run(extra: Partial<RealtimeDeps>): Promise<{ hash: string; srv: TestServer; counts: number[] }> {
  const s = scenario();
  const srv = await startServer([s], { defaultScenarioId: s.id, ...extra });
  servers.push(srv);
  const c: Client = await srv.client({ as: 'regulator' });
  const log = record(c);
  const joined = await request(c, 'session:join', { sessionId: 'live' });
  expect(joined.ok).toBe(true);
  const session = srv.realtime.sessions.get('live');
  const settled = async () => {
    if (session instanceof ShardedSession) await session.settled();
  };
  for (let i = 0; i < 40; i++) {
    if (i >= 6 && i < 30) await srv.realtime.telemetry(telemetry(i), 'feeder');
    if (i === 12) {
      const swap = await request<SessionInfo>(c, 'session:control', {
        sessionId: 'live',
        action: 'set-rulebook',
        rulebook: { draft: minimaDraft(s.rulebook ?? 'cap448g-2025', 120, 40) },
      });
      expect(swap.ok).toBe(true);
    }
    if (i === 18) srv.realtime.sessions.setPermissions(loadBuiltinPermissions(), new Set([PERMISSION]));
    if (i === 24) srv.realtime.sessions.setPermissions(loadBuiltinPermissions(), new Set());
    if (i === 32) {
      const seek = await request(c, 'session:control', { sessionId: 'live', action: 'seek', elapsedMs: 20_000 });
      expect(seek.ok).toBe(true);
    }
    srv.ticks.pulse(1000);
    await settled();
  }
  await flush(c);
  const h = createHash('sha256');
  for (const m of log) {
    const payload = m.payload as Record<string, unknown>;
    // zone occupancy: each aircraft's zones as a set (the shards mirror them in the order they were entered)
    const p =
      m.event === 'session:snapshot'
        ? { ...payload, occupancy: sortedLists((payload as unknown as Snapshot).occupancy) }
        : payload;
    h.update(`${m.event}:${JSON.stringify(p)}\n`);
  }
  const count = (e: string) => eventsOf(log, e).length;
  return { hash: h.digest('hex'), srv, counts: [count('tick'), count('finding:opened'), count('session:snapshot')] };
}

const sortedLists = (o: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [...v].sort()]));

describe('live sessions on the sharded monitor', () => {
  it('a 2-shard session sends exactly what the single-threaded session sends', async () => {
    const single = await run({});
    expect(single.srv.realtime.sessions.get('live')).not.toBeInstanceOf(ShardedSession);
    const sharded = await run(sharding());
    const session = sharded.srv.realtime.sessions.get('live');
    expect(session).toBeInstanceOf(ShardedSession);
    expect((session as ShardedSession).shards).toBe(2);
    // the run did what it set out to: a tick a pulse, many findings, and the join and seek snapshots
    expect(single.counts[0]).toBeGreaterThan(35);
    expect(single.counts[1]).toBeGreaterThan(200);
    expect({ sharded: sharded.counts }).toEqual({ sharded: single.counts });
    expect(sharded.hash).toBe(single.hash);
  }, 120_000);

  it('small sessions stay single-threaded, and at most MONITOR_SHARDED_SESSIONS sessions are sharded', async () => {
    const big = scenario();
    const small = liveScenario();
    const srv = await startServer([big, small], { defaultScenarioId: big.id, ...sharding({ maxSessions: 2 }) });
    servers.push(srv);
    expect(srv.realtime.sessions.get('live')).toBeInstanceOf(ShardedSession);
    const c = await srv.client({ as: 'regulator' });
    const open = async (scenarioId: string) => {
      const created = await request<SessionInfo>(c, 'session:create', { scenarioId, autoplay: true });
      if (!created.ok) throw new Error(created.error.message);
      return srv.realtime.sessions.get(created.data.id);
    };
    // 2 flights, under MONITOR_SHARD_MIN_AIRCRAFT: one thread
    expect(await open(small.id)).not.toBeInstanceOf(ShardedSession);
    // the second sharded session, then none more: the third big one is judged on one thread
    expect(await open(big.id)).toBeInstanceOf(ShardedSession);
    const third = await open(big.id);
    expect(third).toBeDefined();
    expect(third).not.toBeInstanceOf(ShardedSession);
    // it runs all the same
    const log = record(c);
    await request(c, 'session:join', { sessionId: third?.id });
    for (let i = 0; i < 5; i++) srv.ticks.pulse(1000);
    await flush(c);
    expect(eventsOf(log, 'tick').length).toBeGreaterThan(0);
  }, 60_000);

  it('shards that cannot start (no shard process free, say): the session runs on one thread, and the log says so', async () => {
    const warnings: string[] = [];
    const s = scenario();
    const srv = await startServer([s], {
      defaultScenarioId: s.id,
      logger: { info: () => {}, warn: (_obj, msg) => warnings.push(msg ?? ''), error: () => {} },
      ...sharding({
        startShards: async () => {
          throw new Error('1 of 2 monitor-shard processes took the run within 10000 ms');
        },
      }),
    });
    servers.push(srv);
    const session = srv.realtime.sessions.get('live');
    expect(session).toBeDefined();
    expect(session).not.toBeInstanceOf(ShardedSession);
    expect(warnings).toContain('monitor shards did not start; this session runs on one thread');
  }, 60_000);

  it('shards that fail close their session with a reason; the server carries on', async () => {
    let broken = false;
    const s = scenario();
    const srv = await startServer([s], {
      defaultScenarioId: s.id,
      ...sharding({
        startShards: async (init, n) => {
          const threads = await startShardThreads(init, n);
          const links = threads.links.map(
            (l): ShardLink => ({
              handOff: (regs) => l.handOff(regs),
              control: (m) => l.control(m),
              tick: (t) => (broken ? Promise.reject(new Error('monitor shard thread exited (code 1)')) : l.tick(t)),
            }),
          );
          return { links, close: threads.close };
        },
      }),
    });
    servers.push(srv);
    const c = await srv.client({ as: 'regulator' });
    const log = record(c);
    await request(c, 'session:join', { sessionId: 'live' });
    const session = srv.realtime.sessions.get('live') as ShardedSession;
    srv.ticks.pulse(1000);
    await session.settled();
    broken = true;
    srv.ticks.pulse(1000);
    await session.settled();
    await flush(c);
    expect(srv.realtime.sessions.get('live')).toBeUndefined();
    const closed = eventsOf<{ sessionId: string; reason: string }>(log, 'session:closed');
    expect(closed).toEqual([{ sessionId: 'live', reason: 'its monitor failed; open it again' }]);
    // a new session starts and runs
    const again = await request<SessionInfo>(c, 'session:create', { scenarioId: s.id, autoplay: true });
    expect(again).toMatchObject({ ok: true });
  }, 60_000);
});
