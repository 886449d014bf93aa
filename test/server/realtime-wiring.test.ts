import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../rules/src/protocol/index.js';
import { manualTickSource } from '../../server/src/realtime/index.js';
import { call, defaultCredentials, type ErrorReply, startServer, type TestServer } from './helpers.js';
import { basePlan } from './plans.js';

/** The server with the live simulation on (a manual tick source: nothing runs in the background). */
let s: TestServer;
beforeAll(async () => {
  s = await startServer({ deps: { realtime: { enabled: true, options: { tickSource: manualTickSource() } } } });
});
afterAll(() => s.close());

const sample = (i: number) => ({
  aircraftId: 'ext-1',
  time: Date.parse('2026-03-02T10:00:00+08:00') + i * 1000,
  lon: 114.07 + i * 1e-4,
  lat: 22.4,
  alt: 60,
  altRef: 'AGL',
});

describe('realtime wiring', () => {
  it('POST /api/telemetry feeds the live session', async () => {
    const r = await call<{ accepted: number; sessionId: string }>(s.url, 'POST', '/api/telemetry', {
      json: [sample(0), sample(1)],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(typeof r.body.sessionId).toBe('string');
  });

  it('rejects bad telemetry with 400 and floods with 429', async () => {
    const bad = await call<ErrorReply>(s.url, 'POST', '/api/telemetry', { json: { ...sample(0), lat: 123 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0].path).toEqual(['body', 'lat']);
    let limited = 0;
    for (let i = 0; i < 3 && limited === 0; i++) {
      const r = await call(s.url, 'POST', '/api/telemetry', {
        json: Array.from({ length: 1000 }, (_, k) => sample(k)),
      });
      if (r.status === 429) limited++;
    }
    expect(limited).toBe(1);
  });

  it('job events reach a client that passes the protocol version', async () => {
    const socket = connect(s.url, {
      transports: ['websocket'],
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION },
      // impact runs (and their events) are the regulator's: the handshake carries the test's admin token
      extraHeaders: defaultCredentials(s.url),
    });
    try {
      const start = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
        json: { draft: 'a2-height-400ft', corpus: { plans: [basePlan()] } },
      });
      const done = new Promise<{ ok: boolean }>((resolve) => socket.on('job:done', resolve));
      expect(await socket.emitWithAck('job:subscribe', { jobId: start.body.jobId })).toMatchObject({ ok: true });
      expect((await done).ok).toBe(true);
    } finally {
      socket.close();
    }
  });
});
