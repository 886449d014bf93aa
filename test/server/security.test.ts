import fs from 'node:fs';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, startServer, type TestServer, tempDir } from './helpers.js';
import { basePlan } from './plans.js';

/**
 * Hardening that belongs with identity (issue 12 item 5): security headers with a CSP MapLibre works under,
 * the origin check on state-changing requests and socket handshakes, and no source maps unless asked.
 */
let server: TestServer;
let withOrigins: TestServer;
const clientDir = tempDir('sua-client-');

beforeAll(async () => {
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(clientDir, 'app.js'), 'console.log(1)\n//# sourceMappingURL=app.js.map');
  fs.writeFileSync(path.join(clientDir, 'app.js.map'), '{"version":3}');
  server = await startServer({ deps: { clientDir } });
  withOrigins = await startServer({
    deps: {
      clientDir,
      realtime: { enabled: true },
      security: { allowedOrigins: ['https://partner.example'], serveSourceMaps: true },
    },
  });
});
afterAll(async () => {
  await server.close();
  await withOrigins.close();
});

const planCount = async (s: TestServer) => (await s.store.plans.count()) as number;

describe('security headers', () => {
  it('the app shell and the API carry a CSP that lets MapLibre run its blob: worker and nothing inline run', async () => {
    for (const p of ['/', '/api/health']) {
      const r = await fetch(server.url + p);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('origin check on state-changing requests', () => {
  it('refuses a JSON write from another site with 403 and stores nothing', async () => {
    const before = await planCount(server);
    const r = await call<ErrorReply>(server.url, 'POST', '/api/plans', {
      json: { plan: basePlan() },
      headers: { origin: 'https://evil.example' },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect(r.body.error.message).toContain('https://evil.example');
    expect(await planCount(server)).toBe(before);
  });

  it('refuses a multipart upload from another site (a form post needs no CORS preflight)', async () => {
    const before = await planCount(server);
    const form = new FormData();
    form.append('file', new Blob(['{"type":"FeatureCollection","features":[]}']), 'route.geojson');
    const r = await call<ErrorReply>(server.url, 'POST', '/api/plans', {
      raw: form,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(r.status).toBe(403);
    expect(await planCount(server)).toBe(before);
  });

  it('refuses Origin: null and a cross-site fetch without an Origin header', async () => {
    const refused: Record<string, string>[] = [{ origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of refused) {
      const r = await call(server.url, 'POST', '/api/check', { json: basePlan(), headers });
      expect(r.status, JSON.stringify(headers)).toBe(403);
    }
  });

  it("lets this server's own page, a configured origin and origin-less clients (curl, the CLI) through", async () => {
    const own = await call(server.url, 'POST', '/api/check', {
      json: basePlan(),
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    const partner = await call(withOrigins.url, 'POST', '/api/check', {
      json: basePlan(),
      headers: { origin: 'https://partner.example' },
    });
    expect(partner.status).toBe(200);
    expect((await call(server.url, 'POST', '/api/check', { json: basePlan() })).status).toBe(200);
  });

  it('reads are not origin-checked (the public map embeds them)', async () => {
    const r = await call(server.url, 'GET', '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(200);
  });
});

describe('origin check on the socket handshake', () => {
  const handshake = (url: string, origin?: string) =>
    new Promise<'connected' | string>((resolve) => {
      const socket = connect(url, {
        transports: ['websocket'],
        reconnection: false,
        timeout: 5000,
        extraHeaders: origin ? { origin } : {},
      });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (err) => {
        socket.close();
        resolve(err.message);
      });
    });

  it('a page from another site cannot open a socket; this origin, an allowed one and origin-less clients can', async () => {
    expect(await handshake(withOrigins.url, 'https://evil.example')).not.toBe('connected');
    expect(await handshake(withOrigins.url, withOrigins.url)).toBe('connected');
    expect(await handshake(withOrigins.url, 'https://partner.example')).toBe('connected');
    expect(await handshake(withOrigins.url)).toBe('connected');
  });
});

describe('source maps', () => {
  it('are not served unless SERVE_SOURCE_MAPS=1', async () => {
    expect((await fetch(`${server.url}/app.js.map`)).status).toBe(404);
    expect((await fetch(`${server.url}/app.js`)).status).toBe(200);
    expect((await fetch(`${withOrigins.url}/app.js.map`)).status).toBe(200);
  });
});
