/**
 * Issue 10, realtime against a real server: a session:join flood on one socket, a session with 500 inline
 * six-day plans sought to its end, and telemetry (the documented 1,000-sample HTTP batch; 50 sockets from one
 * source cannot take more than one socket's share).
 */
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSocket, createAndSeek, emitAck, joinFlood, longPlans, telemetryRace } from './attacks.js';
import { api, errorText, type ServerHandle, startServer, underAttack } from './harness.js';
import { expectSurvived, useServer } from './lifecycle.js';
import { telemetrySamples } from './payloads.js';

const server = useServer();

/** Ack codes that mean "over a budget" (anything else, e.g. internal, is a failure). */
const BUDGET_CODES = ['rate_limited', 'limit', 'busy', 'budget_exceeded'];

/** The socket still works after the attack: a round trip answers. */
async function expectSocketUsable(s: ServerHandle): Promise<void> {
  const socket: Socket = await connectSocket(s.url);
  try {
    const list = await emitAck<unknown[]>(socket, 'session:list', {}, 30_000);
    expect(list.ok, JSON.stringify(list)).toBe(true);
  } finally {
    socket.disconnect();
  }
}

describe('session:join flood', () => {
  it('3,600 joins a second on one socket for 3 s: the excess is refused over a budget, the server stays up', async () => {
    const s = server();
    const { result, health } = await underAttack(s, () => joinFlood(s.url, 3600, 3));
    await expectSurvived(s, health);
    await expectSocketUsable(s);
    const refusals = Object.keys(result.acks).filter((c) => c !== 'ok');
    expect(
      refusals.filter((c) => !BUDGET_CODES.includes(c)),
      JSON.stringify(result),
    ).toEqual([]);
    const refused = refusals.reduce((n, c) => n + result.acks[c], 0);
    expect(refused, `events per principal are budgeted: ${JSON.stringify(result)}`).toBeGreaterThan(0);
    for (const c of refusals) expect(result.messages[c]).toMatch(/limit|rate|per|slow|budget|max/i);
  }, 90_000);
});

describe('session:create with 500 inline six-day plans, then seek to the end', () => {
  it('is refused naming the session budget, or created and sought without stalling the server', async () => {
    const s = server();
    const plans = longPlans(500, 6);
    const { result, health } = await underAttack(s, () => createAndSeek(s.url, plans, 6));
    await expectSurvived(s, health);
    const { create, seek } = result;
    if (!create.ok) {
      expect(create.error.code, create.error.message).not.toMatch(/no-answer|internal/);
      expect(JSON.stringify(create.error)).toMatch(/plans|duration|limit|budget|max/i);
      return;
    }
    expect(seek, 'the seek is answered').not.toBeNull();
    if (seek && !seek.ok) {
      expect(seek.error.code, seek.error.message).not.toMatch(/no-answer|internal/);
      expect(seek.error.message).toMatch(/duration|limit|budget|max|seek/i);
    }
  }, 150_000);
});

describe('telemetry limits per source', () => {
  const extra: ServerHandle[] = [];
  afterEach(async () => {
    for (const e of extra.splice(0)) await e.stop();
  });

  it('POST /api/telemetry with the documented 1,000-sample batch is accepted', async () => {
    const s = server();
    const reply = await api<{ accepted: number }>(s.url, 'POST', '/api/telemetry', {
      json: telemetrySamples(1000, Date.now(), 'http-batch'),
    });
    expect(reply.status, errorText(reply)).toBe(200);
    expect(reply.body.accepted).toBe(1000);
    await expectSurvived(s);
  });

  it('a batch over 1,000 is refused naming the limit', async () => {
    const s = server();
    const reply = await api(s.url, 'POST', '/api/telemetry', { json: telemetrySamples(1001, Date.now(), 'http-over') });
    expect([400, 413, 422], errorText(reply)).toContain(reply.status);
    expect(errorText(reply)).toMatch(/1000|1,000|too many|limit|max/i);
  });

  it('50 sockets from one source get no more accepted samples than one socket does', async () => {
    // each run on a fresh server, so both start with a full budget
    const [one, fifty] = await Promise.all([startServer(), startServer()]);
    extra.push(one, fifty);
    const single = await telemetryRace(one.url, 1, 2);
    const { result: many, health } = await underAttack(fifty, () => telemetryRace(fifty.url, 50, 2));
    await expectSurvived(fifty, health);
    expect(single.accepted, JSON.stringify(single)).toBeGreaterThan(0);
    expect(
      many.accepted,
      `1 socket: ${JSON.stringify(single)}; 50 sockets: ${JSON.stringify(many)}`,
    ).toBeLessThanOrEqual(Math.ceil(single.accepted * 1.5) + 100);
  }, 90_000);
});
