import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AckError, SessionInfo } from '../../rules/src/protocol/index.js';
import { as, principalFromAuth } from './budget-helpers.js';
import { record, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

/** Rates so slow that nothing refills during a test: only the burst counts. */
const SLOW = 0.001;
const errorOf = (r: { ok: boolean; error?: AckError }) => (r.ok ? null : (r.error ?? null));

describe('event budgets (per connection and per principal)', () => {
  it('a flood of session:join on one socket: the burst passes, the rest is refused rate-limited, one snapshot only', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { eventsPerConnection: { ratePerS: SLOW, burst: 5 } },
      principalKey: principalFromAuth,
    });
    const c = await srv.client(as('flooder'));
    const log = record(c);
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => request<SessionInfo>(c, 'session:join', { sessionId: 'live' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(5);
    const refused = replies.map(errorOf).filter((e) => e !== null);
    expect(refused).toHaveLength(25);
    expect(refused[0]).toMatchObject({ code: 'rate_limited', limit: { name: 'eventsPerConnection' } });
    expect(refused[0]?.retryAfterMs).toBeGreaterThan(0);
    // Joining a session the socket is already in is idempotent: one snapshot, not five.
    expect(log.filter((m) => m.event === 'session:snapshot')).toHaveLength(1);
    expect(srv.realtime.sessions.get('live')?.viewers).toBe(1);
  });

  it("a principal's sockets share one budget; another principal has its own", async () => {
    srv = await startServer([liveScenario()], {
      budgets: { eventsPerPrincipal: { ratePerS: SLOW, burst: 6 } },
      principalKey: principalFromAuth,
    });
    const sockets = await Promise.all([srv.client(as('a')), srv.client(as('a')), srv.client(as('a'))]);
    const replies = await Promise.all(
      sockets.flatMap((s) => Array.from({ length: 4 }, () => request(s, 'session:list', {}))),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(6);
    expect(replies.map(errorOf).find((e) => e !== null)).toMatchObject({
      code: 'rate_limited',
      limit: { name: 'eventsPerPrincipal' },
    });
    const other = await srv.client(as('b'));
    expect((await request(other, 'session:list', {})).ok).toBe(true);
  });

  it('events that build or re-judge a simulation have a budget of their own; light ones still pass', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { heavyEventsPerPrincipal: { ratePerS: SLOW, burst: 2 } },
      principalKey: principalFromAuth,
    });
    // a regulator: the public demo session is theirs to steer
    const c = await srv.client({ ...as('clicker'), as: 'regulator' });
    const pause = () => request(c, 'session:control', { sessionId: 'live', action: 'pause' });
    expect((await pause()).ok).toBe(true);
    expect((await request(c, 'session:create', { scenarioId: 'live-test' })).ok).toBe(true);
    expect(errorOf(await pause())).toMatchObject({ code: 'rate_limited', limit: { name: 'heavyEventsPerPrincipal' } });
    expect((await request(c, 'session:list', {})).ok).toBe(true);
  });

  it('a socket that keeps sending past its budget is disconnected', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { eventsPerConnection: { ratePerS: SLOW, burst: 2 }, refusalsBeforeDisconnect: 3 },
      principalKey: principalFromAuth,
    });
    const c = await srv.client(as('abuser'));
    const gone = new Promise<string>((resolve) => c.on('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 10; i++) c.emit('session:list', {} as never, () => {});
    expect(await gone).toBe('io server disconnect');
    // Others are not affected.
    const polite = await srv.client(as('polite'));
    expect((await request(polite, 'session:list', {})).ok).toBe(true);
  });

  it('events without an ack and unknown events are metered too', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { eventsPerConnection: { ratePerS: SLOW, burst: 3 } },
      principalKey: principalFromAuth,
    });
    const c = await srv.client(as('x'));
    // Untyped: events the protocol does not declare, and declared ones sent without an ack.
    const raw = c as unknown as Socket;
    raw.emit('no:such-event', {});
    raw.emit('session:join', { sessionId: 'live' });
    raw.emit('session:leave', { sessionId: 'live' });
    const r = await request(c, 'session:list', {});
    expect(errorOf(r)?.code).toBe('rate_limited');
  });
});
