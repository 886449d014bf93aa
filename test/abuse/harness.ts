/**
 * A real server process for the abuse suite and `bench:abuse`: `node --max-semi-space-size=64 --import tsx
 * server/src/main.ts` on PORT=0 over a fresh temp DATA_DIR, with its memory read from /proc and a health sampler.
 * No vitest import here, so the benchmark can use it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { cleanUpAfterFile } from '../lib/clean-up.js';
import { seedOrganisation, seedPrincipal } from '../server/principals.js';
import { useCredentials } from './http.js';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedData = (...p: string[]) => path.resolve(repoRoot, '../shared/data', ...p);
/**
 * The checkout whose server is attacked: this repo, or ABUSE_SERVER_ROOT (e.g. an export of an older commit,
 * to see which attacks it fails).
 */
export const serverRoot = path.resolve(process.env.ABUSE_SERVER_ROOT || repoRoot);

/** Tests assert the server's peak RSS stays under this (memory is not wall-clock, so it may be asserted). */
export const RSS_BOUND_MB = 1536;
/** The harness kills a server past this, so one runaway attack cannot starve the shared machine. */
export const RSS_KILL_MB = 2560;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerHandle {
  url: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  exited: Promise<ExitInfo>;
  /** null while running */
  exitInfo(): ExitInfo | null;
  alive(): boolean;
  /** highest VmHWM (peak resident set) read from /proc so far, MB */
  peakRssMb(): number;
  /** why the harness killed it (memory over RSS_KILL_MB), or null */
  killedBy(): string | null;
  stdout(): string;
  stderr(): string;
  /** SIGKILL if still running, wait for the exit, remove the temp DATA_DIR unless it was given */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** attack with no credentials at all (default: with a regulator's API token, see seedAttacker) */
  anonymous?: boolean;
  /** reuse a data directory (kept on stop); default: a fresh temp folder, removed on stop */
  dataDir?: string;
  env?: Record<string, string>;
  rssKillMb?: number;
}

/**
 * Temp directories made here, removed after the test file's last test (under vitest, whose workers may not see
 * an 'exit' event: test/lib/clean-up.ts) or when the process exits (the benchmark).
 */
const madeDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'sua-abuse-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.add(dir);
  cleanUpAfterFile(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    madeDirs.delete(dir);
  });
  return dir;
}

/** VmHWM and VmRSS of a process in MB, or null once it is gone. */
export function readMemoryMb(pid: number): { hwm: number; rss: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

const LISTENING = /sua-sandbox listening on http:\/\/([^/\s]+)\//;

/** Servers still running: killed if this process exits first, so no test run leaves one behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns the server; resolves once it logs its URL. Rejects with its output if it exits first
 * (`spawnRaw` is for callers that expect an exit).
 */
export async function startServer(opts: SpawnOptions = {}): Promise<ServerHandle> {
  // an insider with credentials: the attacker holds a regulator's token (every operation is reachable, so the
  // budgets, not the access policy, must stop the attack); test/auth covers the attacker without one
  const dataDir = opts.dataDir ?? tempDir();
  if (!opts.anonymous) await seedAttacker(dataDir);
  const handle = spawnRaw({ ...opts, dataDir });
  try {
    await waitListening(handle, 60_000);
    const attacker = attackerByDir.get(dataDir);
    // an anonymous server replaces what an earlier server on the same port (same test process) left
    useCredentials(handle.url, (!opts.anonymous && attacker) || {});
  } catch (err) {
    await handle.stop();
    throw err;
  }
  return handle;
}

/** Spawns without waiting; `url` is filled in once the listening line appears. */
export function spawnRaw(opts: SpawnOptions = {}): ServerHandle {
  const ownsDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? tempDir();
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', path.join(serverRoot, 'server/src/main.ts')],
    {
      cwd: serverRoot,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let out = '';
  let err = '';
  let exit: ExitInfo | null = null;
  let peak = 0;
  let killReason: string | null = null;
  const rssKillMb = opts.rssKillMb ?? RSS_KILL_MB;
  // keep only the tail of a chatty log: the listening line is matched as it arrives
  const handle: ServerHandle = {
    url: '',
    pid: child.pid ?? -1,
    dataDir,
    child,
    exited: new Promise<ExitInfo>((resolve) =>
      child.on('exit', (code, signal) => {
        exit = { code, signal };
        running.delete(child);
        clearInterval(watchdog);
        resolve(exit);
      }),
    ),
    exitInfo: () => exit,
    alive: () => exit === null,
    peakRssMb: () => {
      sampleMemory();
      return peak;
    },
    killedBy: () => killReason,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (exit === null) child.kill('SIGKILL');
      await handle.exited;
      if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    if (!handle.url) {
      const m = LISTENING.exec(out);
      if (m) handle.url = `http://${m[1].replace('localhost', '127.0.0.1')}`;
    }
    if (out.length > 200_000) out = out.slice(-100_000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  function sampleMemory() {
    if (exit !== null) return;
    const mem = readMemoryMb(handle.pid);
    if (!mem) return;
    peak = Math.max(peak, mem.hwm, mem.rss);
    if (mem.rss > rssKillMb && !killReason) {
      killReason = `the harness killed the server: RSS ${Math.round(mem.rss)} MB over ${rssKillMb} MB`;
      child.kill('SIGKILL');
    }
  }
  const watchdog = setInterval(sampleMemory, 50);
  watchdog.unref();
  return handle;
}

/** Resolves when the server logged its URL; rejects (with its output) if it exits first or takes too long. */
export function waitListening(s: ServerHandle, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (s.url) done(() => resolve());
      else if (!s.alive()) done(() => reject(new Error(`server exited ${describeExit(s)} before listening`)));
    }, 20);
    const deadline = setTimeout(
      () => done(() => reject(new Error(`server not listening after ${timeoutMs} ms:\n${s.stdout()}`))),
      timeoutMs,
    );
    function done(then: () => void) {
      clearInterval(timer);
      clearTimeout(deadline);
      then();
    }
  });
}

export function describeExit(s: ServerHandle): string {
  const e = s.exitInfo();
  const how = e ? `(code ${e.code}, signal ${e.signal})` : '(running)';
  const why = s.killedBy() ?? (s.stderr().trim().split('\n').slice(0, 8).join('\n') || s.stdout().slice(-500));
  return `${how}: ${why}`;
}

export * from './http.js';

/**
 * A regulator (of the regulator's organisation) with an all-scope API token in the store at `dataDir`, written
 * before the server starts; `api()` and the attack sockets then send it to every server on that data directory.
 */
async function seedAttacker(dataDir: string): Promise<void> {
  // a restart on the same data directory keeps the attacker it already has
  if (attackerByDir.has(dataDir)) return;
  const store = await openSqliteStore({ file: path.join(dataDir, 'sua-sandbox.db') });
  try {
    const org = await seedOrganisation(store, 'Attack Org', 'regulator');
    attackerByDir.set(dataDir, (await seedPrincipal(store, 'regulator', { orgId: org.id })).headers);
  } finally {
    await store.close();
  }
}
const attackerByDir = new Map<string, Record<string, string>>();
