/**
 * Issue 10 under load: for each attack, a fresh real server (`node --max-semi-space-size=64 --import tsx
 * server/src/main.ts`, PORT=0, temp DATA_DIR), /api/health sampled every 20 ms during the attack, and the
 * server's peak RSS (VmHWM) — next to the same figures with no attack, in one run. A benchmark, not a test: it
 * fails (exit 1) only when a server crashes or has to be killed for memory, never on timing.
 *   npm run bench:abuse [-- --only join,kmz]
 */
import { Worker } from 'node:worker_threads';
import {
  checkJson,
  createAndSeek,
  joinFlood,
  longPlans,
  outcome,
  RAISED_LIMIT_OPTIONS,
  settle,
  telemetryRace,
  uploadKmz,
  uploadPlan,
} from '../abuse/attacks.js';
import { api, type HealthStats, percentile, readMemoryMb, startServer } from '../abuse/harness.js';
import { deepKml, entityExpansionKml, kmzBomb, kmzOptions, manyWaypointPlan, xxeKml } from '../abuse/payloads.js';
import { manyVertexZone, zoneLayer } from '../abuse/zones.js';
import { BenchArgError, BenchArgs, orExit } from './lib/args.js';

/** An attack: `prepare` builds its payload (before any timing starts) and returns the attack itself. */
interface Attack {
  name: string;
  prepare(): (url: string) => Promise<string>;
}

const counts = (acks: Record<string, number>) =>
  Object.entries(acks)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

const ATTACKS: Attack[] = [
  { name: 'no attack (3 s idle)', prepare: () => () => new Promise((r) => setTimeout(() => r('-'), 3000)) },
  {
    name: 'KMZ 200 MB, maxUncompressedBytes raised',
    prepare: () => {
      const kmz = kmzBomb(200_000_000);
      return async (url) => outcome(await uploadKmz(url, kmz, RAISED_LIMIT_OPTIONS));
    },
  },
  {
    name: 'KMZ 50 KB of 50 MB KML',
    prepare: () => {
      const kmz = kmzBomb(50_000_000);
      return async (url) => outcome(await uploadKmz(url, kmz));
    },
  },
  {
    name: 'session:join 3,600/s for 3 s',
    prepare: () => async (url) => {
      const r = await joinFlood(url, 3600, 3);
      return `${counts(r.acks)}${r.disconnected ? `; disconnected (${r.disconnected})` : ''}`;
    },
  },
  {
    name: 'session:create 500 six-day plans + seek',
    prepare: () => {
      const plans = longPlans(500, 6);
      return async (url) => {
        const { create, seek } = await createAndSeek(url, plans, 6);
        const ack = (a: typeof seek) => (a === null ? '-' : a.ok ? 'ok' : a.error.code);
        return `create ${ack(create)}, seek ${ack(seek)}`;
      };
    },
  },
  {
    name: 'check 40,000 waypoints',
    prepare: () => {
      const json = JSON.stringify(manyWaypointPlan(40_000));
      return async (url) => outcome(await checkJson(url, json));
    },
  },
  {
    name: 'check 3 × 40,000 waypoints at once',
    prepare: () => {
      const json = JSON.stringify(manyWaypointPlan(40_000));
      return async (url) => (await Promise.all([1, 2, 3].map(() => checkJson(url, json)))).map(outcome).join(' ');
    },
  },
  {
    name: 'XML: entity, expansion, 10k-deep',
    prepare: () => {
      const docs = [xxeKml(), entityExpansionKml(), deepKml(10_000)];
      return async (url) =>
        (await Promise.all(docs.map((doc) => settle(uploadPlan(url, doc, 'route.kml', kmzOptions, 'kml')))))
          .map(outcome)
          .join(' ');
    },
  },
  {
    name: 'zone import, 80,000 vertices',
    prepare: () => {
      const raw = JSON.stringify(zoneLayer([manyVertexZone(80_000)]));
      const headers = { 'content-type': 'application/json' };
      return async (url) =>
        outcome(await settle(api(url, 'POST', '/api/zones/import?format=geojson&id=bench-80k', { raw, headers })));
    },
  },
  {
    name: 'telemetry, 50 sockets for 2 s',
    prepare: () => async (url) => {
      const r = await telemetryRace(url, 50, 2);
      return `accepted ${r.accepted} of ${r.offered}`;
    },
  },
];

