import { afterEach, describe, expect, it } from 'vitest';
import type { FindingClosed, FindingOpened, SessionInfo, Snapshot } from '../../rules/src/protocol/index.js';
import { liveOutcome } from '../../rules/src/protocol/index.js';
import { flush, eventsOf as of, record, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

describe('a late joiner learns what happened before it came', () => {
  it("the join snapshot carries the open findings and the counts so far, equal to an early viewer's tally", async () => {
    srv = await startServer([liveScenario()]);
    const early = await srv.client();
    const earlyLog = record(early);
    await request(early, 'session:join', { sessionId: 'live' });
    for (let i = 0; i < 200; i++) srv.ticks.pulse(1000);
    await flush(early);
    const opened = of<FindingOpened>(earlyLog, 'finding:opened');
    const closed = of<FindingClosed>(earlyLog, 'finding:closed');
    expect(opened.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);

    const late = await srv.client();
    const lateLog = record(late);
    await request(late, 'session:join', { sessionId: 'live' });
    await flush(late);
    const [snap] = of<Snapshot>(lateLog, 'session:snapshot');
    const stillOpen = opened.filter((o) => !closed.some((c) => c.id === o.id)).map((o) => o.id);
    expect(snap.findings.map((f) => f.id).sort()).toEqual(stillOpen.sort());
    const byOutcome = { violation: 0, permission: 0, advisory: 0 };
    for (const o of opened) byOutcome[liveOutcome(o.finding)]++;
    expect(snap.counts).toEqual({ opened: opened.length, closed: closed.length, byOutcome });
  });

  it('an airport-zone entry without permission counts as a violation (s.18: flying without permission)', () => {
    expect(liveOutcome({ effect: 'requires-permission', covered: undefined })).toBe('violation');
    expect(liveOutcome({ effect: 'prohibited', covered: undefined })).toBe('violation');
    expect(liveOutcome({ effect: 'advisory', covered: undefined })).toBe('advisory');
    expect(liveOutcome({ effect: 'requires-permission', covered: { permissionId: 'p-1' } })).toBe('permission');
  });

  it('a seek re-simulates: the snapshot counts what the re-run opened, though nothing was sent', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client({ as: 'regulator' });
    const created = await request<SessionInfo>(c, 'session:create', { scenarioId: 'live-test', autoplay: false });
    if (!created.ok) throw new Error('create failed');
    const log = record(c);
    await request(c, 'session:join', { sessionId: created.data.id });
    await request(c, 'session:control', { sessionId: created.data.id, action: 'seek', elapsedMs: 200_000 });
    await flush(c);
    const snap = of<Snapshot>(log, 'session:snapshot').at(-1);
    expect(snap?.reason).toBe('seek');
    expect(snap?.counts?.opened).toBeGreaterThan(0);
    expect(of<FindingOpened>(log, 'finding:opened')).toHaveLength(0);
  });
});
