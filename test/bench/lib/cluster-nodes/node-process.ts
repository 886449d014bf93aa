/**
 * One node of the cluster-nodes bench, as its own process (spawned by nodes.ts with an IPC channel): the product's
 * live layer (registerRealtime, as createApp wires it) and, with `redis` set, the product's cluster node
 * (startClusterNode: Redis adapter, leases, checkpoints), without the REST API. It simulates the synthetic sessions
 * it is given (created here, so this node holds their leases), pulsed at 1 Hz (speed 1) by its own timer, and
 * measures each pass: its compute (every session of this node, sinks and broadcasts included) and the start of the
 * pass that emitted each event, on a clock comparable across processes of one machine (timeOrigin + now).
 * Test-only: no product code knows about it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildZoneIndex } from '../../../../rules/src/airspace/index.js';
import { syntheticTraffic } from '../../../../rules/src/sim/traffic.js';
import { ClusterEnv, clusterConfig } from '../../../../server/src/cluster/config.js';
import { startClusterNode } from '../../../../server/src/cluster/index.js';
import { loadCatalogue } from '../../../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../../../server/src/data/rulebooks.js';
import { type GroundModelId, loadGroundModel } from '../../../../server/src/data/terrain.js';
import {
  manualTickSource,
  type RealtimeLogger,
  registerRealtime,
  type SessionSink,
} from '../../../../server/src/realtime/index.js';
import { ShardedSession } from '../../../../server/src/realtime/sharded-session.js';
import { createLiveServer } from '../../../../server/src/sockets/types.js';
import type { NodeReport, NodeSpec, ParentMessage } from './protocol.js';

const clock = () => performance.timeOrigin + performance.now();
/** Progress and event-loop stalls on stderr: the bench shows them when this node fails. */
const trace = (what: string) => process.stderr.write(`+${Math.round(performance.now())} ms: ${what}\n`);
let lastBeat = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - lastBeat > 700) trace(`event loop stalled ${Math.round(now - lastBeat)} ms`);
  lastBeat = now;
}, 200).unref();
// the bench died: do not linger (registered first: start-up may wait on Redis)
process.on('disconnect', () => process.exit(1));
const spec = JSON.parse(process.env.BENCH_NODE ?? '{}') as NodeSpec;
const send = (m: unknown) => process.send?.(m);

/** Warnings and errors (a session moving between nodes, a failed checkpoint) go to the parent, which reports them. */
const warnings: string[] = [];
const logger: RealtimeLogger = {
  info: () => {},
  warn: (obj, msg) => warnings.push(`warn: ${msg ?? ''} ${JSON.stringify(obj)}`),
  error: (obj, msg) => warnings.push(`error: ${msg ?? ''} ${JSON.stringify(obj)}`),
};

trace('start');
const cat = loadCatalogue();
const airspace = buildZoneIndex(cat.zones, {
  version: cat.version,
  elevation: loadGroundModel(spec.ground as GroundModelId),
});
const rulebooks = loadBuiltinRulebooks();
trace('catalogue+airspace');
const scenarios = spec.sessions.map((s) => ({ ...syntheticTraffic({ aircraft: s.aircraft, seed: s.seed }), id: s.id }));
trace('scenarios built');
const cluster = spec.redis
  ? await startClusterNode(
      clusterConfig(
        ClusterEnv.parse({
          REDIS_URL: spec.redis.url,
          REDIS_PREFIX: spec.redis.prefix,
          NODE_ID: spec.name,
          CLUSTER_LEASE_MS: spec.redis.leaseMs,
        }),
      )!,
      logger,
    )
  : undefined;

// What this node emits while recording: [sessionId, seq, wall start of the pass that emitted it, is a finding].
let recording = false;
let passStart = 0;
const emitted: NodeReport['emitted'] = [];
const lastTick: Record<string, number> = {};
const instrumented = (id: string, inner: SessionSink): SessionSink => ({
  ...inner,
  tick(b) {
    lastTick[id] = b.tick;
    inner.tick(b);
  },
  event(e) {
    if (recording) emitted.push([id, e.payload.seq, passStart, e.event !== 'zone:changed']);
    inner.event(e);
  },
});

