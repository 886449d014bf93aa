import { afterEach, describe, expect, it } from 'vitest';
import type { FindingOpened, SessionInfo } from '../../rules/src/protocol/index.js';
import { minimaDraft, twoHovering } from '../traffic/separation-fixture.js';
import { as, principalFromAuth } from './budget-helpers.js';
import { type Client, flush, eventsOf as of, record, request, startServer, type TestServer } from './harness.js';

/**
 * A live session judged under a draft that trials separation minima (set-traffic-parameter separation.*) uses
 * the draft's minima: two aircraft hovering at a fixed distance are flagged or not as the draft says.
 */
let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const separations = (log: { event: string; payload: unknown }[]) =>
  of<FindingOpened>(log, 'finding:opened').filter((f) => f.finding.kind === 'separation');

async function sessionOf(apartM: number, rulebook?: unknown): Promise<{ c: Client; id: string; base: string }> {
  const s = twoHovering(apartM);
  srv = await startServer([s], { principalKey: principalFromAuth, defaultScenarioId: null });
  const c = await srv.client(as('alice'));
  const created = await request<SessionInfo>(c, 'session:create', {
    scenarioId: s.id,
    speed: 10,
    autoplay: true,
    rulebook,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  await request(c, 'session:join', { sessionId: created.data.id });
  return { c, id: created.data.id, base: created.data.rulebook.id };
}

/** 60 simulated seconds: both hover from about 6 s on. */
async function fly(c: Client): Promise<void> {
  for (let i = 0; i < 6; i++) srv?.ticks.pulse(1000);
  await flush(c);
}

describe('a draft trialling separation minima in a live session', () => {
  it('created under a draft halving the minima, aircraft 40 m apart are clear; the enacted rulebook flags them', async () => {
    const probe = twoHovering(40);
    const base = probe.rulebook ?? 'cap448g-2022';
    const { c, id } = await sessionOf(40, { draft: minimaDraft(base, 25, 7.5) });
    const log = record(c);
    await fly(c);
    expect(separations(log)).toEqual([]);
    const swap = await request<SessionInfo>(c, 'session:control', {
      sessionId: id,
      action: 'set-rulebook',
      rulebook: { rulebookId: base },
    });
    expect(swap.ok).toBe(true);
    await fly(c);
    const opened = separations(log);
    expect(opened.map((f) => f.aircraftId).sort()).toEqual(['east', 'west']);
    expect(opened[0].finding.limit).toEqual({ value: 50, unit: 'm' });
  });

  it('switched mid-flight to a draft doubling the minima, aircraft 80 m apart are flagged at 100 m', async () => {
    const { c, id, base } = await sessionOf(80);
    const log = record(c);
    await fly(c);
    expect(separations(log)).toEqual([]);
    const swap = await request<SessionInfo>(c, 'session:control', {
      sessionId: id,
      action: 'set-rulebook',
      rulebook: { draft: minimaDraft(base, 100, 30) },
    });
    expect(swap.ok && swap.data.rulebook.draftId).toBe('trial-separation');
    await flush(c);
    const opened = separations(log);
    expect(opened).toHaveLength(2);
    expect(opened[0].finding.limit).toEqual({ value: 100, unit: 'm' });
  });

  it('refuses a draft with a bad minimum, naming the change and the field; the session keeps its rulebook', async () => {
    const { c, id, base } = await sessionOf(80);
    const bad = await request(c, 'session:control', {
      sessionId: id,
      action: 'set-rulebook',
      rulebook: { draft: minimaDraft(base, -10, 15) },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('bad_rulebook');
    expect(bad.error.message).toContain('separation.horizontalM');
    expect(bad.error.issues?.[0]?.path).toEqual(['changes', 0, 'value']);
    expect(srv?.realtime.sessions.get(id)?.info().rulebook.draftId).toBeNull();
    const refused = await request(c, 'session:create', {
      scenarioId: 'two-hovering-80m',
      rulebook: { draft: minimaDraft(base, 50, 0) },
    });
    expect(!refused.ok && refused.error.issues?.[0]?.path).toEqual(['changes', 1, 'value']);
  });
});
