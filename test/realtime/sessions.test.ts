import { afterEach, describe, expect, it } from 'vitest';
import type { FindingClosed, FindingOpened, SessionInfo, Snapshot, TickBatch } from '../../rules/src/protocol/index.js';
import { flush, eventsOf as of, record, request, startServer, type TestServer, tickStates } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

describe('live sessions over socket.io', () => {
  it('the default session is running at start; a joiner gets a snapshot, then batched ticks', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const log = record(c);
    const join = await request<SessionInfo>(c, 'session:join', { sessionId: 'live' });
    expect(join.ok && join.data.scenarioId).toBe('live-test');
    const [snap] = of<Snapshot>(log, 'session:snapshot');
    expect(snap.reason).toBe('join');
    expect(snap.aircraftInfo.map((a) => a.id)).toEqual(['harbour', 'high']);
    expect(snap.aircraftInfo[0].plannedRoute?.length).toBe(4);
    for (let i = 0; i < 5; i++) srv.ticks.pulse(1000);
    await flush(c);
    const ticks = of<TickBatch>(log, 'tick');
    expect(ticks).toHaveLength(5);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].tick).toBeGreaterThan(ticks[i - 1].tick);
    expect(ticks[4].elapsedMs).toBe(5000);
    // Ids come with the snapshot and with the first tick; later ticks are binary rows in the same order.
    expect(ticks[0].aircraft.ids).toEqual(['harbour', 'high']);
    expect(ticks[4].aircraft.ids).toBeUndefined();
    // Five seconds in, both are climbing over their take-off points (decoded from the binary block).
    const [harbour, high] = tickStates(log)[4];
    expect([harbour.id, high.id]).toEqual(['harbour', 'high']);
    expect([harbour.mode, high.mode]).toEqual(['climb', 'climb']);
    expect(harbour.lon).toBeCloseTo(114.1738, 3);
    expect(harbour.lat).toBeCloseTo(22.2936, 3);
    expect(high.lon).toBeCloseTo(114.2105, 3);
    expect(high.lat).toBeCloseTo(22.4265, 3);
    expect(harbour.aglM).toBeGreaterThan(0);
    expect(high.aglM).toBeGreaterThan(0);
  });

  it('ticks carry their ids again after another client joined, and decode the same for both', async () => {
    srv = await startServer([liveScenario()]);
    const a = await srv.client();
    const logA = record(a);
    await request(a, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 3; i++) srv.ticks.pulse(1000);
    const b = await srv.client();
    const logB = record(b);
    await request(b, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 3; i++) srv.ticks.pulse(1000);
    await flush(a);
    await flush(b);
    const ticksA = of<TickBatch>(logA, 'tick');
    expect(ticksA.map((t) => t.aircraft.ids !== undefined)).toEqual([true, false, false, true, false, false]);
    const statesA = tickStates(logA);
    const statesB = tickStates(logB);
    expect(statesB).toHaveLength(3);
    expect(statesB).toEqual(statesA.slice(3));
  });

  it('findings open and close as the aircraft fly, with seq strictly increasing and citations', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const log = record(c);
    await request(c, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 200; i++) srv.ticks.pulse(1000);
    await flush(c);
    const opened = of<FindingOpened>(log, 'finding:opened');
    const closed = of<FindingClosed>(log, 'finding:closed');
    const rfz = opened.find((o) => o.aircraftId === 'harbour' && o.finding.ruleId === 'rfz');
    expect(rfz?.finding.provision.section).toBe('s.18');
    expect(rfz?.finding.rulebookVersion).toMatch(/^cap448g-2025@/);
    expect(rfz && rfz.simTimeMs - Date.parse('2025-09-01T11:00:00+08:00')).toBeLessThanOrEqual(5000);
    expect(closed.some((x) => x.id === rfz?.id && x.reason === 'cleared')).toBe(true);
    const seqs = log
      .filter((m) => m.event === 'finding:opened' || m.event === 'finding:closed' || m.event === 'zone:changed')
      .map((m) => (m.payload as { seq: number }).seq);
    expect(seqs.length).toBeGreaterThan(4);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
    const zones = of<{ change: string; zoneId: string; aircraftId?: string }>(log, 'zone:changed');
    expect(
      zones.some((z) => z.change === 'enter' && z.zoneId === 'victoria-harbour' && z.aircraftId === 'harbour'),
    ).toBe(true);
  });

  it('clock control: pause stops ticks, step advances exactly, speed scales, seek re-simulates', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client({ as: 'regulator' });
    const log = record(c);
    await request(c, 'session:join', { sessionId: 'live' });
    const paused = await request<SessionInfo>(c, 'session:control', { sessionId: 'live', action: 'pause' });
    expect(paused.ok && paused.data.clock.playing).toBe(false);
    const before = log.length;
    srv.ticks.pulse(1000);
    srv.ticks.pulse(1000);
    await flush(c);
    // one tick carries the clock change, none for the paused pulses after it
    expect(of<TickBatch>(log.slice(before), 'tick')).toHaveLength(1);
    const step = await request<SessionInfo>(c, 'session:control', { sessionId: 'live', action: 'step', steps: 3 });
    expect(step.ok && step.data.clock.elapsedMs).toBe(3000);
    await request(c, 'session:control', { sessionId: 'live', action: 'speed', speed: 10 });
    await request(c, 'session:control', { sessionId: 'live', action: 'play' });
    srv.ticks.pulse(1000);
    await flush(c);
    expect(of<TickBatch>(log, 'tick').at(-1)?.elapsedMs).toBe(13_000);
    const seek = await request<SessionInfo>(c, 'session:control', {
      sessionId: 'live',
      action: 'seek',
      elapsedMs: 120_000,
    });
    expect(seek.ok && seek.data.clock.elapsedMs).toBe(120_000);
    await flush(c);
    const snap = of<Snapshot>(log, 'session:snapshot').at(-1);
    expect(snap?.reason).toBe('seek');
    expect(snap?.session.clock.elapsedMs).toBe(120_000);
    // Seeking re-simulates from the start: the same state as playing there in another session.
    const other = await request<SessionInfo>(c, 'session:create', { scenarioId: 'live-test', autoplay: false });
    if (!other.ok) throw new Error('create failed');
    await request(c, 'session:control', { sessionId: other.data.id, action: 'step', steps: 120 });
    const log2 = record(c);
    await request(c, 'session:join', { sessionId: other.data.id });
    const snap2 = of<Snapshot>(log2, 'session:snapshot')[0];
    expect(snap2.aircraft).toEqual(snap?.aircraft);
    expect(snap2.findings.map((f) => f.id).sort()).toEqual(snap?.findings.map((f) => f.id).sort());
  });

  it('swapping the rulebook to a draft mid-run closes what no longer holds and reopens on swap back', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client({ as: 'regulator' });
    const log = record(c);
    await request(c, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 60; i++) srv.ticks.pulse(1000);
    await flush(c);
    const height = of<FindingOpened>(log, 'finding:opened').find((o) => o.finding.ruleId === 'op.height.a2');
    expect(height?.aircraftId).toBe('high');
    const swap = await request<SessionInfo>(c, 'session:control', {
      sessionId: 'live',
      action: 'set-rulebook',
      rulebook: { draftId: 'a2-height-400ft' },
    });
    expect(swap.ok && swap.data.rulebook.draftId).toBe('a2-height-400ft');
    await flush(c);
    const closed = of<FindingClosed>(log, 'finding:closed').find((x) => x.id === height?.id);
    expect(closed?.reason).toBe('rulebook-changed');
    expect(of<TickBatch>(log, 'tick').at(-1)?.rulebook?.draftId).toBe('a2-height-400ft');
    const back = await request<SessionInfo>(c, 'session:control', {
      sessionId: 'live',
      action: 'set-rulebook',
      rulebook: { rulebookId: 'cap448g-2025' },
    });
    expect(back.ok).toBe(true);
    await flush(c);
    const reopened = of<FindingOpened>(log, 'finding:opened').filter((o) => o.id === height?.id);
    expect(reopened).toHaveLength(2);
    const bad = await request(c, 'session:control', {
      sessionId: 'live',
      action: 'set-rulebook',
      rulebook: { rulebookId: 'cap999' },
    });
    expect(!bad.ok && bad.error.code).toBe('bad_rulebook');
  });
});
