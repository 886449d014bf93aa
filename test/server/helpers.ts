import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type App, type AppDeps, createApp } from '../../server/src/app.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { readExamplePlans } from '../../server/src/services/corpus.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import type { Store } from '../../server/src/store/types.js';
import { cleanUpAfterFile } from '../lib/clean-up.js';
import { defaultCredentials, forgetCredentials, useCredentials } from '../lib/credentials.js';
import { seedPrincipal } from './principals.js';

export { defaultCredentials, useCredentials };

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedData = (...p: string[]) => path.resolve(repoRoot, '../shared/data', ...p);

/** Built-in data, read once per test file (immutable: every test gets the same frozen inputs). */
let builtins: Pick<AppDeps, 'catalogue' | 'rulebooks' | 'drafts' | 'permissions'> | undefined;
export function builtinData() {
  builtins ??= {
    catalogue: loadCatalogue(),
    rulebooks: loadBuiltinRulebooks(),
    drafts: loadBuiltinDrafts(),
    permissions: loadBuiltinPermissions(),
  };
  return builtins;
}

/** A temporary folder, removed after the test file's last test (a run must not leave them behind). */
export function tempDir(prefix = 'sua-server-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanUpAfterFile(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  dir: string;
  /** closes the app and the store (the temp folder stays for a restart) */
  close(): Promise<void>;
}

/**
 * A real server on port 0 over a SQLite file in `dir` (a new temp folder by default). `as: 'anonymous'` makes
 * `call()` send no credentials by default.
 */
export async function startServer(
  opts: { dir?: string; deps?: Partial<AppDeps>; store?: Store; as?: 'admin' | 'anonymous' } = {},
) {
  const dir = opts.dir ?? tempDir();
  const store = opts.store ?? (await openSqliteStore({ file: path.join(dir, 'sua-sandbox.db') }));
  const app = await createApp({
    store,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...builtinData(),
    examplePlans: () => readExamplePlans(),
    scenarios: () => loadScenarios(),
    realtime: { enabled: false },
    // fixtures' permissions are valid in March 2026: the wall-clock expiry sweep is tested on its own
    expirySweepMs: 0,
    ...opts.deps,
  });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const addr = app.http.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${addr.port}`;
  // `call()` sends an admin's API token by default, so tests of the API's behaviour run past the access policy
  // (test/auth/ tests the policy itself, as every kind of caller). Keyed by URL: a port can come back for a later
  // server of the same test process (files share a worker), so an anonymous server clears what an earlier one left,
  // and close() forgets its own
  if (opts.as !== 'anonymous') useCredentials(url, (await seedPrincipal(store, 'admin')).headers);
  else forgetCredentials(url);
  const server: TestServer = {
    url,
    app,
    store,
    dir,
    async close() {
      forgetCredentials(url);
      await app.close();
      await store.close();
    },
  };
  return server;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** fetch with JSON in and out; `raw` sends a string or FormData as is. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  urlPath: string,
  opts: {
    json?: unknown;
    raw?: string | FormData | Uint8Array;
    headers?: Record<string, string>;
    /** send no credentials, whatever the server's default principal */
    anonymous?: boolean;
  } = {},
): Promise<Reply<T>> {
  const given = Object.keys(opts.headers ?? {}).some(
    (k) => k.toLowerCase() === 'authorization' || k.toLowerCase() === 'cookie',
  );
  const headers: Record<string, string> = {
    ...(opts.anonymous || given ? {} : defaultCredentials(base)),
    ...opts.headers,
  };
  let body: RequestInit['body'];
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) body = opts.raw as RequestInit['body'];
  const res = await fetch(base + urlPath, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if (res.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** Issue paths joined with dots, for readable assertions. */
export const issuePaths = (body: { error?: { issues?: { path: (string | number)[] }[] } }) =>
  (body.error?.issues ?? []).map((i) => i.path.join('.'));

export interface ErrorReply {
  error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}
