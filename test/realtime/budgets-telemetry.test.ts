import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type Ack, TELEMETRY_NAMESPACE, type TelemetryAccepted } from '../../rules/src/protocol/index.js';
import { addressKey } from '../../server/src/realtime/index.js';
import { as, principalFromAuth } from './budget-helpers.js';
import { request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const sample = (i: number, id = 'rc-1') => ({
  aircraftId: id,
  time: Date.parse('2025-09-01T11:00:00+08:00') + i * 1000,
  lon: 114.1738,
  lat: 22.2936 - i * 0.00005,
  alt: 40,
  altRef: 'AMSL' as const,
});
const batch = (n: number, ids = 1, prefix = 'rc') =>
  Array.from({ length: n }, (_, i) => sample(i, `${prefix}-${i % ids}`));
const errorOf = (r: Ack<unknown>) => (r.ok ? null : r.error);

/** The exported router behind a minimal error handler, as the server mounts it. */
async function httpTelemetry(server: TestServer) {
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use('/api/telemetry', server.realtime.telemetryRouter);
  app.use(
    (
      err: { status?: number; message?: string },
      _q: express.Request,
      res: express.Response,
      _n: express.NextFunction,
    ) => res.status(err.status ?? 500).json({ error: { message: err.message } }),
  );
  const http = app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/telemetry`;
  const post = (body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { post, close: () => http.close() };
}

describe('telemetry budgets per source', () => {
  it('the documented batch of 1,000 samples is accepted, over HTTP and over a socket', async () => {
    srv = await startServer([liveScenario()], { principalKey: principalFromAuth });
    const http = await httpTelemetry(srv);
    try {
      const res = await http.post(batch(1000));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 1000, sessionId: 'live' });
    } finally {
      http.close();
    }
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE, ...as('other') });
    // its own aircraft: another source's are refused (issue 12)
    const r = await request<TelemetryAccepted>(feed, 'telemetry', batch(1000, 1, 'other'));
    expect(r.ok && r.data.accepted).toBe(1000);
  });

  it('a batch larger than the burst is refused as a limit (413), not rate-limited forever', async () => {
    srv = await startServer([liveScenario()], { budgets: { telemetry: { ratePerS: 10, burst: 50 } } });
    const http = await httpTelemetry(srv);
    try {
      const res = await http.post(batch(51));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('telemetryBurst');
    } finally {
      http.close();
    }
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE });
    expect(errorOf(await request(feed, 'telemetry', batch(51)))).toMatchObject({
      code: 'limit',
      limit: { name: 'telemetryBurst', max: 50, actual: 51 },
    });
  });

  it('fifty sockets of one source share its budget, and its HTTP requests share it too', async () => {
    // one source seen the same way over both transports: here by its address (the test's HTTP router has no auth)
    srv = await startServer([liveScenario()], {
      budgets: { telemetry: { ratePerS: 0.001, burst: 100 } },
      principalKey: (socket) => addressKey(socket.handshake.address),
    });
    const feeds = await Promise.all(Array.from({ length: 50 }, () => srv!.client({ namespace: TELEMETRY_NAMESPACE })));
    const replies = await Promise.all(feeds.map((f) => request<TelemetryAccepted>(f, 'telemetry', batch(10))));
    const accepted = replies.reduce((n, r) => n + (r.ok ? r.data.accepted : 0), 0);
    expect(accepted).toBe(100);
    expect(errorOf(replies.find((r) => !r.ok) ?? replies[0])).toMatchObject({ code: 'rate_limited' });
    const http = await httpTelemetry(srv);
    try {
      expect((await http.post(sample(0))).status).toBe(429);
    } finally {
      http.close();
    }
  });

  it('one source may feed only so many aircraft into a session; another source has its own share', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { tracksPerSource: 3, aircraftPerSession: 5 },
      principalKey: principalFromAuth,
    });
    const a = await srv.client({ namespace: TELEMETRY_NAMESPACE, ...as('a') });
    expect((await request(a, 'telemetry', batch(3, 3))).ok).toBe(true);
    // Known aircraft keep reporting; a fourth is refused and nothing of its batch is taken.
    expect((await request(a, 'telemetry', batch(6, 3))).ok).toBe(true);
    const fourth = await request(a, 'telemetry', [sample(7, 'rc-0'), sample(7, 'new')]);
    expect(errorOf(fourth)).toMatchObject({ code: 'limit', limit: { name: 'tracksPerSource', max: 3, actual: 4 } });
    const b = await srv.client({ namespace: TELEMETRY_NAMESPACE, ...as('b') });
    expect((await request(b, 'telemetry', [sample(0, 'b1'), sample(0, 'b2')])).ok).toBe(true);
    const sixth = await request(b, 'telemetry', sample(1, 'b3'));
    expect(errorOf(sixth)?.limit).toMatchObject({ name: 'aircraftPerSession', max: 5, actual: 6 });
    const ids = srv.realtime.sessions
      .get('live')
      ?.aircraftInfo()
      .map((x) => x.id);
    expect(ids).toEqual(['harbour', 'high', 'tm:rc-0', 'tm:rc-1', 'tm:rc-2', 'tm:b1', 'tm:b2']);
  });
});

describe('principal keys', () => {
  it('IPv4 (also IPv4-mapped) by address; IPv6 by its /64', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('ip:127.0.0.1');
    expect(addressKey('203.0.113.9')).toBe('ip:203.0.113.9');
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:db8:1:2:ffff:eeee:dddd:cccc'));
    expect(addressKey('2001:db8:1:2::1')).toBe('ip6:2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::1')).toBe('ip:::1');
    expect(addressKey(undefined)).toBe('ip:unknown');
  });
});
