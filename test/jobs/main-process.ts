import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { openPostgresStore } from '../../server/src/store/postgres/index.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { repoRoot, useCredentials } from '../server/helpers.js';
import { seedPrincipal } from '../server/principals.js';

export interface MainProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  output(): string;
  errors(): string;
  /** the base URL once the server logged its listening line (rejects if it exits first) */
  listening: Promise<string>;
}

/** `node --import tsx server/src/main.ts` on a free port over `dataDir`, as `npm start` runs it. */
export function startMain(dataDir: string, env: Record<string, string> = {}): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      CLIENT_DIR: path.join(dataDir, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    exited.then((code) => reject(new Error(`main exited ${code} before listening: ${err}${out}`)));
  });
  listening.catch(() => undefined); // a test that expects an early exit never awaits it
  // no credentials by default (startMainAsAdmin registers its own after this): the port may be one an earlier
  // server of this test process had
  listening.then(
    (url) => useCredentials(url, {}),
    () => undefined,
  );
  child.stderr?.on('data', (d) => {
    err += d;
  });
  if (child.pid === undefined) throw new Error('spawn failed');
  return { child, pid: child.pid, exited, output: () => out, errors: () => err, listening };
}

export interface CliProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** resolves once the command logged `readyText` (rejects if it exits first) */
  ready: Promise<void>;
}

/** `node --import tsx server/src/cli/main.ts <command>`, as `sua-sandbox <command>` runs it, until it logs `readyText`. */
export function startCliCommand(
  command: string,
  env: Record<string, string | undefined>,
  readyText: string,
): CliProcess {
  const main = path.join(repoRoot, 'server/src/cli/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, command], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(readyText)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then((code) => reject(new Error(`${command} exited ${code} before it was ready: ${out}`)));
  });
  ready.catch(() => undefined); // a test that expects an early exit never awaits it
  return { child, exited, output: () => out, ready };
}

/** Polls until `done` says so; `what` names the wait in the error. No timing assertion: a generous cap. */
export async function waitFor<T>(
  poll: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  { everyMs = 20, tries = 15_000 } = {},
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await poll();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * An admin with an API token in the store the process will open (DATABASE_URL, else `<dataDir>/sua-sandbox.db`),
 * written before it starts; `call()` then sends it to every process started with startMainAsAdmin.
 */
async function seedAdmin(dataDir: string, env: Record<string, string>): Promise<Record<string, string>> {
  const store = env.DATABASE_URL
    ? await openPostgresStore({ url: env.DATABASE_URL })
    : await openSqliteStore({ file: path.join(dataDir, 'sua-sandbox.db') });
  try {
    return (await seedPrincipal(store, 'admin')).headers;
  } finally {
    await store.close();
  }
}

const seeded = new Map<string, Promise<Record<string, string>>>();

/** startMain with the store's admin credentials registered for `call()` once the process listens. */
export async function startMainAsAdmin(dataDir: string, env: Record<string, string> = {}): Promise<MainProcess> {
  const key = env.DATABASE_URL ?? dataDir;
  let headers = seeded.get(key);
  if (!headers) {
    headers = seedAdmin(dataDir, env);
    seeded.set(key, headers);
  }
  const credentials = await headers;
  const main = startMain(dataDir, env);
  main.listening.then(
    (url) => useCredentials(url, credentials),
    () => undefined,
  );
  return main;
}
