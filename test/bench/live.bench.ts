/**
 * `npm run bench:live`: the live simulation under load. For 1k / 5k / 10k aircraft at 1 Hz (simulated
 * time = wall time), with 10 socket.io viewers on loopback (in a worker thread, so their parsing does not
 * share the server's thread), it measures:
 *   - tick compute: wall time of one session pass (kinematics + monitor + building and emitting the tick);
 *   - finding delivery latency: from the start of the pass that found it to its receipt by a viewer;
 *   - dropped finding events: events the server emitted that a viewer did not receive (must be 0);
 * for the batched protocol (one `tick` per pass) and, in the same run, a naive baseline that emits one
 * message per aircraft per pass. Prints a table on stderr and one JSON line per run on stdout.
 *   node --import tsx test/bench/live.bench.ts [--sizes 1000,5000,10000] [--ticks 30] [--viewers 10]
 *     [--ground terrain|surface|sea-level]
 *     [--modes batched,naive]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { io as connect, type Socket } from 'socket.io-client';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import type { ElevationModel } from '../../rules/src/airspace/types.js';
import { PROTOCOL_VERSION, unpackStates } from '../../rules/src/protocol/index.js';
import { syntheticTraffic } from '../../rules/src/sim/traffic.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { GROUND_MODELS, type GroundModelId, loadGroundModel } from '../../server/src/data/terrain.js';
import { manualTickSource, registerRealtime, type SessionSink } from '../../server/src/realtime/index.js';
import { createLiveServer, type LiveServer } from '../../server/src/sockets/types.js';
import { BenchArgs, orExit } from './lib/args.js';

/** Simulated seconds before the viewers connect (every aircraft has taken off by 10 s), then with them, unmeasured. */
const WARM_ALONE = 30;
const WARM_WITH_VIEWERS = 5;

/** An absolute timestamp comparable across threads (ms). */
const clock = () => performance.timeOrigin + performance.now();

interface ViewerReport {
  /** receipt times of finding events: [seq, tick, receivedAt] */
  findings: [number, number, number][];
  ticks: number;
  aircraftMessages: number;
}

// ------------------------------------------------------------------ viewer worker
async function viewers(): Promise<void> {
  const { url, count } = workerData as { url: string; count: number };
  const reports: ViewerReport[] = [];
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const report: ViewerReport = { findings: [], ticks: 0, aircraftMessages: 0 };
    reports.push(report);
    const s = connect(url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true });
    s.on('finding:opened', (e: { seq: number; tick: number }) => report.findings.push([e.seq, e.tick, clock()]));
    s.on('finding:closed', (e: { seq: number; tick: number }) => report.findings.push([e.seq, e.tick, clock()]));
    s.on('tick', () => report.ticks++);
    s.on('aircraft', () => report.aircraftMessages++);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    await new Promise<void>((resolve) => s.emit('session:join', { sessionId: 'live' }, () => resolve()));
    sockets.push(s);
  }
  parentPort?.postMessage({ type: 'ready' });
  parentPort?.on('message', async (m: { type: string }) => {
    if (m.type !== 'stop') return;
    // A round trip per viewer: everything sent before it has arrived.
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.emit('session:list', {}, () => resolve()))));
    parentPort?.postMessage({ type: 'reports', reports });
    for (const s of sockets) s.disconnect();
  });
}

// ------------------------------------------------------------------ server side
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The naive baseline: every aircraft state is its own message (events unchanged). */
function naiveSink(batched: SessionSink, io: LiveServer): SessionSink {
  let ids: readonly string[] = [];
  return {
    ...batched,
    tick(b) {
      const room = io.to('session:live');
      ids = b.aircraft.ids ?? ids;
      for (const a of unpackStates(b.aircraft, ids)) room.emit('aircraft' as 'tick', a as never);
      room.emit('tick', { ...b, aircraft: { ids: [], data: new Uint8Array(0) } });
    },
  };
}

