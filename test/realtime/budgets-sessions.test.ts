import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, SessionInfo } from '../../rules/src/protocol/index.js';
import { as, inlinePlan, principalFromAuth } from './budget-helpers.js';
import { type Client, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

const create = (c: Client, payload: unknown) => request<SessionInfo>(c, 'session:create', payload);
const idOf = (r: Ack<SessionInfo>) => (r.ok ? r.data.id : `refused: ${r.error.message}`);

/** Create a session from the test scenario and watch it (a watched session is never replaced). */
async function createWatched(c: Client): Promise<string> {
  const id = idOf(await create(c, { scenarioId: 'live-test', autoplay: false }));
  await request(c, 'session:join', { sessionId: id });
  return id;
}

describe('session budgets', () => {
  it('past its own budget a principal is refused with a limit error; another principal is not', async () => {
    srv = await startServer([liveScenario()], {
      budgets: { sessionsPerPrincipal: 2 },
      principalKey: principalFromAuth,
    });
    const a = await srv.client(as('a'));
    await createWatched(a);
    await createWatched(a);
    const third = await create(a, { scenarioId: 'live-test' });
    expect(third.ok ? null : third.error).toMatchObject({
      code: 'limit',
      limit: { name: 'sessionsPerPrincipal', max: 2, actual: 3 },
    });
    const b = await srv.client(as('b'));
    expect((await create(b, { scenarioId: 'live-test' })).ok).toBe(true);
  });

  it("a full server refuses new sessions and never closes another principal's to make room", async () => {
    // The default session counts: three in all leaves room for two.
    srv = await startServer([liveScenario()], { budgets: { sessionsTotal: 3 }, principalKey: principalFromAuth });
    const a = await srv.client(as('a'));
    const b = await srv.client(as('b'));
    const ofA = idOf(await create(a, { scenarioId: 'live-test', autoplay: false })); // nobody watches it
    const ofB = await createWatched(b);
    const c = await srv.client(as('c'));
    const refused = await create(c, { scenarioId: 'live-test' });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'limit',
      limit: { name: 'sessionsTotal', max: 3 },
    });
    expect(srv.realtime.sessions.all().map((s) => s.id)).toEqual(['live', ofA, ofB]);
  });

  it("a principal's own unwatched session makes room for its next one", async () => {
    srv = await startServer([liveScenario()], {
      budgets: { sessionsPerPrincipal: 1 },
      principalKey: principalFromAuth,
    });
    const a = await srv.client(as('a'));
    const b = await srv.client(as('b'));
    const ofB = idOf(await create(b, { scenarioId: 'live-test', autoplay: false }));
    const first = idOf(await create(a, { scenarioId: 'live-test', autoplay: false }));
    const second = idOf(await create(a, { scenarioId: 'live-test', autoplay: false }));
    expect(srv.realtime.sessions.all().map((s) => s.id)).toEqual(['live', ofB, second]);
    expect(first).not.toBe(second);
  });

  it('inline plans past the budget are refused with the limit named, before any is compiled', async () => {
    srv = await startServer([liveScenario()], { budgets: { plansPerSession: 3 } });
    const c = await srv.client();
    const plans = Array.from({ length: 4 }, (_, i) => inlinePlan(`p${i}`));
    const r = await create(c, { plans });
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'limit',
      limit: { name: 'plansPerSession', max: 3, actual: 4 },
    });
    expect((await create(c, { plans: plans.slice(0, 3) })).ok).toBe(true);
  });

  it('more plans than the protocol allows at all is an invalid payload naming the field', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const r = await create(c, { plans: Array.from({ length: 501 }, (_, i) => `plan-${i}`) });
    expect(r.ok ? null : r.error.code).toBe('invalid_payload');
    expect(r.ok ? [] : r.error.issues?.map((i) => i.path)).toEqual([['plans']]);
  });

  it('plans spanning more simulated time than the budget are refused, not cut short', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const sixDays = 6 * 86_400;
    const r = await create(c, { plans: [inlinePlan('long', sixDays)] });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'limit', limit: { name: 'simDurationMs', max: 86_400_000 } });
    expect(r.ok ? 0 : (r.error.limit?.actual ?? 0)).toBeGreaterThan(sixDays * 1000);
  });

  it('a scenario with more flights than the aircraft budget is refused for a client', async () => {
    srv = await startServer([liveScenario()], { budgets: { aircraftPerSession: 1 } });
    const c = await srv.client();
    const r = await create(c, { scenarioId: 'live-test' });
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'limit',
      limit: { name: 'aircraftPerSession', max: 1, actual: 2 },
    });
    // The server's own default session of that scenario runs regardless.
    expect(srv.realtime.sessions.get('live')).toBeDefined();
  });
});
