/**
 * vitest glue for the abuse suite: one real server per test file, replaced when an attack killed or wedged it,
 * and the assertions every attack shares (alive, every health request answered, memory bounded, a clear 4xx).
 */
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import {
  api,
  describeExit,
  errorText,
  type HealthStats,
  type Reply,
  RSS_BOUND_MB,
  type ServerHandle,
  type SpawnOptions,
  startServer,
} from './harness.js';

/** The current server of this file; a fresh one replaces a dead or unresponsive one before the next test. */
export function useServer(opts: SpawnOptions = {}): () => ServerHandle {
  let current: ServerHandle | undefined;
  beforeEach(async () => {
    if (current?.alive()) return;
    await current?.stop();
    current = await startServer(opts);
  });
  afterEach(async (ctx) => {
    if (!current?.alive()) return;
    // a failed attack may have left the server polluted or wedged: the next test gets a fresh one
    if (ctx.task.result?.state === 'fail' || ctx.task.result?.errors?.length) {
      await current.stop();
      return;
    }
    // hygiene, not an assertion: a server that cannot answer health now is replaced
    const ok = await api(current.url, 'GET', '/api/health', { timeoutMs: 10_000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (!ok) await current.stop();
  });
  afterAll(async () => {
    await current?.stop();
  });
  return () => {
    if (!current) throw new Error('no server: useServer() must be called at the top of a describe');
    return current;
  };
}

/** Alive, not killed for memory, /api/health 200 now, every sampled health request answered, RSS bounded. */
export async function expectSurvived(s: ServerHandle, health?: HealthStats): Promise<void> {
  expect(s.killedBy(), 'the harness had to kill the server').toBeNull();
  expect(s.alive(), `the server exited ${describeExit(s)}`).toBe(true);
  const now = await api(s.url, 'GET', '/api/health', { timeoutMs: 30_000 }).catch((err: unknown) => err);
  expect(now instanceof Error ? `health failed: ${now.message}` : (now as Reply).status).toBe(200);
  if (health) {
    expect(health.failures, 'every health request during the attack is answered').toEqual([]);
    expect(health.answered).toBe(health.sent);
  }
  expect(s.peakRssMb(), `peak RSS stays under ${RSS_BOUND_MB} MB`).toBeLessThan(RSS_BOUND_MB);
}

/** A 4xx from the given statuses whose message or issues name what was wrong. */
export function expectRefused(reply: Reply | Error, statuses: number[], names: RegExp): void {
  if (reply instanceof Error)
    expect.fail(`no answer: ${reply.message}${reply.cause ? ` (${String(reply.cause)})` : ''}`);
  const text = errorText(reply);
  expect(statuses, `status ${reply.status}: ${text.slice(0, 500)}`).toContain(reply.status);
  expect(text).toMatch(names);
}
