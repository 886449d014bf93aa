import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, loadConfig } from '../../server/src/config.js';
import { call, repoRoot, startServer, tempDir } from './helpers.js';

describe('configuration', () => {
  it('defaults: port 8080, ./data/sua-sandbox.db, client/dist', () => {
    const c = loadConfig({}, '/repo');
    expect(c.port).toBe(DEFAULT_PORT);
    expect(DEFAULT_PORT).toBe(8080);
    expect(c.dbFile).toBe(path.resolve('./data/sua-sandbox.db'));
    expect(c.clientDir).toBe('/repo/client/dist');
    expect(c.logLevel).toBe('info');
    expect(loadConfig({ PORT: '' }, '/repo').port).toBe(8080);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }, '/repo')).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' }, '/repo');
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT: .*65535/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
    }
  });
});

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out, errors: () => err };
}

describe('main.ts', () => {
  it('exits 2 with a clear message for a bad environment', async () => {
    const m = startMain({ PORT: 'not-a-port' });
    expect(await m.exited).toBe(2);
    expect(m.errors()).toMatch(/invalid configuration:\n\s+PORT:/);
  }, 60_000);

  it('creates the database on first start, serves the API, logs the URL and stops on SIGTERM', async () => {
    const dataDir = tempDir('sua-main-');
    const m = startMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const url = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const match = /listening on (http:\/\/[^/\s]+)\//.exec(m.output());
        if (match) {
          clearInterval(t);
          resolve(match[1].replace('localhost', '127.0.0.1'));
        }
      }, 50);
      m.exited.then(() => reject(new Error(`main exited: ${m.errors()}${m.output()}`)));
    });
    expect(fs.existsSync(path.join(dataDir, 'sua-sandbox.db'))).toBe(true);
    const health = await call<{ status: string }>(url, 'GET', '/api/health');
    expect(health.body.status).toBe('ok');
    // one log line per request, with its id (written when the response finishes)
    for (let i = 0; i < 100 && !m.output().includes('"reqId"'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(m.output()).toMatch(/"reqId":"[^"]+".*"url":"\/api\/health"/);
    m.child.kill('SIGTERM');
    expect(await m.exited).toBe(0);
  }, 60_000);
});

describe('static client', () => {
  it('serves the built client with an SPA fallback, never for /api', async () => {
    const clientDir = tempDir('sua-client-');
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>map</title>');
    fs.mkdirSync(path.join(clientDir, 'assets'));
    fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    const s = await startServer({ deps: { clientDir } });
    try {
      expect((await call(s.url, 'GET', '/')).text).toContain('<title>map</title>');
      expect((await call(s.url, 'GET', '/compare/some-view')).text).toContain('<title>map</title>');
      expect((await call(s.url, 'GET', '/assets/app.js')).text).toBe('console.log(1)');
      const api = await call(s.url, 'GET', '/api/not-a-route');
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toMatch(/json/);
    } finally {
      await s.close();
    }
  });
});