interface RunResult {
  aircraft: number;
  mode: 'batched' | 'naive';
  /** the fewest ticks any viewer received (at least the measured ones) */
  ticksSeen: number;
  viewers: number;
  ticks: number;
  tickComputeP50Ms: number;
  tickComputeP99Ms: number;
  /** until the event loop is free again (deferred socket writes included) */
  serverBusyP99Ms: number;
  tickBytes: number;
  findingEvents: number;
  findingLatencyP50Ms: number;
  findingLatencyP99Ms: number;
  droppedFindingEvents: number;
  setupS: number;
}

async function runOnce(
  n: number,
  mode: 'batched' | 'naive',
  ticks: number,
  viewerCount: number,
  elevation: ElevationModel,
): Promise<RunResult> {
  const t0 = performance.now();
  const cat = loadCatalogue();
  const airspace = buildZoneIndex(cat.zones, { version: cat.version, elevation });
  const rulebooks = loadBuiltinRulebooks();
  const scenario = { ...syntheticTraffic({ aircraft: n, seed: 2026 }), default: true };
  const server = http.createServer();
  const io = createLiveServer(server, { serveClient: false, maxHttpBufferSize: 1e6 });
  const source = manualTickSource();
  let lastTickBytes = 0;
  const emitted = new Map<number, number>(); // finding seq -> tick
  const realtime = registerRealtime(io, {
    rulebooks: () => rulebooks,
    airspace,
    permissions: () => [],
    scenarios: () => [scenario],
    tickSource: source,
    sink: (_id, batched) => {
      const base = mode === 'naive' ? naiveSink(batched, io) : batched;
      return {
        ...base,
        tick(b) {
          // JSON part plus the binary attachment (the packed states).
          if (b.tick % 5 === 0)
            lastTickBytes =
              JSON.stringify({ ...b, aircraft: { ids: b.aircraft.ids } }).length +
              (b.aircraft.data as Uint8Array).byteLength;
          base.tick(b);
        },
        event(e) {
          if (e.event !== 'zone:changed') emitted.set(e.payload.seq, e.payload.tick);
          base.event(e);
        },
      };
    },
  });
  const session = await realtime.ready;
  if (!session) throw new Error('no session');
  // Warm up: every aircraft takes off in the first 10 s and climbs; run that before anyone watches.
  for (let i = 0; i < WARM_ALONE; i++) source.pulse(1000);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The worker runs this same file; tsx is registered in it first (workers do not inherit loader hooks).
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { url, count: viewerCount } });
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const setupS = (performance.now() - t0) / 1000;
  // Every finding event from now on must reach every viewer.
  emitted.clear();
  // A few seconds with the viewers watching, not timed: the send paths warm up (JIT) as in a running server.
  for (let i = 0; i < WARM_WITH_VIEWERS; i++) {
    await sleep(1000);
    source.pulse(1000);
  }
  await sleep(200);
  const passStart = new Map<number, number>(); // tick number -> wall start of the pass that emits it
  const compute: number[] = [];
  const busy: number[] = [];
  let next = clock();
  for (let i = 0; i < ticks; i++) {
    const wait = next - clock();
    if (wait > 0) await sleep(wait);
    next += 1000;
    const start = clock();
    passStart.set(session.tick + 1, start);
    source.pulse(1000);
    compute.push(clock() - start);
    // Sends that socket.io defers to the end of this turn of the event loop count as server time too.
    await new Promise<void>((resolve) => setImmediate(resolve));
    busy.push(clock() - start);
  }
  // Let the last events drain, then collect what the viewers saw.
  worker.postMessage({ type: 'stop' });
  const reports = await new Promise<ViewerReport[]>((resolve) =>
    worker.on('message', (m: { type: string; reports?: ViewerReport[] }) => {
      if (m.type === 'reports' && m.reports) resolve(m.reports);
    }),
  );
  await worker.terminate();
  await realtime.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));

  const latencies: number[] = [];
  let dropped = 0;
  for (const r of reports) {
    const seen = new Set<number>();
    for (const [seq, tick, at] of r.findings) {
      if (!emitted.has(seq)) continue;
      seen.add(seq);
      const start = passStart.get(tick);
      if (start !== undefined) latencies.push(at - start);
    }
    for (const seq of emitted.keys()) if (!seen.has(seq)) dropped++;
  }
  // Every viewer must have seen every measured tick (a session that failed would send none).
  const ticksSeen = Math.min(...reports.map((r) => r.ticks));
  return {
    aircraft: n,
    mode,
    ticksSeen,
    viewers: viewerCount,
    ticks,
    tickComputeP50Ms: r1(quantile(compute, 0.5)),
    tickComputeP99Ms: r1(quantile(compute, 0.99)),
    serverBusyP99Ms: r1(quantile(busy, 0.99)),
    tickBytes: lastTickBytes,
    findingEvents: emitted.size,
    findingLatencyP50Ms: r1(quantile(latencies, 0.5)),
    findingLatencyP99Ms: r1(quantile(latencies, 0.99)),
    droppedFindingEvents: dropped,
    setupS: r1(setupS),
  };
}

