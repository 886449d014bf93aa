import { describe, expect, it } from 'vitest';
import { SlotError, Slots } from '../../server/src/workers/slots.js';

const reasonOf = (p: Promise<void>) =>
  p.then(
    () => 'granted',
    (err: unknown) => (err instanceof SlotError ? err.reason : 'other'),
  );

describe('worker admission (Slots)', () => {
  it('grants up to the slot count, queues the next ones in order, refuses past the queue', async () => {
    const slots = new Slots(1, 2, 60_000);
    await slots.acquire();
    const order: number[] = [];
    const second = slots.acquire().then(() => order.push(2));
    const third = slots.acquire().then(() => order.push(3));
    expect(await reasonOf(slots.acquire())).toBe('busy');
    slots.release();
    await second;
    slots.release();
    await third;
    expect(order).toEqual([2, 3]);
  });

  it('a waiter whose signal aborts leaves the queue; one that waits too long is told busy', async () => {
    const slots = new Slots(1, 5, 20);
    await slots.acquire();
    const controller = new AbortController();
    const aborted = reasonOf(slots.acquire(controller.signal));
    controller.abort();
    expect(await aborted).toBe('aborted');
    expect(await reasonOf(slots.acquire())).toBe('busy'); // after 20 ms in the queue
    slots.release();
    expect(await reasonOf(slots.acquire())).toBe('granted');
  });
});
