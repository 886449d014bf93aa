import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, SessionInfo, Snapshot } from '../../rules/src/protocol/index.js';
import { runSliced } from '../../server/src/realtime/session-work.js';
import { inlinePlan } from './budget-helpers.js';
import { type Client, record, request, startServer, type TestServer } from './harness.js';
import { liveScenario } from './scenarios.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

/** Four inspections hovering together for ten minutes: seeking far into it takes many slices. */
async function heavySession(c: Client): Promise<string> {
  const plans = Array.from({ length: 4 }, (_, i) => inlinePlan(`roof-${i}`, 600));
  const r = await request<SessionInfo>(c, 'session:create', { plans, autoplay: false, seed: 3 });
  if (!r.ok) throw new Error(r.error.message);
  return r.data.id;
}

const seek = (c: Client, sessionId: string, elapsedMs: number) =>
  request<SessionInfo>(c, 'session:control', { sessionId, action: 'seek', elapsedMs });
const errorOf = (r: Ack<unknown>) => (r.ok ? null : r.error);

describe('seek budgets', () => {
  it('a long seek runs in slices: other requests are answered meanwhile, its own session says busy', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const other = await srv.client();
    const id = await heavySession(c);
    const order: string[] = [];
    const seeking = seek(c, id, 600_000).then((r) => {
      order.push('seek');
      return r;
    });
    const listed = request(other, 'session:list', {}).then(() => order.push('list'));
    const busy = await request(other, 'session:control', { sessionId: id, action: 'pause' });
    await Promise.all([seeking, listed]);
    expect(order).toEqual(['list', 'seek']);
    expect(errorOf(busy)?.code).toBe('busy');
    const done = await seeking;
    expect(done.ok && done.data.clock.elapsedMs).toBe(600_000);
  });

  it('a seek over the work budget is refused naming it, and the session stays where it was', async () => {
    srv = await startServer([liveScenario()], { budgets: { seekAircraftSteps: 1000 } });
    const c = await srv.client();
    const id = await heavySession(c);
    const r = await seek(c, id, 600_000);
    expect(errorOf(r)).toMatchObject({ code: 'limit', limit: { name: 'seekAircraftSteps', max: 1000, actual: 2400 } });
    expect(srv.realtime.sessions.get(id)?.clock().elapsedMs).toBe(0);
    const big = await request(c, 'session:control', { sessionId: id, action: 'step', steps: 251 });
    expect(errorOf(big)?.limit?.name).toBe('seekAircraftSteps');
  });

  it('a seek past its wall-time budget is stopped; the session carries on from where it was', async () => {
    srv = await startServer([liveScenario()], { budgets: { seekWallMs: 1 } });
    const c = await srv.client();
    const id = await heavySession(c);
    const r = await seek(c, id, 600_000);
    expect(errorOf(r)).toMatchObject({ code: 'limit', limit: { name: 'seekWallMs', max: 1 } });
    expect(srv.realtime.sessions.get(id)?.clock().elapsedMs).toBe(0);
    const again = await request<SessionInfo>(c, 'session:control', { sessionId: id, action: 'step', steps: 1 });
    expect(again.ok && again.data.clock.elapsedMs).toBe(1000);
  });

  it('only so many seeks run at once in the whole server', async () => {
    srv = await startServer([liveScenario()], { budgets: { concurrentSeeks: 1 } });
    const c = await srv.client();
    const [a, b] = [await heavySession(c), await heavySession(c)];
    const results = await Promise.all([seek(c, a, 600_000), seek(c, b, 600_000)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map(errorOf).find((e) => e)?.limit?.name).toBe('concurrentSeeks');
  });

  it('a sliced seek lands exactly where stepping there does (deterministic)', async () => {
    srv = await startServer([liveScenario()]);
    const c = await srv.client();
    const [a, b] = [await heavySession(c), await heavySession(c)];
    await seek(c, a, 400_000);
    await request(c, 'session:control', { sessionId: b, action: 'step', steps: 400 });
    const log = record(c);
    await request(c, 'session:join', { sessionId: a });
    await request(c, 'session:join', { sessionId: b });
    const [sa, sb] = log.filter((m) => m.event === 'session:snapshot').map((m) => m.payload as Snapshot);
    expect(sa.session.clock.elapsedMs).toBe(400_000);
    expect(sb.aircraft).toEqual(sa.aircraft);
    expect(sb.findings.map((f) => f.id).sort()).toEqual(sa.findings.map((f) => f.id).sort());
    expect(sa.findings.length).toBeGreaterThan(0);
  });
});

describe('runSliced', () => {
  it('yields to the event loop between slices and stops past its wall budget', async () => {
    let now = 0;
    let steps = 0;
    let immediates = 0;
    const counting = setInterval(() => {}, 1000); // keeps the loop alive; immediates are counted below
    const tick = () => {
      immediates++;
      if (steps < 100) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      // 1 ms per step, 8 ms slices: 100 steps in 13 slices.
      const counted = {
        more: () => steps < 100,
        step: () => {
          now += 1;
          steps++;
        },
      };
      await runSliced(counted, { wallMs: 1000, sliceMs: 8, now: () => now });
      expect(steps).toBe(100);
      expect(immediates).toBeGreaterThanOrEqual(12);
      now = 0;
      steps = 0;
      const endless = {
        more: () => true,
        step: () => {
          now += 1;
          steps++;
        },
      };
      const stopped = runSliced(endless, { wallMs: 20, sliceMs: 8, now: () => now });
      await expect(stopped).rejects.toMatchObject({ code: 'limit', extra: { limit: { name: 'seekWallMs', max: 20 } } });
      expect(steps).toBe(24);
      // Work that ends exactly as the budget runs out is done, not refused.
      now = 0;
      steps = 0;
      await runSliced({ more: () => steps < 24, step: endless.step }, { wallMs: 20, sliceMs: 8, now: () => now });
      expect(steps).toBe(24);
    } finally {
      clearInterval(counting);
    }
  });
});
