/**
 * Strategic deconfliction speed: submissions against 10,000 and 100,000 accepted intents, with the grid
 * index (space cells × time bins) and the naive all-pairs store in the same run. Prints p50/p99 latency and
 * throughput per store and size, then one JSON line. Exits 1 when the two stores ever answer differently.
 * Traffic density is held constant: N intents spread over N/10,000 × 12 hours of Hong Kong airspace
 * (test/traffic/random-intents.ts). When PostgreSQL 15 with PostGIS is installed (Debian
 * postgresql-15-postgis-3), a private server on a Unix socket in a temp dir (no TCP) is measured too: one row per
 * volume, a GiST index over (envelope, time range), and per submitted volume one query for the 4-D overlaps
 * (conflict detection only: the shift search is not done in SQL). Otherwise that row says why it was skipped.
 *   node --import tsx test/bench/utm.bench.ts [--sizes 10000,100000] [--queries 2000] [--naive-queries 200]
 *     [--postgis-queries 500] [--no-postgis]
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { compileIntent } from '../../rules/src/traffic/compiled.js';
import { GridIntentStore } from '../../rules/src/traffic/grid-index.js';
import type { OperationalIntent } from '../../rules/src/traffic/intent.js';
import { NaiveIntentStore } from '../../rules/src/traffic/naive.js';
import { createPlane } from '../../rules/src/traffic/plane.js';
import type { IntentStore } from '../../rules/src/traffic/store.js';
import { loadTrafficParams } from '../../server/src/data/traffic.js';
import { randomTraffic } from '../traffic/random-intents.js';
import { BenchArgs, orExit } from './lib/args.js';

const { SIZES, QUERIES, NAIVE_QUERIES, PG_QUERIES, NO_POSTGIS } = orExit(() => {
  const args = new BenchArgs(
    process.argv.slice(2),
    ['sizes', 'queries', 'naive-queries', 'postgis-queries'],
    ['no-postgis'],
  );
  return {
    SIZES: args.numbers('sizes', '10000,100000', { integer: true, min: 1 }),
    QUERIES: args.number('queries', '2000', { integer: true, min: 1 }),
    NAIVE_QUERIES: args.number('naive-queries', '200', { integer: true, min: 1 }),
    PG_QUERIES: args.number('postgis-queries', '500', { integer: true, min: 1 }),
    NO_POSTGIS: args.has('no-postgis'),
  };
});
const PG_BIN = '/usr/lib/postgresql/15/bin';

const params = loadTrafficParams();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

interface Row {
  store: string;
  accepted: number;
  fillMs: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  /** the same from this process's CPU time: immune to other processes preempting it on a shared machine */
  cpuP50Ms: number;
  cpuP99Ms: number;
  maxMs: number;
  perSec: number;
  conflictedShare: number;
}

function measure(name: string, store: IntentStore, queries: OperationalIntent[], fillMs: number): Row {
  for (const q of queries.slice(0, 50)) store.submit(q); // warm-up
  const lat: number[] = [];
  const cpu: number[] = [];
  let conflicted = 0;
  const t0 = performance.now();
  for (const q of queries) {
    const c = process.cpuUsage();
    const a = performance.now();
    const r = store.submit(q);
    lat.push(performance.now() - a);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
    if (r.conflicts.length > 0) conflicted++;
  }
  const total = performance.now() - t0;
  lat.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  return {
    store: name,
    accepted: store.size,
    fillMs: Math.round(fillMs),
    queries: queries.length,
    p50Ms: Number(percentile(lat, 0.5).toFixed(4)),
    p99Ms: Number(percentile(lat, 0.99).toFixed(4)),
    cpuP50Ms: Number(percentile(cpu, 0.5).toFixed(3)),
    cpuP99Ms: Number(percentile(cpu, 0.99).toFixed(3)),
    maxMs: Number(lat[lat.length - 1].toFixed(4)),
    perSec: Math.round((queries.length / total) * 1000),
    conflictedShare: Number((conflicted / queries.length).toFixed(3)),
  };
}

