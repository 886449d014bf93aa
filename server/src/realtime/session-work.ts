import { limitError, type RealtimeBudgets } from './budgets.js';
import { RealtimeError } from './rulebook-select.js';

/** Wall time one slice of heavy work may hold the event loop before it yields, ms. */
export const SLICE_MS = 8;

/** Seeks and steps up to this much work (aircraft × steps) run without taking a server-wide heavy-work slot. */
const LIGHT_WORK = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Heavy work one step at a time: `more()` says whether a step remains, `step()` does it (a sharded step awaits). */
export interface SteppedWork {
  more(): boolean;
  step(): void | Promise<void>;
}

/**
 * Run `work` to the end in slices of about SLICE_MS that yield to the event loop between them, so HTTP requests
 * and other sessions are served during a long seek. Slicing never changes what is computed (only when), so
 * results stay deterministic. Throws a `limit` error (seekWallMs) when unfinished work has run longer than
 * `wallMs`; the steps done so far stay done.
 */
export async function runSliced(
  work: SteppedWork,
  opts: { wallMs: number; sliceMs?: number; now?: () => number },
): Promise<void> {
  const now = opts.now ?? (() => performance.now());
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const start = now();
  let sliceEnd = start + sliceMs;
  while (work.more()) {
    const stepped = work.step();
    if (stepped) await stepped;
    if (now() < sliceEnd || !work.more()) continue;
    const spent = now() - start;
    if (spent > opts.wallMs)
      throw limitError('seekWallMs', opts.wallMs, Math.round(spent), 'the re-simulation took too long and was stopped');
    await yieldToEventLoop();
    sliceEnd = now() + sliceMs;
  }
}

/** A session's heavy work (seek, step): checked against its budget first, then run in slices, one at a time. */
export class SessionWork {
  busy: 'seek' | 'step' | null = null;
  private disposed = false;

  constructor(
    private readonly budgets: Pick<RealtimeBudgets, 'seekAircraftSteps' | 'seekWallMs'>,
    private readonly workSlot?: () => () => void,
  ) {}

  /** Refuse work over the budget before doing any; returns the work (aircraft × steps). */
  check(steps: number, aircraft: number, what: string): number {
    const work = steps * aircraft;
    const max = this.budgets.seekAircraftSteps;
    if (work > max)
      throw limitError('seekAircraftSteps', max, work, `${what} needs ${steps} steps of ${aircraft} aircraft`);
    return work;
  }

  /** The session closed: running work stops before its next step. */
  dispose(): void {
    this.disposed = true;
  }

  assertIdle(sessionId: string): void {
    if (this.busy)
      throw new RealtimeError('busy', `session "${sessionId}" is busy with a ${this.busy}; retry when it has answered`);
  }

  /** Run `work` in slices, holding a server-wide heavy-work slot when it is more than light. */
  async run(kind: 'seek' | 'step', amount: number, work: SteppedWork): Promise<void> {
    const release = amount > LIGHT_WORK && this.workSlot ? this.workSlot() : () => {};
    this.busy = kind;
    const more = () => {
      if (this.disposed) throw new RealtimeError('not_found', 'the session was closed');
      return work.more();
    };
    try {
      await runSliced({ more, step: () => work.step() }, { wallMs: this.budgets.seekWallMs });
    } finally {
      this.busy = null;
      release();
    }
  }
}
