import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { parseTrustProxy } from '../../server/src/http/client-address.js';
import { call } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';
import { type AuthTestServer, addUser, PASSWORD, signIn, startAuthServer } from './helpers.js';

let server: AuthTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('request limits per principal and per address', () => {
  it('limits anonymous checks per address and users per account, in one-minute windows', async () => {
    server = await startAuthServer({ auth: { requestLimits: { anonymousPerMinute: 3, userPerMinute: 4 } } });
    await addUser(server.store, 'a@example.org', 'viewer', PASSWORD);
    const { cookie } = await signIn(server.url, 'a@example.org', PASSWORD); // the address's 1st
    if (!cookie) throw new Error('no session cookie');
    const check = (headers: Record<string, string> = {}) =>
      call(server?.url ?? '', 'POST', '/api/check', { json: { plan: basePlan() }, headers });

    expect((await check()).status).toBe(200);
    expect((await check()).status).toBe(200);
    const limited = await check();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // reads are not limited
    expect((await call(server.url, 'GET', '/api/health')).status).toBe(200);

    // the signed-in user from the same address has a budget of their own
    for (let i = 0; i < 4; i++) expect((await check({ cookie })).status).toBe(200);
    expect((await check({ cookie })).status).toBe(429);

    server.advance(61_000);
    expect((await check()).status).toBe(200);
    expect((await check({ cookie })).status).toBe(200);
  });
});

describe('the client address behind a load balancer (TRUST_PROXY)', () => {
  const check = (xff: string) =>
    call(server?.url ?? '', 'POST', '/api/check', {
      json: { plan: basePlan() },
      headers: { 'x-forwarded-for': xff },
    });

  it('without a trusted proxy, a forged X-Forwarded-For buys no fresh budget', async () => {
    server = await startAuthServer({ auth: { requestLimits: { anonymousPerMinute: 2, userPerMinute: 4 } } });
    expect((await check('198.51.100.1')).status).toBe(200);
    expect((await check('198.51.100.2')).status).toBe(200);
    expect((await check('198.51.100.3')).status).toBe(429);
  });

  it('with one trusted hop, each forwarded client has its own budget', async () => {
    server = await startAuthServer({
      auth: { requestLimits: { anonymousPerMinute: 2, userPerMinute: 4 } },
      security: { trustProxy: parseTrustProxy('1') },
    });
    expect((await check('198.51.100.1')).status).toBe(200);
    expect((await check('198.51.100.1')).status).toBe(200);
    expect((await check('198.51.100.1')).status).toBe(429);
    expect((await check('198.51.100.2')).status).toBe(200);
    // only the last hop is trusted: a client cannot prepend an address of its choosing
    expect((await check('203.0.113.9, 198.51.100.1')).status).toBe(429);
  });

  it('TRUST_PROXY names the entry it cannot read', () => {
    expect(() => parseTrustProxy('10.0.0.0/8,not-an-address')).toThrow(/"not-an-address"/);
    expect(parseTrustProxy('loopback')('127.0.0.1', 0)).toBe(true);
    expect(parseTrustProxy('0')('127.0.0.1', 0)).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' }, '/repo')).toThrow(/TRUST_PROXY: "10.0.0.0\/99"/);
  });
});
