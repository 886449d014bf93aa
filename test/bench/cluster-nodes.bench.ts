/**
 * `npm run bench:cluster` (first part): the live simulation on 1 node vs 2 nodes sharing Redis (issue 15). For
 * N synthetic aircraft in all (default 10,000 and 20,000) as two sessions of N/2 at 1 Hz (speed 1), watched by
 * 200 socket.io viewers spread over the sessions and the nodes:
 *   - 1 node          one node process, no Redis, simulates both sessions; every viewer connects to it;
 *   - 2 nodes + Redis two node processes (REDIS_URL, a key prefix of the run's own), each holding one session's
 *                     lease; viewers connect round-robin, so half of each session's viewers get its broadcasts
 *                     from the other node through the Redis adapter.
 *   - 1 node, N shards one node process whose sessions' monitors each run on N shard threads (MONITOR_SHARDS;
 *                     --node-shards N, default 2; 0 leaves it out): a tick ends when the shards have answered.
 * Nodes are the product's live layer and cluster node in their own processes (lib/cluster-nodes/node-process.ts);
 * the viewers run in this process (one viewer per session joins with a snapshot, the others resume from its tick
 * and seq: joining is not measured). After warm-up (every aircraft airborne, then a few seconds watched), over
 * --ticks ticks it measures:
 *   - tick p50/p99: wall time of one node's 1 Hz pass (every session of that node: kinematics, monitor, checkpoint
 *     writes and broadcasts), all nodes' passes together; CPU p50: the CPU time of a pass (wall time on a busy
 *     2-core machine also counts waiting for a core); busy p99: until its event loop is free again;
 *   - finding-to-viewer p50/p99: from the start of the pass that found it (on the simulating node) to its receipt
 *     by a viewer, timestamps as performance.timeOrigin + now (one machine: comparable across processes); and the
 *     p99 of the viewers on the other node (through Redis);
 *   - events dropped: events sent meanwhile that a viewer of their session never received (must be 0), and
 *     stream problems (seq gaps, ticks out of order, disconnects).
 * Prints a table on stderr and one JSON line per run on stdout; exits 1 if an event was dropped or a stream broke.
 *   node --max-semi-space-size=64 --import tsx test/bench/cluster-nodes.bench.ts [--sizes 10000,20000]
 *     [--nodes 1,2] [--node-shards 2] [--viewers 200] [--ticks 30] [--warm 30] [--watch 5]
 *     [--ground terrain|surface|sea-level] [--lease-ms 2000]
 * An unknown flag or a bad value stops it before it measures, with exit code 2 (lib/args.ts).
 */
import { GROUND_MODELS, type GroundModelId } from '../../server/src/data/terrain.js';
import { BenchArgs, orExit } from './lib/args.js';
import { configName, DEFAULT_LEASE_MS, type RunRow, runCluster } from './lib/cluster-nodes/run.js';

const { sizes, nodeCounts, viewers, ticks, warmS, watchS, ground, leaseMs, nodeShards } = orExit(() => {
  const args = new BenchArgs(process.argv.slice(2), [
    'sizes',
    'nodes',
    'viewers',
    'ticks',
    'warm',
    'watch',
    'ground',
    'lease-ms',
    'node-shards',
  ]);
  return {
    sizes: args.numbers('sizes', '10000,20000', { integer: true, min: 1 }),
    // one node, or two behind Redis: what this bench compares
    nodeCounts: args.numbers('nodes', '1,2', { integer: true, min: 1, max: 2 }) as (1 | 2)[],
    viewers: args.number('viewers', '200', { integer: true, min: 1 }),
    ticks: args.number('ticks', '30', { integer: true, min: 1 }),
    warmS: args.number('warm', '30', { integer: true, min: 0 }),
    watchS: args.number('watch', '5', { min: 0 }),
    ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
    leaseMs: args.number('lease-ms', String(DEFAULT_LEASE_MS), { integer: true, min: 100 }),
    nodeShards: args.number('node-shards', '2', { integer: true, min: 1, max: 64 }),
  };
});
// [nodes, monitor shards per session]
const configs: [1 | 2, number][] = nodeCounts.flatMap((n): [1 | 2, number][] =>
  n === 1 && nodeShards > 1
    ? [
        [1, 1],
        [1, nodeShards],
      ]
    : [[n, 1]],
);

const rows: RunRow[] = [];
for (const aircraft of sizes)
  for (const [nodes, monitorShards] of configs) {
    process.stderr.write(
      `cluster-nodes: ${aircraft} aircraft, ${configName(nodes, monitorShards)}, ${viewers} viewers…\n`,
    );
    const row = await runCluster({ nodes, aircraft, viewers, ticks, warmS, watchS, ground, leaseMs, monitorShards });
    rows.push(row);
    process.stdout.write(`${JSON.stringify({ bench: 'cluster-nodes', ground, ...row })}\n`);
    for (const w of row.warnings) process.stderr.write(`  ${w}\n`);
  }

const head = [
  'config',
  'aircraft',
  'viewers',
  'via Redis',
  'tick p50 ms',
  'tick p99 ms',
  'CPU p50 ms',
  'busy p99 ms',
  'findings',
  'f→v p50 ms',
  'f→v p99 ms',
  'via Redis p99',
  'dropped',
  'problems',
];
const table = rows.map((r) => [
  r.config,
  r.aircraft,
  r.viewers,
  r.viewersViaRedis,
  r.tickP50Ms,
  r.tickP99Ms,
  r.tickCpuP50Ms,
  r.busyP99Ms,
  r.findingEvents,
  r.findingLatencyP50Ms,
  r.findingLatencyP99Ms,
  r.viaRedisLatencyP99Ms ?? '-',
  r.droppedEvents,
  r.streamProblems,
]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
process.stderr.write(`\n${line(head)}\n${table.map(line).join('\n')}\n`);
process.stderr.write(
  `two sessions of N/2 aircraft at 1 Hz, ${ticks} ticks measured; tick = one node's pass over its sessions (every node's passes together); f→v = finding to viewer; dropped must be 0\n`,
);
for (const r of rows)
  if (r.droppedEvents > 0 || r.streamProblems > 0 || r.minTicksSeen < r.ticks) {
    process.stderr.write(
      `${r.aircraft} ${r.config}: ${r.droppedEvents} dropped, ${r.streamProblems} stream problems, a viewer saw ${r.minTicksSeen} ticks\n`,
    );
    process.exitCode = 1;
  }