async function main(): Promise<void> {
  const { sizes, ticks, viewerCount, modes, ground } = orExit(() => {
    const args = new BenchArgs(process.argv.slice(2), ['sizes', 'ticks', 'viewers', 'modes', 'ground']);
    return {
      sizes: args.numbers('sizes', '1000,5000,10000', { integer: true, min: 1 }),
      ticks: args.number('ticks', '30', { integer: true, min: 1 }),
      viewerCount: args.number('viewers', '10', { integer: true, min: 1 }),
      modes: args.choices('modes', 'batched,naive', ['batched', 'naive'] as const),
      // `npm start` judges heights over Hong Kong terrain; `--ground sea-level` gives the flat-ground figures
      ground: args.choice<GroundModelId>('ground', 'terrain', GROUND_MODELS),
    };
  });
  const elevation = loadGroundModel(ground);
  process.stdout.write(`ground model: ${ground}\n`);
  const results: RunResult[] = [];
  for (const n of sizes)
    for (const mode of modes) {
      const r = await runOnce(n, mode, mode === 'naive' ? Math.min(ticks, 8) : ticks, viewerCount, elevation);
      results.push(r);
      process.stdout.write(`${JSON.stringify({ bench: 'live', ...r })}\n`);
    }
  const head = [
    'aircraft',
    'mode',
    'tick p50 ms',
    'tick p99 ms',
    'busy p99 ms',
    'KB/tick',
    'findings',
    'latency p50 ms',
    'latency p99 ms',
    'dropped',
  ];
  const rows = results.map((r) => [
    r.aircraft,
    r.mode,
    r.tickComputeP50Ms,
    r.tickComputeP99Ms,
    r.serverBusyP99Ms,
    Math.round(r.tickBytes / 1024),
    r.findingEvents,
    r.findingLatencyP50Ms,
    r.findingLatencyP99Ms,
    r.droppedFindingEvents,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
  process.stderr.write(`\n${line(head)}\n${rows.map(line).join('\n')}\n`);
  process.stderr.write(
    `targets at 10,000 aircraft: tick p99 < 100 ms, finding latency p99 < 250 ms, 0 dropped (${viewerCount} viewers, 1 Hz)\n`,
  );
  if (results.some((r) => r.droppedFindingEvents > 0)) process.exitCode = 1;
  for (const r of results)
    if (r.ticksSeen < r.ticks) {
      process.stderr.write(
        `${r.aircraft} ${r.mode}: a viewer saw ${r.ticksSeen} of ${r.ticks} ticks (session failed?)\n`,
      );
      process.exitCode = 1;
    }
}

if (isMainThread) await main();
else await viewers();