/**
 * The health sampler runs in its own thread, so the attacking client's work (building requests, 50 sockets)
 * does not delay the probes or inflate their latency. Plain JS: the worker needs no TypeScript loader.
 */
const SAMPLER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const latencies = []; const failures = []; let sent = 0; let pending = 0; let stopping = false;
const finish = () => { if (stopping && pending === 0) parentPort.postMessage({ sent, latencies, failures }); };
const probe = () => {
  sent++; pending++;
  const t0 = performance.now();
  const req = http.get(workerData.url + '/api/health', { agent: false, timeout: 60000 }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode === 200) latencies.push(performance.now() - t0); else failures.push('status ' + res.statusCode); pending--; finish(); });
  });
  req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
  req.on('error', (err) => { failures.push(err.message); pending--; finish(); });
};
probe();
const timer = setInterval(probe, 20);
parentPort.on('message', () => { clearInterval(timer); stopping = true; finish(); });
`;

function sampleInThread(url: string): { stop(): Promise<HealthStats> } {
  const worker = new Worker(SAMPLER, { eval: true, workerData: { url } });
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (m: { sent: number; latencies: number[]; failures: string[] }) => {
          void worker.terminate();
          const sorted = [...m.latencies].sort((a, b) => a - b);
          resolve({
            sent: m.sent,
            answered: sorted.length,
            failures: m.failures,
            p50: percentile(sorted, 0.5),
            p99: percentile(sorted, 0.99),
            max: sorted.at(-1) ?? Number.NaN,
          });
        });
        worker.postMessage('stop');
      }),
  };
}

interface Row {
  attack: string;
  outcome: string;
  health: HealthStats;
  peakRssMb: number;
  survived: string;
}

async function measure(attack: Attack): Promise<Row> {
  const run = attack.prepare();
  const server = await startServer();
  try {
    const sampler = sampleInThread(server.url);
    let result: string;
    try {
      result = await run(server.url);
    } catch (err) {
      result = `error: ${err instanceof Error ? err.message : String(err)}`;
    }
    await new Promise((r) => setTimeout(r, 200));
    const health = await sampler.stop();
    const peak = Math.max(server.peakRssMb(), readMemoryMb(server.pid)?.hwm ?? 0);
    const survived = server.killedBy() ?? (server.alive() ? 'yes' : `exited ${JSON.stringify(server.exitInfo())}`);
    return { attack: attack.name, outcome: result.slice(0, 70), health, peakRssMb: peak, survived };
  } finally {
    await server.stop();
  }
}

const matches = (a: Attack, word: string) => a.name.toLowerCase().includes(word.toLowerCase());

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

async function main() {
  const only = orExit(() => {
    const words = new BenchArgs(process.argv.slice(2), ['only']).words('only');
    const unknown = words?.find((w) => !ATTACKS.some((a) => matches(a, w)));
    if (unknown !== undefined)
      throw new BenchArgError(`--only: no attack matches "${unknown}" (${ATTACKS.map((a) => a.name).join('; ')})`);
    return words;
  });
  // the first entry is the baseline (no attack): always run, to compare with
  const chosen = ATTACKS.filter((a, n) => n === 0 || !only || only.some((w) => matches(a, w)));
  const rows: Row[] = [];
  for (const attack of chosen) {
    process.stderr.write(`${attack.name}…\n`);
    rows.push(await measure(attack));
  }
  const header = ['attack', 'health n', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'peak RSS MB', 'alive', 'outcome'];
  const table = rows.map((r) => [
    r.attack,
    String(r.health.sent),
    String(r.health.sent - r.health.answered),
    fmt(r.health.p50),
    fmt(r.health.p99),
    fmt(r.health.max),
    String(Math.round(r.peakRssMb)),
    r.survived,
    r.outcome,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 || c >= 7 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(
    JSON.stringify(
      rows.map((r) => ({
        attack: r.attack,
        p50: r.health.p50,
        p99: r.health.p99,
        peakRssMb: Math.round(r.peakRssMb),
        survived: r.survived,
      })),
    ),
  );
  const crashed = rows.filter((r) => r.survived !== 'yes');
  if (crashed.length) {
    console.error(`crashed: ${crashed.map((r) => `${r.attack} (${r.survived})`).join('; ')}`);
    process.exit(1);
  }
  process.exit(0);
}

await main();
