import type { Logger } from 'pino';
import { Piscina } from 'piscina';
import type { Budgets } from '../budgets.js';
import { AppError, type ErrorCode } from '../errors.js';
import { SlotError, Slots } from './slots.js';
import { createTaskContext, runTask, type TaskInput, type TaskName, type TaskOutput } from './tasks.js';

export interface RunOptions {
  /** stops the task: a queued one is dropped, a running one's worker is terminated */
  signal?: AbortSignal;
}

/** Runs heavy tasks (imports, checks, impact batches) away from the event loop, within time and memory budgets. */
export interface WorkPool {
  readonly kind: 'threads' | 'in-process';
  run<T extends TaskName>(task: T, input: TaskInput[T], opts?: RunOptions): Promise<TaskOutput[T]>;
  /** resolves once a worker answers (task time counts from submission, so a first task also pays the boot) */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export type WorkFailure = 'timeout' | 'memory' | 'busy' | 'aborted' | 'closed' | 'crashed';

/** A task that did not produce an answer; already an AppError with the status the client should see. */
export class WorkTaskError extends AppError {
  readonly reason: WorkFailure;
  readonly task: TaskName;

  constructor(task: TaskName, reason: WorkFailure, budgets: Pick<Budgets, 'taskMs' | 'taskMemoryMb'>, cause?: unknown) {
    const what = `the ${task} task`;
    const specs: Record<WorkFailure, { code: ErrorCode; status: number; message: string }> = {
      timeout: {
        code: 'budget_exceeded',
        status: 422,
        message: `${what} did not finish in time; the limit is ${budgets.taskMs} (milliseconds per task)`,
      },
      memory: {
        code: 'budget_exceeded',
        status: 422,
        message: `${what} ran out of memory; the limit is ${budgets.taskMemoryMb} (MB of heap per task)`,
      },
      busy: { code: 'busy', status: 503, message: 'the server is busy with other heavy requests; retry shortly' },
      aborted: { code: 'aborted', status: 503, message: `${what} was cancelled` },
      closed: { code: 'unavailable', status: 503, message: 'the server is shutting down' },
      crashed: { code: 'internal', status: 500, message: `${what} failed` },
    };
    const spec = specs[reason];
    super({ ...spec, expose: reason !== 'crashed', cause });
    this.name = 'WorkTaskError';
    this.reason = reason;
    this.task = task;
  }
}

export interface ThreadPoolOptions {
  threads: number;
  budgets: Pick<Budgets, 'taskMs' | 'taskMemoryMb'>;
  /** tasks waiting for a thread before new ones are refused with 503 (default 16 per thread); each waits
   * at most `taskMs` before a 503 */
  maxQueue?: number;
  logger?: Logger;
}

function failureOf(err: unknown, timedOut: boolean, callerAborted: boolean): WorkFailure {
  if (callerAborted) return 'aborted';
  if (timedOut) return 'timeout';
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'memory';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (message === 'Task queue is at limit') return 'busy';
  if (e?.name === 'AbortError' && /pool is closed/.test(message)) return 'closed';
  return 'crashed';
}

/**
 * A piscina pool of worker threads. Each worker's heap is capped at `taskMemoryMb` (a task past it kills
 * its worker: 422, and piscina starts a fresh one); each task gets `taskMs` from the moment a thread is
 * free for it (a task past it is aborted, which terminates its worker: 422). The event loop only clones
 * inputs and outputs.
 */
export function createThreadPool(opts: ThreadPoolOptions): WorkPool {
  const { budgets } = opts;
  const piscina = new Piscina({
    filename: new URL('./entry.mjs', import.meta.url).href,
    minThreads: opts.threads,
    maxThreads: opts.threads,
    // admission is Slots' job; piscina only holds a task while a killed worker is being replaced
    maxQueue: 4 * opts.threads,
    // the bootstrap registers tsx itself; the parent's flags (test runners, --import) are not wanted here
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: budgets.taskMemoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(budgets.taskMemoryMb / 8))),
    },
  });
  // a worker error outside any task would otherwise be an unhandled 'error' event (process exit)
  piscina.on('error', (err: unknown) => opts.logger?.error({ err }, 'worker pool error'));
  const slots = new Slots(opts.threads, opts.maxQueue ?? 16 * opts.threads, budgets.taskMs);
  let closed = false;
  return {
    kind: 'threads',
    async run(task, input, runOpts = {}) {
      if (closed) throw new WorkTaskError(task, 'closed', budgets);
      try {
        await slots.acquire(runOpts.signal);
      } catch (err) {
        throw new WorkTaskError(task, err instanceof SlotError ? err.reason : 'crashed', budgets, err);
      }
      const timeout = AbortSignal.timeout(budgets.taskMs);
      const signal = runOpts.signal ? AbortSignal.any([runOpts.signal, timeout]) : timeout;
      try {
        return await piscina.run({ task, input }, { signal });
      } catch (err) {
        const reason = failureOf(err, timeout.aborted, runOpts.signal?.aborted === true);
        if (reason === 'crashed') opts.logger?.error({ err, task }, 'worker task failed');
        throw new WorkTaskError(task, reason, budgets, err);
      } finally {
        slots.release();
      }
    },
    async ready() {
      // a round trip through a worker that has loaded the task code (no time budget: booting is not a task)
      await piscina.run({ task: 'ping', input: null });
    },
    async close() {
      if (closed) return;
      closed = true;
      await piscina.destroy();
    },
  };
}

/**
 * The same interface on the calling thread (WORKERS=0, and tests): no time or memory limit and no
 * isolation, but the same task functions, so results are identical.
 */
export function createInProcessPool(budgets: Pick<Budgets, 'taskMs' | 'taskMemoryMb'>): WorkPool {
  const ctx = createTaskContext();
  let closed = false;
  return {
    kind: 'in-process',
    async run(task, input, runOpts = {}) {
      if (closed) throw new WorkTaskError(task, 'closed', budgets);
      if (runOpts.signal?.aborted) throw new WorkTaskError(task, 'aborted', budgets);
      return runTask({ task, input }, ctx);
    },
    ready: () => Promise.resolve(),
    async close() {
      closed = true;
    },
  };
}
