import { afterEach, describe, expect, it } from 'vitest';
import type { FindingOpened, SessionInfo, Snapshot } from '../../rules/src/protocol/index.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { as, principalFromAuth } from './budget-helpers.js';
import { flush, eventsOf as of, record, request, startServer, type TestServer } from './harness.js';

/** A live session of a scenario whose flights declare operational intents: conformance is watched live too. */
let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

describe('simulated flights flying operational intents in a live session', () => {
  it('the sortie leaving its intent turns contingent; the neighbour is told; a late joiner sees both open', async () => {
    const s = loadScenarios().find((x) => x.id === 'sf-ha-cyberport-cheung-chau');
    if (!s) throw new Error('scenario missing');
    srv = await startServer([s], { principalKey: principalFromAuth, defaultScenarioId: null });
    const c = await srv.client(as('alice'));
    const created = await request<SessionInfo>(c, 'session:create', { scenarioId: s.id, speed: 100, autoplay: true });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = created.data.id;
    await request(c, 'session:join', { sessionId: id });
    const log = record(c);
    // 400 simulated seconds: the sortie turned contingent at about 6 min in
    for (let i = 0; i < 4; i++) srv.ticks.pulse(1000);
    await flush(c);
    const opened = of<FindingOpened>(log, 'finding:opened').filter((f) => f.finding.kind === 'intent-conformance');
    expect(opened.map((f) => `${f.aircraftId} ${f.finding.ruleId} ${f.key.split('|')[2] ?? ''}`)).toEqual([
      'ark20-above-band traffic.conformance Nonconforming',
      'ark20-above-band traffic.conformance Contingent',
      'ark20-medical traffic.contingent-neighbour ',
    ]);
    const late = await srv.client(as('bob-regulator'));
    const snap = new Promise<Snapshot>((resolve) => late.once('session:snapshot', resolve));
    await request(late, 'session:join', { sessionId: id });
    const open = (await snap).findings.filter((f) => f.finding.kind === 'intent-conformance');
    expect(open.map((f) => f.aircraftId).sort()).toEqual(['ark20-above-band', 'ark20-medical']);
  });
});
