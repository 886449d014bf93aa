import { describe, expect, it } from 'vitest';
import { transitionIntent } from '../../rules/src/traffic/intent.js';
import { DuplicateKeyError } from '../../server/src/store/types.js';
import { createIntent, createParams } from '../traffic/helpers.js';
import { backendReady, storeBackends } from './backends.js';

const params = createParams();
const intent = (id: string, start = '2027-03-16T10:00:00+08:00') =>
  createIntent(params, { id, manager: 'uss-a', operator: `op-${id}` }, start);

// The intents and vertiport-slot repositories: the same contract on both stores.
describe.each(await storeBackends())('$name store: operational intents', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => {
    const database = await backend.newDatabase();
    return { store: await database.open(), database };
  };

  it('puts, reads back byte for byte and survives a reopen', async () => {
    const { store, database } = await fresh();
    const a = intent('a');
    const put = await store.intents.put({ intent: a, planId: 'plan-1', routeId: 'R-CYB-CCH' });
    expect(put.intent).toEqual(a);
    await store.close();
    const again = await database.open();
    const got = await again.intents.get('a');
    expect(JSON.stringify(got?.intent)).toBe(JSON.stringify(a));
    expect(got).toMatchObject({ planId: 'plan-1', routeId: 'R-CYB-CCH' });
    expect(await again.intents.get('nope')).toBeUndefined();
  });

  it('replaces by id, keeping the creation time', async () => {
    const { store } = await fresh();
    const first = await store.intents.put({ intent: intent('a'), planId: null, routeId: null });
    const moved = transitionIntent(first.intent, 'Activated');
    if (!moved.ok) throw new Error('legal transition refused');
    const second = await store.intents.put({ intent: moved.intent, planId: null, routeId: null });
    expect(second.createdAt).toBe(first.createdAt);
    expect((await store.intents.get('a'))?.intent.reference).toMatchObject({ state: 'Activated', version: 2 });
    expect(await store.intents.list()).toHaveLength(1);
  });

  it('lists the live intents by state and end time, in id order', async () => {
    const { store } = await fresh();
    await store.intents.put({ intent: intent('c', '2027-03-16T12:00:00+08:00'), planId: null, routeId: null });
    await store.intents.put({ intent: intent('b', '2027-03-16T08:00:00+08:00'), planId: null, routeId: null });
    const ended = transitionIntent(intent('a'), 'Ended');
    if (!ended.ok) throw new Error('legal transition refused');
    await store.intents.put({ intent: ended.intent, planId: null, routeId: null });
    const ids = async (opts?: Parameters<typeof store.intents.list>[0]) =>
      (await store.intents.list(opts)).map((r) => r.id);
    expect(await ids()).toEqual(['a', 'b', 'c']);
    expect(await ids({ excludeStates: ['Ended'] })).toEqual(['b', 'c']);
    // b ends around 08:40 local (00:40 UTC); c around 12:40 local
    expect(await ids({ excludeStates: ['Ended'], endingAfter: '2027-03-16T02:00:00.000Z' })).toEqual(['c']);
  });

  it('holds vertiport slots, refuses a duplicate hold and frees an intent’s slots', async () => {
    const { store } = await fresh();
    const slot = (intentId: string, index: number) => ({
      vertiportId: 'VP-CYB',
      index,
      intentId,
      movement: 'departure' as const,
      startAt: new Date(index * 300_000).toISOString(),
      endAt: new Date((index + 1) * 300_000).toISOString(),
    });
    await store.vertiportSlots.add(slot('a', 5_000_000));
    await store.vertiportSlots.add(slot('b', 5_000_000));
    await store.vertiportSlots.add(slot('a', 5_000_003));
    await expect(store.vertiportSlots.add(slot('a', 5_000_000))).rejects.toBeInstanceOf(DuplicateKeyError);
    const all = await store.vertiportSlots.list({ vertiportId: 'VP-CYB' });
    expect(all.map((s) => [s.index, s.intentId])).toEqual([
      [5_000_000, 'a'],
      [5_000_000, 'b'],
      [5_000_003, 'a'],
    ]);
    expect(await store.vertiportSlots.list({ endingAfter: slot('a', 5_000_001).startAt })).toHaveLength(1);
    expect(await store.vertiportSlots.releaseIntent('a')).toBe(2);
    expect((await store.vertiportSlots.list()).map((s) => s.intentId)).toEqual(['b']);
  });
});
