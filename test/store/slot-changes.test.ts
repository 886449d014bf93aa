import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../server/src/store/types.js';
import { backendReady, storeBackends } from './backends.js';

const slot = (intentId: string, index: number) => ({
  vertiportId: 'VP-CYB',
  index,
  intentId,
  movement: 'arrival' as const,
  startAt: new Date(index * 300_000).toISOString(),
  endAt: new Date((index + 1) * 300_000).toISOString(),
});

// The vertiport slots' change counter: what a cluster node has not read yet, frees included (migration 0012).
describe.each(await storeBackends())('$name store: vertiport slot changes', (backend) => {
  if (!backendReady(backend)) return;
  const fresh = async () => (await backend.newDatabase()).open();

  it('counts every booking and every free, and reads back both after a given change, in write order', async () => {
    const store = await fresh();
    expect(await store.vertiportSlots.lastChange()).toBe(0);
    expect(await store.vertiportSlots.changesSince(0)).toEqual({ slots: [], last: 0 });
    await store.vertiportSlots.add(slot('b', 5_000_000));
    await store.vertiportSlots.add(slot('a', 5_000_001));
    await store.vertiportSlots.add(slot('a', 5_000_002));
    expect(await store.vertiportSlots.lastChange()).toBe(3);
    const all = await store.vertiportSlots.changesSince(0);
    expect(all.slots.map((s) => [s.intentId, s.index, s.freedAt])).toEqual([
      ['b', 5_000_000, null],
      ['a', 5_000_001, null],
      ['a', 5_000_002, null],
    ]);
    expect(all.last).toBe(3);

    // freeing an intent's slots is one change, read as its slots with the time they were freed
    expect(await store.vertiportSlots.releaseIntent('a')).toBe(2);
    expect(await store.vertiportSlots.releaseIntent('a')).toBe(0);
    const since = await store.vertiportSlots.changesSince(3);
    expect(since.slots.map((s) => [s.intentId, s.index, typeof s.freedAt])).toEqual([
      ['a', 5_000_001, 'string'],
      ['a', 5_000_002, 'string'],
    ]);
    expect(since.last).toBe(4);
    expect(await store.vertiportSlots.changesSince(4)).toEqual({ slots: [], last: 4 });
    // freed slots are no longer held
    expect((await store.vertiportSlots.list()).map((s) => s.intentId)).toEqual(['b']);
  });

  it('books a freed slot again as a new change, and still refuses a slot that is held', async () => {
    const store = await fresh();
    await store.vertiportSlots.add(slot('a', 5_000_000));
    await store.vertiportSlots.releaseIntent('a');
    const again = await store.vertiportSlots.add(slot('a', 5_000_000));
    expect(again).toMatchObject({ intentId: 'a', index: 5_000_000 });
    expect(await store.vertiportSlots.lastChange()).toBe(3);
    expect((await store.vertiportSlots.changesSince(2)).slots.map((s) => [s.intentId, s.freedAt])).toEqual([
      ['a', null],
    ]);
    expect((await store.vertiportSlots.list()).map((s) => s.intentId)).toEqual(['a']);
    await expect(store.vertiportSlots.add(slot('a', 5_000_000))).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await store.vertiportSlots.lastChange()).toBe(3);
  });

  it('a freed slot is written with the intent it was freed with, in one transaction', async () => {
    const store = await fresh();
    await store.vertiportSlots.add(slot('a', 5_000_000));
    await expect(
      store.transaction(async (tx) => {
        await tx.vertiportSlots.releaseIntent('a');
        throw new Error('the intent change failed');
      }),
    ).rejects.toThrow('the intent change failed');
    expect(await store.vertiportSlots.lastChange()).toBe(1);
    expect((await store.vertiportSlots.list()).map((s) => s.intentId)).toEqual(['a']);
  });
});
