import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createOrganisation, createUser } from '../../server/src/auth/accounts.js';
import { argon2Passwords } from '../../server/src/auth/service.js';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';

/**
 * End-to-end harness: builds the client, starts the real server (`node --import tsx server/src/main.ts`, the
 * same entry `npm start` runs) on a free port with a temporary DATA_DIR, and drives Debian's Chromium
 * through playwright-core with every non-local request blocked, so the tests prove the page works offline.
 */
export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const artifactsDir = path.join(repoRoot, 'test-artifacts', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Browser tests are skipped on a developer machine without Chromium, but never in CI (CI=true), where
 * .ci/run installs it: there a missing browser must fail the run, not silently skip it.
 */
export const hasChromium = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Shared builds live here, one per content of the client's sources: see buildClient. */
const SHARED_BUILD_PREFIX = path.join(os.tmpdir(), 'sua-e2e-client-shared-');

/** What the client build is made of: its sources, the rules code it imports, and the locked dependencies. */
function clientSourceKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(p).update(fs.readFileSync(p));
    }
  };
  for (const d of ['client', 'rules/src']) walk(path.join(repoRoot, d));
  hash.update(fs.readFileSync(path.join(repoRoot, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The built client for a test server. Every e2e file of a run shares one build (the server only reads it): the first
 * to ask builds into a private folder and renames it into place, which is atomic, so a folder under the shared name
 * is always complete; a worker that loses the race drops its own copy. A change to the sources makes a new key.
 */
export async function buildClient(): Promise<string> {
  const shared = SHARED_BUILD_PREFIX + clientSourceKey();
  if (fs.existsSync(shared)) return shared;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-client-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(repoRoot, 'client', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'error',
  });
  try {
    fs.renameSync(outDir, shared);
  } catch {
    fs.rmSync(outDir, { recursive: true, force: true }); // another worker renamed its build first
  }
  return shared;
}

/** A client folder this harness made for one server (not a shared build, not the repo's client/dist). */
const isPrivateBuild = (dir: string) => dir.startsWith(os.tmpdir()) && !dir.startsWith(SHARED_BUILD_PREFIX);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  port: number;
  log: () => string;
  /** stop the server; its DATA_DIR and temporary client build are removed unless `keepData` (for a restart) */
  stop(keepData?: boolean): Promise<void>;
}

/** An account to create before the server starts (an applicant also gets an operator organisation). */
export interface SeedUser {
  email: string;
  password: string;
  role: 'viewer' | 'applicant' | 'regulator' | 'admin';
}

/** The accounts the e2e tests sign in with (passwords meet the 12-character minimum). */
export const REGULATOR: SeedUser = {
  email: 'regulator@e2e.test',
  password: 'regulator-e2e-password',
  role: 'regulator',
};
export const APPLICANT: SeedUser = {
  email: 'applicant@e2e.test',
  password: 'applicant-e2e-password',
  role: 'applicant',
};

/**
 * Creates the accounts in the store the server will open (`<dataDir>/sua-sandbox.db`), the way the CLI's
 * `users add` does, and closes it again: the server holds the data directory's lock once it runs.
 */
export async function seedUsers(dataDir: string, users: SeedUser[]): Promise<void> {
  const store = await openSqliteStore({ file: path.join(dataDir, 'sua-sandbox.db') });
  try {
    const who = { actor: 'cli:e2e-harness' };
    let operatorOrg: string | undefined;
    for (const u of users) {
      if (u.role === 'applicant' && operatorOrg === undefined)
        operatorOrg = (await createOrganisation(store, who, { name: 'E2E Drone Services', kind: 'operator' })).id;
      const orgId = u.role === 'applicant' ? (operatorOrg ?? null) : null;
      await createUser(store, who, { email: u.email, role: u.role, orgId, password: u.password }, argon2Passwords);
    }
  } finally {
    await store.close();
  }
}

export async function startServer(
  clientDir: string,
  opts: { port?: number; dataDir?: string; users?: SeedUser[] } = {},
): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sua-e2e-data-'));
  if (opts.users?.length) await seedUsers(dataDir, opts.users);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  const cleanUp = () => {
    if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (isPrivateBuild(clientDir)) fs.rmSync(clientDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) {
      cleanUp();
      throw new Error(`server exited (${child.exitCode}):\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      cleanUp();
      throw new Error(`server did not answer /api/health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    dataDir,
    log: () => output,
    async stop(keepData = false) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (keepData) return;
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (isPrivateBuild(clientDir)) fs.rmSync(clientDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  page: Page;
  /** requests to anything but the local server, which were blocked */
  external: string[];
  errors: string[];
}

/**
 * The browser tests' desktop: a small laptop. Chromium renders the map in software here (SwiftShader), and its GPU
 * process was most of the CPU the browser tests took: at 1400×860 it used 0.6–0.8 of a core while the live view
 * sat idle, at 800×600 0.2. All the browser tests took 628.6 s at 1400×860 and 523.5 s at 1024×680 on 2 cores.
 */
export const DESKTOP = { width: 1024, height: 680 };
/** A wide desktop, for tests that need the whole of Hong Kong or a large drawing area beside the panel. */
export const WIDE_DESKTOP = { width: 1400, height: 860 };

/** A page that can reach only the local server: any other request is aborted and recorded. */
export async function openApp(
  browser: Browser,
  server: RunningServer,
  hash = 'live',
  query = '',
  opts: {
    enforceCsp?: boolean;
    reducedMotion?: 'reduce' | 'no-preference';
    viewport?: { width: number; height: number };
  } = {},
): Promise<OpenedPage> {
  // The tests read page state with string expressions (eval), which the server's CSP forbids to the page itself;
  // test/e2e/csp.test.ts loads the app under the real CSP without such reads.
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    // as a reader who asked for less motion: labels without fades, so fewer repaints of the software-rendered map
    reducedMotion: opts.reducedMotion ?? 'reduce',
    acceptDownloads: true,
    bypassCSP: !opts.enforceCsp,
  });
  const page = await context.newPage();
  const external: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(server.url) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    external.push(u);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/${query}#${hash}`);
  if (opts.enforceCsp) await page.locator('body[data-ready="map"]').waitFor({ state: 'attached', timeout: 60_000 });
  else await page.waitForFunction('document.body.dataset.ready === "map"', undefined, { timeout: 60_000 });
  return { page, external, errors };
}

/** Rendered features of the given layers on the main map (or a compare map). */
export async function renderedCount(page: Page, layers: string[], which: 'main' | 0 | 1 = 'main'): Promise<number> {
  const expr = which === 'main' ? 'window.__sua.map' : `window.__sua.compareMaps[${which}]`;
  const n = await page.evaluate(
    `(() => { const m = ${expr}; const ls = ${JSON.stringify(layers)}.filter((l) => m.getLayer(l)); return ls.length ? m.queryRenderedFeatures({ layers: ls }).length : 0; })()`,
  );
  return typeof n === 'number' ? n : 0;
}

/** Wait until the layers render at least `min` features. */
export async function waitRendered(
  page: Page,
  layers: string[],
  min = 1,
  timeout = 60_000,
  which: 'main' | 0 | 1 = 'main',
): Promise<number> {
  const expr = which === 'main' ? 'window.__sua.map' : `window.__sua.compareMaps && window.__sua.compareMaps[${which}]`;
  // the count seen when it was enough: counting again later could see a live finding's marker already gone
  const seen = await page.waitForFunction(
    `(() => { const m = ${expr}; if (!m) return false; m.triggerRepaint(); const ls = ${JSON.stringify(layers)}.filter((l) => m.getLayer(l)); if (ls.length === 0) return false; const n = m.queryRenderedFeatures({ layers: ls }).length; return n >= ${min} ? { n } : false; })()`,
    undefined,
    { timeout, polling: 250 },
  );
  const got: unknown = await seen.jsonValue();
  return typeof got === 'object' && got !== null && 'n' in got && typeof got.n === 'number' ? got.n : 0;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Wait for the live session's time controls; on failure say why (the panel status and the server log). */
export async function waitForSession(page: Page, server: RunningServer, timeout = 60_000): Promise<void> {
  try {
    await page.locator('[data-testid=play]:not([disabled])').first().waitFor({ timeout });
  } catch (e) {
    const status = await page
      .locator('#panel [role=status]')
      .first()
      .textContent()
      .catch(() => '');
    throw new Error(
      `no live session within ${timeout} ms; panel says "${status}"; server log:\n${server.log().slice(-3000)}`,
      { cause: e },
    );
  }
}

/** Signs in through the top bar's dialog and waits until the bar shows the account. */
export async function signInThroughUi(page: Page, user: Pick<SeedUser, 'email' | 'password'>): Promise<void> {
  await page.locator('[data-testid=sign-in]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/email/i).fill(user.email);
  await dialog.getByLabel(/password/i).fill(user.password);
  await dialog.locator('[data-testid=sign-in-submit]').click();
  await page.locator('[data-testid=auth-user]').waitFor({ timeout: 30_000 });
}

/**
 * Signs in over HTTP, for setting up data before a browser test: the `cookie` header to send with later
 * requests (the session is the same kind the dialog gets).
 */
export async function signInOverHttp(server: RunningServer, user: Pick<SeedUser, 'email' | 'password'>) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${user.email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error(`sign-in of ${user.email} set no cookie`);
  return { cookie };
}

/** Press Check plan on the plan checker and wait for its verdict (the report's `data-verdict`). */
export async function checkAndWait(page: Page): Promise<string> {
  await page.click('[data-testid=check]');
  const verdict = page.locator('[data-testid=verdict]');
  await verdict.waitFor({ timeout: 30_000 });
  await page.waitForFunction('!document.querySelector("[data-testid=check]").disabled', undefined, { timeout: 30_000 });
  return (await page.getAttribute('.report', 'data-verdict')) ?? '';
}
