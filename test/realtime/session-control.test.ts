import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../rules/src/protocol/index.js';
import { as, principalFromAuth } from './budget-helpers.js';
import { request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

/**
 * Who may steer a session (issue 12): its owner, or a regulator for any (the public demo included). Everyone
 * else follows read-only, or forks a private copy with its own clock. Principals are told apart by the
 * handshake (all test sockets share one address); `as: 'regulator'` signs one in as a regulator.
 */
let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const start = () => startServer([liveScenario()], { principalKey: principalFromAuth });
const clockOf = (s: TestServer, id: string) => s.realtime.sessions.get(id)?.info().clock;

describe('session control', () => {
  it('an anonymous viewer cannot pause, seek or swap the rulebook of the public session; nothing changes', async () => {
    srv = await start();
    const viewer = await srv.client(as('visitor'));
    await request(viewer, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 3; i++) srv.ticks.pulse(1000);
    const before = clockOf(srv, 'live');
    for (const action of [
      { action: 'pause' },
      { action: 'seek', elapsedMs: 0 },
      { action: 'set-rulebook', rulebook: { draftId: 'a2-height-400ft' } },
    ]) {
      const r = await request(viewer, 'session:control', { sessionId: 'live', ...action });
      expect(r.ok, action.action).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('forbidden');
        expect(r.error.message).toMatch(/fork/);
      }
    }
    expect(clockOf(srv, 'live')).toEqual(before);
    expect(srv.realtime.sessions.get('live')?.info().rulebook.id).not.toContain('a2-height-400ft');
  });

  it("a session's owner controls it; another principal cannot", async () => {
    srv = await start();
    const owner = await srv.client(as('alice'));
    const other = await srv.client(as('mallory'));
    const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test', autoplay: true });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.data.id;
    const stolen = await request(other, 'session:control', { sessionId: id, action: 'pause' });
    expect(!stolen.ok && stolen.error.code).toBe('forbidden');
    expect(clockOf(srv, id)?.playing).toBe(true);
    const mine = await request<SessionInfo>(owner, 'session:control', { sessionId: id, action: 'pause' });
    expect(mine.ok && mine.data.clock.playing).toBe(false);
  });

  it("a join says whose the session is: the owner's new connection (a reloaded page) is told it is theirs", async () => {
    srv = await start();
    const owner = await srv.client(as('alice'));
    const created = await request<SessionInfo>(owner, 'session:create', { scenarioId: 'live-test', autoplay: true });
    if (!created.ok) throw new Error(created.error.message);
    const reloaded = await srv.client(as('alice'));
    const back = await request<SessionInfo>(reloaded, 'session:join', { sessionId: created.data.id });
    expect(back.ok && back.data.yours).toBe(true);
    const again = await request<SessionInfo>(reloaded, 'session:join', { sessionId: created.data.id });
    expect(again.ok && again.data.yours).toBe(true);
    const demo = await request<SessionInfo>(reloaded, 'session:join', { sessionId: 'live' });
    expect(demo.ok && demo.data.yours).toBe(false);
    const paused = await request<SessionInfo>(reloaded, 'session:control', {
      sessionId: created.data.id,
      action: 'pause',
    });
    expect(paused.ok && paused.data.clock.playing).toBe(false);
  });

  it('a regulator may steer any session, the public demo included', async () => {
    srv = await start();
    const regulator = await srv.client({ ...as('cad'), as: 'regulator' });
    const r = await request<SessionInfo>(regulator, 'session:control', { sessionId: 'live', action: 'pause' });
    expect(r.ok && r.data.clock.playing).toBe(false);
  });

  it('a viewer forks the public session: a copy at the same time and play state, theirs to control; the original runs on', async () => {
    srv = await start();
    const viewer = await srv.client(as('visitor'));
    for (let i = 0; i < 7; i++) srv.ticks.pulse(1000);
    const source = clockOf(srv, 'live');
    expect(source?.elapsedMs).toBeGreaterThan(0);
    const fork = await request<SessionInfo>(viewer, 'session:create', { fork: 'live' });
    expect(fork.ok).toBe(true);
    if (!fork.ok) return;
    expect(fork.data.id).not.toBe('live');
    expect(fork.data.clock.playing).toBe(source?.playing);
    expect(source?.playing).toBe(true);
    expect(fork.data.clock.elapsedMs).toBe(source?.elapsedMs);
    expect(fork.data.title).toMatch(/\(copy\)$/);
    const pause = await request<SessionInfo>(viewer, 'session:control', { sessionId: fork.data.id, action: 'pause' });
    expect(pause.ok && pause.data.clock.playing).toBe(false);
    expect(clockOf(srv, 'live')?.playing).toBe(true);
    // the copy counts against the forker's sessions, and another principal cannot steer it
    const other = await srv.client(as('mallory'));
    const stolen = await request(other, 'session:control', { sessionId: fork.data.id, action: 'play' });
    expect(!stolen.ok && stolen.error.code).toBe('forbidden');
  });

  it('fork is one of scenarioId, plans or fork; an unknown session is not found', async () => {
    srv = await start();
    const viewer = await srv.client(as('visitor'));
    const both = await request(viewer, 'session:create', { fork: 'live', scenarioId: 'live-test' });
    expect(!both.ok && both.error.code).toBe('invalid_payload');
    const missing = await request(viewer, 'session:create', { fork: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});