const server = http.createServer();
const io = createLiveServer(server, { serveClient: false, maxHttpBufferSize: 1_048_576 });
const source = manualTickSource();
const realtime = registerRealtime(io, {
  rulebooks: () => rulebooks,
  airspace,
  permissions: () => [],
  scenarios: () => scenarios,
  tickSource: source,
  defaultScenarioId: null,
  logger,
  // every viewer is one anonymous principal (127.0.0.1): its joins and round trips must not be rate limited
  budgets: { eventsPerPrincipal: { ratePerS: 10_000, burst: 50_000 }, eventsPerConnection: { ratePerS: 1000 } },
  // the cluster's checkpointing sink wraps ours: what we count is what goes out (after takeover suppression)
  sink: (id, batched) => (cluster ? cluster.node.sink(id, instrumented(id, batched)) : instrumented(id, batched)),
  ...(spec.monitorShards && { monitorSharding: { shards: spec.monitorShards, minAircraft: 1, maxSessions: 4 } }),
  ...(cluster && { cluster: cluster.node }),
});
trace('realtime registered');
await realtime.ready;
for (const s of spec.sessions)
  await realtime.sessions.create({ scenarioId: s.id, autoplay: true }, { id: s.id, loop: true });
trace('sessions created');
// A session is known to the other nodes once its definition is in Redis (written after its lease is taken): until
// then a viewer joining it through another node is told it does not exist.
for (const s of spec.sessions)
  while (cluster && !(await cluster.node.checkpoints.has(s.id))) {
    if (!realtime.sessions.get(s.id)) throw new Error(`session ${s.id} moved away: ${warnings.join('; ')}`);
    await sleep(20);
  }
trace('defined');
// Every aircraft takes off in the first 10 s and climbs: run that before anyone watches. Yielding between passes,
// so the lease renewals run (a node that holds the event loop longer than the lease loses its sessions).
for (let i = 0; i < spec.warmS; i++) {
  source.pulse(1000);
  await Promise.all(realtime.sessions.all().map((s) => (s instanceof ShardedSession ? s.settled() : undefined)));
  await new Promise<void>((resolve) => setImmediate(resolve));
}
for (const s of spec.sessions)
  if (!realtime.sessions.get(s.id)) throw new Error(`session ${s.id} moved away: ${warnings.join('; ')}`);

trace('warmed');
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
send({ type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

const compute: number[] = [];
const busy: number[] = [];
const cpu: number[] = [];
let running = true;

/** 1 Hz, drift-corrected: one pulse of 1000 ms per second, as speed 1 in a server with a 1 s tick. */
async function loop(): Promise<void> {
  let next = clock() + 1000;
  while (running) {
    const wait = next - clock();
    if (wait > 0) await sleep(wait);
    next = Math.max(next + 1000, clock());
    passStart = clock();
    const cpu0 = process.cpuUsage();
    source.pulse(1000);
    // a sharded session's pass ends when its shards have answered and it has sent the tick
    await Promise.all(realtime.sessions.all().map((s) => (s instanceof ShardedSession ? s.settled() : undefined)));
    const done = clock();
    const cpu1 = process.cpuUsage(cpu0);
    // sends that socket.io defers to the end of this turn of the event loop count as server time too
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (recording) {
      compute.push(done - passStart);
      cpu.push((cpu1.user + cpu1.system) / 1000);
      busy.push(clock() - passStart);
    }
  }
}
const looping = loop();

process.on('message', async (m: ParentMessage) => {
  if (m.type === 'record') {
    compute.length = 0;
    busy.length = 0;
    cpu.length = 0;
    emitted.length = 0;
    warnings.length = 0;
    recording = true;
    send({ type: 'recording' });
  } else if (m.type === 'stop') {
    recording = false;
    const report: NodeReport = {
      compute,
      busy,
      cpu,
      emitted,
      lastTick,
      warnings,
      held: cluster ? (await cluster.node.readiness()).sessions : realtime.sessions.all().map((s) => s.id),
    };
    send({ type: 'report', report });
  } else if (m.type === 'exit') {
    running = false;
    await looping;
    await cluster?.node.handover();
    await realtime.close();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await cluster?.node.close();
    process.exit(0);
  }
});
