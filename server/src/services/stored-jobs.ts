import type { ApiError } from '@sua-sandbox/rules/protocol';
import type { Logger } from 'pino';
import { AppError, notFound } from '../errors.js';
import type { ImpactJobRecord, JobKind, Store } from '../store/types.js';
import { WorkTaskError } from '../workers/pool.js';
import type { ImpactJobQueue } from './impact/job-queue.js';
import { jobWithProgress } from './impact/job-result.js';
import type { JobEvents } from './impact/jobs.js';
import type { ImpactProgress } from './impact/run.js';

/** A job no retry can cure (over a budget, bad or changed input): the store already has it failed with `reply`. */
export class JobRunFailed extends Error {
  constructor(readonly reply: ApiError) {
    super(reply.message);
    this.name = 'JobRunFailed';
  }
}

export interface JobRunControl {
  /** stops the job at its next checkpoint (it stays unfinished, to be continued) */
  signal: AbortSignal;
  onProgress(p: ImpactProgress & { message: string }): void;
}

/** Runs a stored job from its last checkpoint to its end; resolves with the result `job:done` carries. */
export type StoredJobRunner = (jobId: string, control: JobRunControl) => Promise<unknown>;

export interface StoredJobsDeps {
  store: Store;
  /** `job:progress` / `job:done` to the job's subscribers, as for impact runs */
  events: JobEvents;
  logger: Logger;
  /** set (REDIS_URL): jobs go to the job queue and worker processes run them; unset: they run here */
  queue?: ImpactJobQueue;
}

interface Live {
  progress: ImpactProgress;
  abort: AbortController;
  finished: Promise<void>;
}

/**
 * Where the stored jobs of one kind run, besides impact runs (ImpactJobService): in this process without a
 * queue, else in worker processes (jobs-queue/dispatch.ts runs the same runner there). The same job records,
 * `GET /api/jobs/:id`, socket events and queue as impact runs.
 */
export class StoredJobs {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly kind: JobKind,
    private readonly deps: StoredJobsDeps,
    private readonly runner: StoredJobRunner,
  ) {}

  /** A job just created in the store: to the queue (503 and failed when it does not answer), or run here. */
  async submit(jobId: string, total: number): Promise<void> {
    const { queue, store, logger } = this.deps;
    if (!queue) return this.launch(jobId, 0, total);
    try {
      await queue.enqueue(jobId);
    } catch (err) {
      logger.error({ err, jobId, kind: this.kind }, 'job could not be queued');
      const message = 'the job queue (Redis) did not answer; start the job again later';
      await store.jobs.fail(jobId, message).catch(() => undefined);
      throw new AppError({ code: 'unavailable', status: 503, message, expose: true, cause: err });
    }
  }

  /** At start: jobs a previous process left unfinished continue (here, or re-queued when the queue lost them). */
  async resumeInterrupted(): Promise<{ resumed: string[]; failed: string[] }> {
    const out = { resumed: [] as string[], failed: [] as string[] };
    for (const job of await this.deps.store.jobs.unfinished(this.kind)) {
      const r = this.deps.queue ? await this.deps.queue.recover(job.id) : { queued: true as const };
      if (!this.deps.queue) this.launch(job.id, job.processed, job.total);
      if (r.queued) out.resumed.push(job.id);
      else {
        await this.deps.store.jobs.fail(job.id, r.failed);
        out.failed.push(job.id);
      }
    }
    return out;
  }

  private launch(jobId: string, from: number, total: number): void {
    const live: Live = {
      progress: { done: from, total, percent: total === 0 ? 0 : (100 * from) / total, etaMs: null, elapsedMs: 0 },
      abort: new AbortController(),
      finished: Promise.resolve(),
    };
    this.live.set(jobId, live);
    live.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(jobId, live));
  }

  private async run(jobId: string, live: Live): Promise<void> {
    const { events, logger, store } = this.deps;
    try {
      const result = await this.runner(jobId, {
        signal: live.abort.signal,
        onProgress: ({ message, ...p }) => {
          live.progress = p;
          events.progress({ jobId, done: p.done, total: p.total, message, percent: p.percent, etaMs: p.etaMs });
        },
      });
      events.done({ jobId, ok: true, result });
    } catch (err) {
      const closed = err instanceof WorkTaskError && err.reason === 'closed';
      if (live.abort.signal.aborted || closed) {
        // stopped with the server: the job stays unfinished and continues at the next start
        logger.info({ jobId, kind: this.kind, at: live.progress.done }, 'job paused until the next start');
        return;
      }
      let error: ApiError = { code: 'internal', message: 'the job failed' };
      if (err instanceof JobRunFailed) error = err.reply;
      else {
        logger.error({ err, jobId, kind: this.kind }, 'job failed');
        await store.jobs
          .fail(jobId, error.message)
          .catch((e: unknown) => logger.warn({ err: e, jobId }, 'could not mark job failed'));
      }
      events.done({ jobId, ok: false, error });
    } finally {
      this.live.delete(jobId);
    }
  }

  /** The job with live progress (percent and ETA) while it runs; 404 for no job or another kind's. */
  /** The job with its progress; `known`: its record, already read (GET /api/jobs/:id reads it to learn its kind). */
  async get(id: string, known?: ImpactJobRecord) {
    const job = known ?? (await this.deps.store.jobs.get(id));
    if (!job || job.kind !== this.kind) throw notFound('job', id);
    return jobWithProgress(job, this.progress(id));
  }

  /** A running job's progress as heard here (in-process) or from the queue's workers; undefined otherwise. */
  progress(id: string) {
    return this.live.get(id)?.progress ?? this.deps.queue?.progress(id);
  }

  /** Stops the jobs running here at their next checkpoint and waits; they continue at the next start. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    for (const s of running) s.abort.abort();
    await Promise.all(running.map((s) => s.finished));
  }
}
