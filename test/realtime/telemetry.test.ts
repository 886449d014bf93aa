import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AircraftFlag,
  type FindingClosed,
  type FindingOpened,
  PROTOCOL_VERSION,
  TELEMETRY_NAMESPACE,
  TelemetryAccepted,
  type TickBatch,
} from '../../rules/src/protocol/index.js';
import { RateLimiter } from '../../server/src/realtime/telemetry.js';
import { flush, record, request, startServer, type TestServer, tickStates } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

/** A track across Victoria Harbour from Tsim Sha Tsui, 40 m AMSL, 1 sample per second. */
const sample = (i: number, id = 'rc-1') => ({
  aircraftId: id,
  time: Date.parse('2025-09-01T11:00:00+08:00') + i * 1000,
  lon: 114.1738,
  lat: 22.2936 - i * 0.00005,
  alt: 40,
  altRef: 'AMSL' as const,
  pilot: [114.1738, 22.2937] as [number, number],
});

describe('telemetry ingestion', () => {
  it('telemetry aircraft appear in the ticks and are monitored like simulated ones', async () => {
    srv = await startServer([liveScenario()]);
    const viewer = await srv.client();
    const log = record(viewer);
    await request(viewer, 'session:join', { sessionId: 'live' });
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE });
    for (let i = 0; i < 5; i++) {
      const r = await request<TelemetryAccepted>(feed, 'telemetry', sample(i));
      expect(r.ok && r.data).toEqual({
        accepted: 1,
        sessionId: 'live',
        assumptions: [
          expect.objectContaining({ code: 'assumption.telemetry-amsl', params: { count: 1, model: 'sea-level' } }),
        ],
      });
      srv.ticks.pulse(1000);
    }
    await flush(viewer);
    const ticks = log.filter((m) => m.event === 'tick').map((m) => m.payload as TickBatch);
    expect(ticks.flatMap((t) => t.added ?? []).map((a) => a.id)).toContain('tm:rc-1');
    const last = tickStates(log)
      .at(-1)
      ?.find((a) => a.id === 'tm:rc-1');
    expect(last && last.flags & AircraftFlag.telemetry).toBeTruthy();
    expect(last && last.flags & AircraftFlag.violating).toBeTruthy();
    const opened = log.filter((m) => m.event === 'finding:opened').map((m) => m.payload as FindingOpened);
    expect(opened.some((o) => o.aircraftId === 'tm:rc-1' && o.finding.ruleId === 'rfz')).toBe(true);
  });

  it('a declared profile is judged as declared, and re-declaring it judges the aircraft afresh', async () => {
    srv = await startServer([liveScenario()]);
    const viewer = await srv.client();
    const log = record(viewer);
    await request(viewer, 'session:join', { sessionId: 'live' });
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE });
    const profile = {
      aircraft: {
        model: 'Mavic 3',
        mass: { value: 895, unit: 'g' },
        maxDimensionM: 0.38,
        equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
        registration: null,
        labelled: false,
      },
      pilot: { age: 30, registered: true, advancedRating: false },
    };
    for (let i = 0; i < 3; i++) {
      await request(feed, 'telemetry', { ...sample(i, 'declared'), profile });
      await request(feed, 'telemetry', sample(i, 'default'));
      srv.ticks.pulse(1000);
    }
    // Registered after all: the same aircraft, now with its registration mark.
    const registered = { ...profile, aircraft: { ...profile.aircraft, registration: 'SUA-123456', labelled: true } };
    await request(feed, 'telemetry', { ...sample(3, 'declared'), profile: registered });
    srv.ticks.pulse(1000);
    await flush(viewer);
    const opened = log.filter((m) => m.event === 'finding:opened').map((m) => m.payload as FindingOpened);
    const rules = (id: string) => opened.filter((o) => o.aircraftId === id).map((o) => o.finding.ruleId);
    expect(rules('tm:declared')).toContain('reg.aircraft.standard');
    expect(rules('tm:default')).not.toContain('reg.aircraft.standard');
    const closed = log.filter((m) => m.event === 'finding:closed').map((m) => m.payload as FindingClosed);
    expect(
      closed.some(
        (c) =>
          c.aircraftId === 'tm:declared' && c.key.includes('reg.aircraft.standard') && c.reason === 'profile-changed',
      ),
    ).toBe(true);
    const infos = log
      .filter((m) => m.event === 'tick')
      .flatMap((m) => (m.payload as TickBatch).added ?? [])
      .filter((a) => a.id === 'tm:declared');
    expect(infos.map((a) => [a.model, a.category])).toEqual([
      ['Mavic 3', 'A2'],
      ['Mavic 3', 'A2'],
    ]);
  });

  it('a profile naming an unknown permission is refused with its path, and nothing of the batch is taken', async () => {
    srv = await startServer([liveScenario()]);
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE });
    const profile = {
      aircraft: {
        mass: { value: 6, unit: 'kg' },
        maxDimensionM: 0.9,
        equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
        registration: 'SUA-1',
        labelled: true,
      },
      pilot: { age: 35, registered: true, advancedRating: true },
      operation: { vlos: false, purpose: 'delivery' },
      permissions: ['sandbox.keeta.hkstp-ma-on-shan', 'no-such-project'],
    };
    const single = await request(feed, 'telemetry', { ...sample(0, 'drone'), profile });
    expect(!single.ok && single.error.code).toBe('invalid_payload');
    expect(single.ok ? [] : single.error.issues).toEqual([
      { path: ['profile', 'permissions', 1], message: 'unknown permission "no-such-project"' },
    ]);
    const batch = await request(feed, 'telemetry', [sample(0, 'other'), { ...sample(0, 'drone'), profile }]);
    expect(batch.ok ? [] : batch.error.issues?.map((i) => i.path)).toEqual([[1, 'profile', 'permissions', 1]]);
    const known = await request(feed, 'telemetry', {
      ...sample(1, 'drone'),
      profile: { ...profile, permissions: ['sandbox.keeta.hkstp-ma-on-shan'] },
    });
    expect(known.ok).toBe(true);
    const session = srv.realtime.sessions.get('live');
    expect(session?.aircraftInfo().map((a) => a.id)).toEqual(['harbour', 'high', 'tm:drone']);
  });

  it('invalid samples get an error ack naming the field; the feed keeps working', async () => {
    srv = await startServer([liveScenario()]);
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE });
    const bad = await request(feed, 'telemetry', { ...sample(0), lat: 95, altRef: 'MSL' });
    expect(!bad.ok && bad.error.code).toBe('invalid_payload');
    const paths = bad.ok ? [] : (bad.error.issues ?? []).map((i) => i.path.join('.'));
    expect(paths.some((p) => p.endsWith('lat'))).toBe(true);
    const wrongSession = await request(feed, 'telemetry', { ...sample(0), sessionId: 'nope' });
    expect(!wrongSession.ok && wrongSession.error.code).toBe('not_found');
    const ok = await request(feed, 'telemetry', sample(1));
    expect(ok.ok).toBe(true);
  });

  it('each source is rate limited; another source has its own budget, another socket of the same does not', async () => {
    // Sources told apart by a test principal in the handshake (all test sockets share one address).
    srv = await startServer([liveScenario()], {
      telemetryLimits: { ratePerS: 1, burst: 20 },
      principalKey: (socket) => String((socket.handshake.auth as { principal?: string }).principal),
    });
    const auth = (principal: string) => ({ protocolVersion: PROTOCOL_VERSION, principal });
    const feed = await srv.client({ namespace: TELEMETRY_NAMESPACE, auth: auth('a') });
    const batch = Array.from({ length: 15 }, (_, i) => sample(i, `a${i}`));
    expect((await request(feed, 'telemetry', batch)).ok).toBe(true);
    const again = await request(feed, 'telemetry', batch);
    expect(!again.ok && again.error.code).toBe('rate_limited');
    const sameSource = await srv.client({ namespace: TELEMETRY_NAMESPACE, auth: auth('a') });
    expect((await request(sameSource, 'telemetry', batch)).ok).toBe(false);
    const other = await srv.client({ namespace: TELEMETRY_NAMESPACE, auth: auth('b') });
    const itsOwn = batch.map((s, i) => ({ ...s, aircraftId: `b${i}` }));
    expect((await request(other, 'telemetry', itsOwn)).ok).toBe(true);
  });

  it("a source cannot move or re-declare another source's aircraft: 409 naming the sample, nothing taken", async () => {
    srv = await startServer([liveScenario()], {
      principalKey: (socket) => String((socket.handshake.auth as { principal?: string }).principal),
    });
    const auth = (principal: string) => ({ protocolVersion: PROTOCOL_VERSION, principal });
    const owner = await srv.client({ namespace: TELEMETRY_NAMESPACE, auth: auth('operator-a') });
    const intruder = await srv.client({ namespace: TELEMETRY_NAMESPACE, auth: auth('operator-b') });
    expect((await request(owner, 'telemetry', sample(0, 'rc-a'))).ok).toBe(true);
    srv.ticks.pulse(1000);
    // a batch with one of its own aircraft and one spoofed: the whole batch is refused
    const spoof = await request(intruder, 'telemetry', [sample(1, 'rc-b'), { ...sample(1, 'rc-a'), lat: 22.3 }]);
    expect(spoof.ok).toBe(false);
    if (spoof.ok) return;
    expect(spoof.error.code).toBe('conflict');
    expect(spoof.error.issues).toEqual([
      { path: [1, 'aircraftId'], message: 'aircraft "rc-a" is reported by another source' },
    ]);
    // the owner still feeds it; the intruder's own aircraft was not taken either
    expect((await request(owner, 'telemetry', sample(2, 'rc-a'))).ok).toBe(true);
    expect((await request(intruder, 'telemetry', sample(3, 'rc-b'))).ok).toBe(true);
  });

  it('the token bucket refills at its rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerS: 10, burst: 10 }, () => now);
    expect(limiter.take('s', 10)).toBe(true);
    expect(limiter.take('s', 1)).toBe(false);
    now += 500;
    expect(limiter.take('s', 5)).toBe(true);
    expect(limiter.take('s', 1)).toBe(false);
  });

  it('POST /api/telemetry (the exported router) accepts samples, rejects bad ones with 400 and floods with 429', async () => {
    srv = await startServer([liveScenario()], { telemetryLimits: { ratePerS: 1, burst: 3 } });
    const app = express();
    app.use(express.json());
    app.use('/api/telemetry', srv.realtime.telemetryRouter);
    app.use(
      (
        err: { status?: number; code?: string },
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => res.status(err.status ?? 500).json({ error: { code: err.code } }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/telemetry`;
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const ok = await post([sample(0), { ...sample(1), altRef: 'AGL' }]);
      expect(ok.status).toBe(200);
      // the sender is told how each altitude was read, and over which ground
      const body = TelemetryAccepted.parse(await ok.json());
      expect(body).toMatchObject({ accepted: 2, sessionId: 'live' });
      expect(body.assumptions.map((a) => [a.code, a.params])).toEqual([
        ['assumption.telemetry-agl', { count: 1, model: 'sea-level' }],
        ['assumption.telemetry-amsl', { count: 1, model: 'sea-level' }],
      ]);
      expect(body.assumptions[0].en).toMatch(/converted to AMSL with the ground of the elevation model "sea-level"/);
      expect((await post({ aircraftId: 'x' })).status).toBe(400);
      expect((await post([sample(2), sample(3)])).status).toBe(429);
      // The same through the handle the server's own route calls.
      await expect(srv.realtime.telemetry({ nope: 1 }, 'test')).rejects.toMatchObject({ status: 400 });
    } finally {
      server.close();
    }
  });
});
