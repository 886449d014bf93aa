import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot, TickBatch } from '../../rules/src/protocol/index.js';
import { flush, record, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

type Msg = { event: string; payload: unknown };
const seqOf = (m: Msg) => (m.payload as { seq?: number }).seq;
const isEvent = (m: Msg) => ['finding:opened', 'finding:closed', 'zone:changed'].includes(m.event);

describe('reconnect and resume', () => {
  it('a rejoining client gets exactly the events it missed, no duplicates, then live events', async () => {
    srv = await startServer([liveScenario()]);
    const first = await srv.client();
    const log1 = record(first);
    await request(first, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 20; i++) srv.ticks.pulse(1000);
    await flush(first);
    const lastSeq = Math.max(0, ...log1.filter(isEvent).map((m) => seqOf(m) ?? 0));
    const lastTick = Math.max(...log1.filter((m) => m.event === 'tick').map((m) => (m.payload as TickBatch).tick));
    expect(lastSeq).toBeGreaterThan(0);
    first.disconnect();
    // While it is away the world moves on.
    for (let i = 0; i < 150; i++) srv.ticks.pulse(1000);
    // A watcher that never left, to know what was sent meanwhile.
    const second = await srv.client();
    const full = record(second);
    await request(second, 'session:join', { sessionId: 'live' });
    const snapshot = full.find((m) => m.event === 'session:snapshot')?.payload as Snapshot | undefined;
    const missedUpTo = snapshot?.seq ?? 0;
    expect(missedUpTo).toBeGreaterThan(lastSeq);

    const back = await srv.client();
    const log2 = record(back);
    const rejoin = await request(back, 'session:join', { sessionId: 'live', resume: { lastTick, lastSeq } });
    expect(rejoin.ok).toBe(true);
    // …until the hovering aircraft lands (its findings close: live events after the replay).
    for (let i = 0; i < 180; i++) srv.ticks.pulse(1000);
    await flush(back);
    expect(log2.some((m) => m.event === 'session:snapshot')).toBe(false);
    const seqs = log2.filter(isEvent).map((m) => seqOf(m) ?? 0);
    expect(seqs[0]).toBe(lastSeq + 1);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBeGreaterThan(missedUpTo);
    // The first tick after the replay brings the current state; tick numbers keep increasing.
    const ticks = log2.filter((m) => m.event === 'tick').map((m) => (m.payload as TickBatch).tick);
    expect(ticks[0]).toBeGreaterThan(lastTick);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
  });

  it('a rejoining client whose events are gone (after a seek) gets a snapshot instead', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const log = record(c);
    await request(c, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 20; i++) srv.ticks.pulse(1000);
    await flush(c);
    const lastSeq = Math.max(0, ...log.filter(isEvent).map((m) => seqOf(m) ?? 0));
    c.disconnect();
    const ctl = await srv.client({ as: 'regulator' });
    await request(ctl, 'session:control', { sessionId: 'live', action: 'seek', elapsedMs: 0 });
    for (let i = 0; i < 30; i++) srv.ticks.pulse(1000);
    const back = await srv.client();
    const log2 = record(back);
    await request(back, 'session:join', { sessionId: 'live', resume: { lastTick: 20, lastSeq } });
    const snap = log2.find((m) => m.event === 'session:snapshot')?.payload as Snapshot | undefined;
    expect(snap?.reason).toBe('resume-gap');
  });
});
