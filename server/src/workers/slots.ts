/** Why a wait for a slot ended without one. */
export type SlotRefusal = 'busy' | 'aborted';

export class SlotError extends Error {
  constructor(readonly reason: SlotRefusal) {
    super(reason === 'busy' ? 'no free worker' : 'cancelled while waiting for a worker');
    this.name = 'SlotError';
  }
}

interface Waiter {
  grant(): void;
}

/**
 * Admission in front of the worker threads: at most `slots` tasks run at once, at most `maxWaiting` wait,
 * each for at most `maxWaitMs` (then 'busy'). A task's time budget then starts when it gets its slot, so
 * time spent queued behind other requests is not charged to it.
 */
export class Slots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new SlotError('aborted'));
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new SlotError('busy'));
    return new Promise((resolve, reject) => {
      const leave = (reason: SlotRefusal) => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(new SlotError(reason));
      };
      const onAbort = () => leave('aborted');
      const timer = setTimeout(() => leave('busy'), this.maxWaitMs);
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(): void {
    this.running--;
    this.waiting.shift()?.grant();
  }
}