/** A private PostgreSQL + PostGIS on a Unix socket in a temp dir, or the reason it cannot run here. */
async function startPostgis(): Promise<{ client: pg.Client; stop: () => void } | string> {
  if (NO_POSTGIS) return 'skipped (--no-postgis)';
  if (!existsSync(`${PG_BIN}/initdb`) || !existsSync('/usr/share/postgresql/15/extension/postgis.control'))
    return 'skipped: PostgreSQL 15 + PostGIS not installed (Debian postgresql-15-postgis-3)';
  const dir = mkdtempSync(join(tmpdir(), 'utm-pg-'));
  const root = process.getuid?.() === 0; // initdb refuses root: run the server as the postgres user
  const run = (cmd: string, args: string[]) =>
    execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  if (root)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  const data = join(dir, 'data');
  const stop = () => {
    try {
      run(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run(`${PG_BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'bench', '--no-sync']);
    const opts = `-c listen_addresses='' -k ${dir} -c fsync=off -c shared_buffers=256MB`;
    run(`${PG_BIN}/pg_ctl`, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', opts, 'start']);
    const client = new pg.Client({ host: dir, user: 'bench', database: 'postgres' });
    await client.connect();
    await client.query('CREATE EXTENSION postgis; CREATE EXTENSION btree_gist;');
    return { client, stop };
  } catch (e) {
    stop();
    return `skipped: could not start PostgreSQL (${(e as Error).message.split('\n')[0]})`;
  }
}

const plane = createPlane(params.plane.originLon, params.plane.originLat);
const SEG = 'ST_MakeLine(ST_MakePoint($1, $2), ST_MakePoint($3, $4))';
const OVERLAP_SQL = `SELECT intent, vidx FROM vol WHERE env && ST_Expand(${SEG}, $5)
  AND t && tstzrange(to_timestamp($6), to_timestamp($7), '()') AND zlo < $9 AND zhi > $8
  AND ST_Distance(seg, ${SEG}) < r + $5`;

/** One row per volume in the shared plane; GiST over (envelope, open time range), built after the load. */
async function loadPostgis(c: pg.Client, intents: OperationalIntent[]): Promise<void> {
  await c.query(`DROP TABLE IF EXISTS vol; CREATE TABLE vol (intent int, vidx int, seg geometry, r float8,
    env geometry, zlo float8, zhi float8, t tstzrange)`);
  const cols: number[][] = Array.from({ length: 11 }, () => []);
  const flush = async () => {
    await c.query(
      `INSERT INTO vol SELECT i, v, l, r, ST_Expand(l, r), zl, zh, tstzrange(to_timestamp(t0), to_timestamp(t1), '()')
       FROM (SELECT i, v, ST_MakeLine(ST_MakePoint(ax, ay), ST_MakePoint(bx, by)) AS l, r, zl, zh, t0, t1
         FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
           $8::float8[], $9::float8[], $10::float8[], $11::float8[]) AS u(i, v, ax, ay, bx, by, r, zl, zh, t0, t1)) s`,
      cols,
    );
    for (const col of cols) col.length = 0;
  };
  for (let i = 0; i < intents.length; i++) {
    compileIntent(plane, intents[i]).volumes.forEach((v, j) => {
      const row = [i, j, v.ax, v.ay, v.bx, v.by, v.r, v.zLo, v.zHi, v.t0 / 1000, v.t1 / 1000];
      for (let k = 0; k < row.length; k++) cols[k].push(row[k]);
    });
    if (cols[0].length >= 5000) await flush();
  }
  if (cols[0].length > 0) await flush();
  await c.query('CREATE INDEX ON vol USING gist (env, t); ANALYZE vol');
}

/** The overlapping (other intent id, submitted volume, other volume) triples of one submission. */
async function postgisPairs(c: pg.Client, q: OperationalIntent, accepted: OperationalIntent[]): Promise<string[]> {
  const out: string[] = [];
  const volumes = compileIntent(plane, q).volumes;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    const values = [v.ax, v.ay, v.bx, v.by, v.r, v.t0 / 1000, v.t1 / 1000, v.zLo, v.zHi];
    const r = await c.query<{ intent: number; vidx: number }>({ name: 'overlap', text: OVERLAP_SQL, values });
    for (const row of r.rows) out.push(`${accepted[row.intent].reference.id}|${i}|${row.vidx}`);
  }
  return out.sort();
}

const gridPairs = (store: IntentStore, q: OperationalIntent): string[] =>
  store
    .submit(q)
    .conflicts.flatMap((k) => k.volumes.map(([i, j]) => `${k.intentId}|${i}|${j}`))
    .sort();

const rows: Row[] = [];
let mismatches = 0;
let postgisMismatches = 0;
const server = await startPostgis();
if (typeof server === 'string') process.stdout.write(`PostGIS: ${server}\n`);
try {
  for (const size of SIZES) {
    const hours = (12 * size) / 10_000;
    const traffic = randomTraffic(1604, hours);
    const accepted = Array.from({ length: size }, () => traffic.next());
    const probe = randomTraffic(4061, hours);
    const queries = Array.from({ length: QUERIES }, () => probe.next());
    const stores: [string, IntentStore, number][] = [
      ['grid', new GridIntentStore(params), QUERIES],
      ['naive', new NaiveIntentStore(params), Math.min(QUERIES, NAIVE_QUERIES)],
    ];
    for (const [name, store, n] of stores) {
      const t0 = performance.now();
      for (const a of accepted) store.put(a);
      rows.push(measure(name, store, queries.slice(0, n), performance.now() - t0));
      const r = rows[rows.length - 1];
      process.stdout.write(
        `${String(size).padStart(7)} accepted  ${name.padEnd(6)} fill ${String(r.fillMs).padStart(6)} ms  ` +
          `p50 ${r.p50Ms.toFixed(3).padStart(8)} ms  p99 ${r.p99Ms.toFixed(3).padStart(8)} ms  ` +
          `(cpu p50 ${r.cpuP50Ms.toFixed(3)} p99 ${r.cpuP99Ms.toFixed(3)})  ` +
          `${String(r.perSec).padStart(7)} submissions/s  (${n} queries, ${(r.conflictedShare * 100).toFixed(0)}% with conflicts)\n`,
      );
    }
    // Same answers from both stores on the naive's share of the queries.
    const [grid, naive] = stores.map((s) => s[1]);
    for (const q of queries.slice(0, NAIVE_QUERIES))
      if (JSON.stringify(grid.submit(q)) !== JSON.stringify(naive.submit(q))) mismatches++;
    if (typeof server !== 'string') {
      const t0 = performance.now();
      await loadPostgis(server.client, accepted);
      const fillMs = performance.now() - t0;
      const pgQueries = queries.slice(0, PG_QUERIES);
      for (const q of pgQueries.slice(0, 20)) await postgisPairs(server.client, q, accepted); // warm-up
      const lat: number[] = [];
      let conflicted = 0;
      const t1 = performance.now();
      for (const q of pgQueries) {
        const a = performance.now();
        const pairs = await postgisPairs(server.client, q, accepted);
        lat.push(performance.now() - a);
        if (pairs.length > 0) conflicted++;
        if (pairs.join() !== gridPairs(grid, q).join()) postgisMismatches++;
      }
      const total = performance.now() - t1;
      lat.sort((x, y) => x - y);
      const r: Row = {
        store: 'postgis',
        accepted: size,
        fillMs: Math.round(fillMs),
        queries: pgQueries.length,
        p50Ms: Number(percentile(lat, 0.5).toFixed(4)),
        p99Ms: Number(percentile(lat, 0.99).toFixed(4)),
        cpuP50Ms: Number.NaN, // the work is in the server process
        cpuP99Ms: Number.NaN,
        maxMs: Number(lat[lat.length - 1].toFixed(4)),
        perSec: Math.round((pgQueries.length / total) * 1000),
        conflictedShare: Number((conflicted / pgQueries.length).toFixed(3)),
      };
      rows.push(r);
      process.stdout.write(
        `${String(size).padStart(7)} accepted  postgis fill ${String(r.fillMs).padStart(6)} ms  ` +
          `p50 ${r.p50Ms.toFixed(3).padStart(8)} ms  p99 ${r.p99Ms.toFixed(3).padStart(8)} ms  (conflict query only, ` +
          `wall clock incl. socket round trips)  ${String(r.perSec).padStart(7)} submissions/s  ${postgisMismatches} pair-set mismatches vs grid\n`,
      );
    }
  }
} finally {
  if (typeof server !== 'string') {
    await server.client.end();
    server.stop();
  }
}
process.stdout.write(`${JSON.stringify({ bench: 'utm', mismatches, postgisMismatches, rows })}\n`);
if (mismatches > 0) process.exitCode = 1;
