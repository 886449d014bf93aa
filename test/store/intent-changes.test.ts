import { describe, expect, it } from 'vitest';
import { transitionIntent } from '../../rules/src/traffic/intent.js';
import { LockTimeoutError } from '../../server/src/store/types.js';
import { createIntent, createParams } from '../traffic/helpers.js';
import { backendReady, storeBackends } from './backends.js';

const params = createParams();
const intent = (id: string) =>
  createIntent(params, { id, manager: 'uss-a', operator: `op-${id}` }, '2027-03-16T10:00:00+08:00');

// The intents' change counter (what a cluster node has not read yet) and, where a store is shared, its lock.
describe.each(await storeBackends())('$name store: operational intent changes', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => (await backend.newDatabase()).open();

  it('counts every write and reads back the intents written after a given change, in write order', async () => {
    const store = await fresh();
    expect(await store.intents.lastChange()).toBe(0);
    expect(await store.intents.changesSince(0)).toEqual({ intents: [], last: 0 });
    await store.intents.put({ intent: intent('b'), planId: null, routeId: null });
    await store.intents.put({ intent: intent('a'), planId: null, routeId: null });
    expect(await store.intents.lastChange()).toBe(2);
    const all = await store.intents.changesSince(0);
    expect(all.intents.map((r) => r.id)).toEqual(['b', 'a']);
    expect(all.last).toBe(2);

    const moved = transitionIntent(intent('b'), 'Activated');
    if (!moved.ok) throw new Error('legal transition refused');
    await store.intents.put({ intent: moved.intent, planId: null, routeId: null });
    const since = await store.intents.changesSince(2);
    expect(since.intents.map((r) => [r.id, r.intent.reference.state])).toEqual([['b', 'Activated']]);
    expect(since.last).toBe(3);
    expect(await store.intents.changesSince(3)).toEqual({ intents: [], last: 3 });
  });

  it('PostgreSQL: one intents transaction at a time, a bounded wait, and the lock freed when one fails', async () => {
    const store = await fresh();
    const exclusive = store.intentsExclusive;
    if (backend.name === 'SQLite') {
      // one process owns a SQLite store: nothing to take
      expect(exclusive).toBeUndefined();
      return;
    }
    if (!exclusive) throw new Error('a PostgreSQL store serialises intent changes');
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let taken = () => {};
    const started = new Promise<void>((r) => {
      taken = r;
    });
    const first = exclusive(5_000, async () => {
      taken();
      await held;
    });
    await started;
    await expect(exclusive(200, async () => 'never')).rejects.toBeInstanceOf(LockTimeoutError);
    release();
    await first;

    await expect(
      exclusive(200, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await exclusive(200, async (tx) => tx.intents.lastChange())).toBe(0);
  });
});
