/**
 * One measured run of the cluster-nodes bench: N synthetic aircraft as two sessions of N/2, simulated by one node
 * (no Redis) or by two nodes sharing Redis (one session's lease each), watched by viewers spread over the nodes and
 * the sessions. Used by cluster-nodes.bench.ts and by test/cluster/nodes-bench.test.ts (tiny sizes).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchNode, benchPrefix, connectBenchRedis, dropPrefix, REDIS_URL, startNode } from './nodes.js';
import type { NodeReport, SessionSpec } from './protocol.js';
import { caughtUp, connectViewers, disconnectAll } from './viewers.js';

export interface RunOptions {
  nodes: 1 | 2;
  /** in all, split over two sessions */
  aircraft: number;
  viewers: number;
  /** measured 1 Hz ticks */
  ticks: number;
  /** simulated seconds run by each node before the viewers connect */
  warmS: number;
  /** seconds watched by the viewers before measuring (the send paths warm up) */
  watchS: number;
  ground: string;
  /** CLUSTER_LEASE_MS of the 2 nodes (default DEFAULT_LEASE_MS) */
  leaseMs?: number;
  /** 1 node only: each session's monitor on this many shard threads (MONITOR_SHARDS) */
  monitorShards?: number;
}

export interface RunRow {
  config: string;
  nodes: number;
  aircraft: number;
  sessions: number;
  viewers: number;
  /** viewers on a node that does not simulate their session (their broadcasts come through Redis) */
  viewersViaRedis: number;
  ticks: number;
  /** wall time of one node's 1 Hz pass (all its sessions), every node's passes together */
  tickP50Ms: number;
  tickP99Ms: number;
  /** until the node's event loop was free again (socket writes socket.io deferred included) */
  busyP99Ms: number;
  /** CPU time of one pass (the node process's), p50 */
  tickCpuP50Ms: number;
  /** finding events the nodes sent while measuring, and their receipts by viewers */
  findingEvents: number;
  findingDeliveries: number;
  /** from the start of the pass that found it (on the simulating node) to its receipt by a viewer */
  findingLatencyP50Ms: number;
  findingLatencyP99Ms: number;
  /** the same for viewers on the other node only (null: one node) */
  viaRedisLatencyP99Ms: number | null;
  /** events (findings and zone changes) sent while measuring that some viewer of their session did not receive */
  droppedEvents: number;
  /** seq gaps, out-of-order ticks, disconnects seen by the viewers (from joining to the end) */
  streamProblems: number;
  /** the fewest ticks a viewer received (from joining to the end) */
  minTicksSeen: number;
  /** node name → the sessions it simulated at the end */
  held: Record<string, string[]>;
  /** node → session → finding events received by that node's viewers of that session */
  findingsReceived: Record<string, Record<string, number>>;
  warnings: string[];
  /** joins through the other node that its holder did not answer in time (retried on a new connection) */
  joinRetries: number;
  /** seconds until every node listened (built, warmed up), and until every viewer had joined too */
  startS: number;
  setupS: number;
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The 2 nodes' lease (CLUSTER_LEASE_MS): the product's 2 s. (This bench found that the thousands of checkpoint writes
 * of a large session's first passes delayed lease renewals on a shared connection past 2 s; leases now have their
 * own connection. `--lease-ms` still sets another.)
 */
export const DEFAULT_LEASE_MS = 2_000;

export const configName = (nodes: number, monitorShards = 1) =>
  nodes === 1 ? (monitorShards > 1 ? `1 node, ${monitorShards} shards` : '1 node') : '2 nodes + Redis';

export async function runCluster(opts: RunOptions): Promise<RunRow> {
  const t0 = performance.now();
  const half = Math.floor(opts.aircraft / 2);
  const sessions: SessionSpec[] = [
    { id: 'bench-a', aircraft: half, seed: 2026 },
    { id: 'bench-b', aircraft: opts.aircraft - half, seed: 2027 },
  ];
  const redis = opts.nodes === 2 ? await connectBenchRedis() : undefined;
  const prefix = benchPrefix();
  const base = { ground: opts.ground, warmS: opts.warmS };
  const specs =
    opts.nodes === 1
      ? [{ name: 'node-1', sessions, ...base, monitorShards: opts.monitorShards }]
      : sessions.map((s, i) => ({
          name: `node-${'ab'[i]}`,
          sessions: [s],
          redis: { url: REDIS_URL, prefix, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS },
          ...base,
        }));
  // One after the other: two nodes warming up at once on a small machine can starve each other past the lease.
  const nodes: BenchNode[] = [];
  let viewers: Awaited<ReturnType<typeof connectViewers>> = [];
  let startS = 0;
  let joinRetries = 0;
  try {
    for (const spec of specs) nodes.push(await startNode(spec));
    startS = (performance.now() - t0) / 1000;
    // which node simulates each session: the one that created it
    const holders = Object.fromEntries(
      sessions.map((s) => [s.id, nodes.find((n) => n.spec.sessions.some((x) => x.id === s.id))!.url]),
    );
    viewers = await connectViewers(
      nodes.map((n) => n.url),
      holders,
      opts.viewers,
      () => joinRetries++,
    );
    const setupS = (performance.now() - t0) / 1000;
    await sleep(opts.watchS * 1000);
    await Promise.all(nodes.map((n) => n.record()));
    await sleep(opts.ticks * 1000 + 200);
    const reports = await Promise.all(nodes.map((n) => n.stop()));
    const lastTick = Object.assign({}, ...reports.map((r) => r.lastTick)) as Record<string, number>;
    // every event sent before the last measured tick reaches a viewer before the next tick (or never)
    await caughtUp(viewers, lastTick, 30_000);
    return summarise(opts, nodes, reports, viewers, { startS, setupS, joinRetries });
  } catch (err) {
    // what the nodes said (progress, event-loop stalls) explains most failures
    const said = nodes.map((n) => `--- ${n.spec.name}:\n${n.errors()}`).join('\n');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${said}`);
  } finally {
    disconnectAll(viewers);
    await Promise.all(nodes.map((n) => n.exit()));
    if (redis) {
      await dropPrefix(redis, prefix);
      redis.disconnect();
    }
  }
}

function summarise(
  opts: RunOptions,
  nodes: BenchNode[],
  reports: NodeReport[],
  viewers: Awaited<ReturnType<typeof connectViewers>>,
  setup: { startS: number; setupS: number; joinRetries: number },
): RunRow {
  const holderUrl = new Map<string, string>();
  const held: Record<string, string[]> = {};
  reports.forEach((r, i) => {
    held[nodes[i].spec.name] = r.held;
    for (const id of r.held) holderUrl.set(id, nodes[i].url);
  });
  const nodeName = new Map(nodes.map((n) => [n.url, n.spec.name]));
  // session → [seq, pass start, is a finding]
  const sent = new Map<string, [number, number, boolean][]>();
  for (const r of reports)
    for (const [id, seq, start, finding] of r.emitted) {
      const list = sent.get(id) ?? [];
      list.push([seq, start, finding]);
      sent.set(id, list);
    }
  const latencies: number[] = [];
  const viaRedis: number[] = [];
  const findingsReceived: Record<string, Record<string, number>> = {};
  let dropped = 0;
  let deliveries = 0;
  for (const v of viewers) {
    const remote = holderUrl.get(v.sessionId) !== v.nodeUrl;
    const name = nodeName.get(v.nodeUrl) ?? v.nodeUrl;
    findingsReceived[name] ??= {};
    const byNode = findingsReceived[name];
    for (const [seq, start, finding] of sent.get(v.sessionId) ?? []) {
      const at = v.received.get(seq);
      if (at === undefined) {
        dropped++;
        continue;
      }
      if (!finding) continue;
      deliveries++;
      byNode[v.sessionId] = (byNode[v.sessionId] ?? 0) + 1;
      latencies.push(at - start);
      if (remote) viaRedis.push(at - start);
    }
  }
  const compute = reports.flatMap((r) => r.compute);
  const busy = reports.flatMap((r) => r.busy);
  return {
    config: configName(opts.nodes, opts.monitorShards),
    nodes: opts.nodes,
    aircraft: opts.aircraft,
    sessions: 2,
    viewers: viewers.length,
    viewersViaRedis: opts.nodes === 1 ? 0 : viewers.filter((v) => holderUrl.get(v.sessionId) !== v.nodeUrl).length,
    ticks: opts.ticks,
    tickP50Ms: r1(quantile(compute, 0.5)),
    tickP99Ms: r1(quantile(compute, 0.99)),
    busyP99Ms: r1(quantile(busy, 0.99)),
    tickCpuP50Ms: r1(
      quantile(
        reports.flatMap((r) => r.cpu),
        0.5,
      ),
    ),
    findingEvents: reports.reduce((n, r) => n + r.emitted.filter((e) => e[3]).length, 0),
    findingDeliveries: deliveries,
    findingLatencyP50Ms: r1(quantile(latencies, 0.5)),
    findingLatencyP99Ms: r1(quantile(latencies, 0.99)),
    viaRedisLatencyP99Ms: opts.nodes === 1 ? null : r1(quantile(viaRedis, 0.99)),
    droppedEvents: dropped,
    streamProblems: viewers.reduce((n, v) => n + v.problems.length, 0),
    minTicksSeen: Math.min(...viewers.map((v) => v.ticks)),
    held,
    findingsReceived,
    warnings: reports.flatMap((r, i) => r.warnings.map((w) => `${nodes[i].spec.name}: ${w}`)),
    joinRetries: setup.joinRetries,
    startS: r1(setup.startS),
    setupS: r1(setup.setupS),
  };
}
