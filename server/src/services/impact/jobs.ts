import { randomUUID } from 'node:crypto';
import type { Draft } from '@sua-sandbox/rules/model';
import type { Logger } from 'pino';
import { DEFAULT_BUDGETS } from '../../budgets.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { ImpactJobRecord, Store } from '../../store/types.js';
import { createInProcessPool } from '../../workers/pool.js';
import type { AirspaceService } from '../airspace.js';
import { type Actor, recordAudit } from '../audit.js';
import type { WorkDeps } from '../checks.js';
import type { PermissionService } from '../permissions.js';
import type { RulebookService } from '../rulebooks.js';
import { BatchRunner } from './batch-runner.js';
import { ImpactTally, TallyState } from './compare.js';
import {
  fingerprint,
  type JobContext,
  type JobInput,
  type JobInputDeps,
  ResumeRefused,
  rebuildContext,
} from './job-input.js';
import type { ImpactJobQueue } from './job-queue.js';
import { jobWithProgress } from './job-result.js';
import { type JobEvents, type JobRunDeps, type LiveState, type RunStart, runImpactJob } from './job-run.js';
import type { CorpusItem } from './run.js';
import { builtinTraffic, jobTraffic } from './traffic.js';

export { DEFAULT_BATCH_SIZE, type JobEvents, progressEvent, progressMessage } from './job-run.js';

export type CorpusSpec = { kind: 'stored' } | { kind: 'examples' } | { kind: 'upload'; plans: unknown[] };

/** Corpus plans copied into the store per transaction when a job is created. */
const SNAPSHOT_CHUNK = 200;

export interface ImpactJobDeps {
  store: Store;
  rulebooks: RulebookService;
  airspace: AirspaceService;
  permissions: PermissionService;
  /** the base traffic data a traffic draft changes (default: rules/data/traffic) */
  traffic?: JobInputDeps['traffic'];
  examples: () => CorpusItem[];
  events: JobEvents;
  logger: Logger;
  batchSize?: number;
  /** where batches run (default: an in-process pool with the default budgets) */
  work?: WorkDeps;
  /** set (REDIS_URL): jobs go to this queue and worker processes run them; unset: they run here */
  queue?: ImpactJobQueue;
}

/**
 * Impact runs as background jobs: created at once (202), each batch of plans one task in the worker pool
 * (off the event loop with threads), results stored batch by batch. A batch over its task budget fails
 * the job with the reason, keeping the batches before it. The corpus is copied into the store with the job, so after a crash or a stop the job
 * resumes from its last checkpoint and ends with the same stored result as an uninterrupted run.
 */
export class ImpactJobService {
  private readonly live = new Map<string, LiveState>();
  /** how runs here checkpoint, report and run their batches */
  private readonly runDeps: JobRunDeps;

  constructor(private readonly deps: ImpactJobDeps) {
    const pool = deps.work?.pool ?? createInProcessPool(DEFAULT_BUDGETS);
    const { store, events, logger, batchSize } = deps;
    const batches = new BatchRunner(pool, logger);
    this.runDeps = { store, events, logger, batchSize, batches, pool, ended: (jobId) => this.live.delete(jobId) };
  }

  private async corpus(spec: CorpusSpec): Promise<CorpusItem[]> {
    if (spec.kind === 'examples') return this.deps.examples();
    if (spec.kind === 'upload')
      return spec.plans.map((plan, i) => {
        const p = plan as { id?: unknown; name?: unknown };
        return {
          key: typeof p?.id === 'string' ? p.id : `upload#${i}`,
          name: typeof p?.name === 'string' ? p.name : null,
          plan,
        };
      });
    return (await this.deps.store.plans.list()).map((p) => ({ key: p.id, name: p.name, plan: p.plan }));
  }

  private async draftOf(ref: string | Draft): Promise<{ id: string; draft: Draft; input: JobInput['draft'] }> {
    if (typeof ref !== 'string') return { id: ref.id, draft: ref, input: { kind: 'inline', draft: ref } };
    const rec = await this.deps.rulebooks.findDraft(ref);
    if (!rec) throw notFound('draft', ref);
    return { id: ref, draft: rec.draft, input: { kind: 'stored', id: ref, revision: rec.revision } };
  }

  async start(req: { draft: string | Draft; corpus: CorpusSpec }, who: Actor): Promise<ImpactJobRecord> {
    const { id: draftId, draft, input: draftInput } = await this.draftOf(req.draft);
    const prefix = typeof req.draft === 'string' ? [] : ['body', 'draft'];
    const { base, rulebook } = this.deps.rulebooks.apply(draft, prefix);
    const traffic = jobTraffic(draft, this.deps.traffic?.() ?? builtinTraffic(), prefix);
    const items = await this.corpus(req.corpus);
    if (items.length === 0)
      throw badRequest(`the corpus "${req.corpus.kind}" holds no plans`, [
        { path: ['body', 'corpus'], message: `the corpus "${req.corpus.kind}" holds no plans` },
      ]);
    const ctx: JobContext = {
      base,
      target: rulebook,
      airspace: await this.deps.airspace.refresh(),
      permissions: await this.deps.permissions.all(),
      ...(traffic && { traffic }),
    };
    const input: JobInput = { v: 1, draft: draftInput, ...fingerprint(ctx) };
    const jobId = randomUUID();
    const request = {
      draft: typeof req.draft === 'string' ? req.draft : `inline:${draftId}`,
      base: `${base.id}@${base.version}`,
      corpus: req.corpus.kind,
    };
    const snapshot = items.map((it, seq) => ({ seq, ...it }));
    const job = await this.deps.store.transaction(async (tx) => {
      const created = await tx.jobs.create({ id: jobId, request, total: items.length, input });
      await tx.jobs.addInputs(jobId, snapshot.slice(0, SNAPSHOT_CHUNK));
      await recordAudit(tx, who, 'run', 'impact-job', jobId, null, { ...request, plans: items.length });
      return created;
    });
    // the rest in short transactions, so other requests are not queued behind one long write; a crash
    // before the last one leaves a job whose resume fails ("the stored corpus of the job is incomplete")
    for (let i = SNAPSHOT_CHUNK; i < snapshot.length; i += SNAPSHOT_CHUNK)
      await this.deps.store.transaction((tx) => tx.jobs.addInputs(jobId, snapshot.slice(i, i + SNAPSHOT_CHUNK)));
    if (this.deps.queue) {
      await this.enqueue(jobId);
      return job;
    }
    this.launch(jobId, ctx, items, { firstSeq: 0, workMs: 0, resumed: false });
    return job;
  }

  /**
   * At start: jobs a previous process left queued or running continue from their last checkpoint.
   * A job whose inputs are gone or changed (deleted draft, new zone layer...) is failed with the reason.
   */
  async resumeInterrupted(): Promise<{ resumed: string[]; failed: string[] }> {
    const { store, logger } = this.deps;
    if (this.deps.queue) return this.recoverQueued(this.deps.queue);
    const out = { resumed: [] as string[], failed: [] as string[] };
    for (const job of await store.jobs.unfinished('impact')) {
      try {
        const state = await store.jobs.resumeState(job.id);
        if (!state) continue;
        const ctx = await rebuildContext(state.input, this.deps);
        const totals = TallyState.safeParse(state.tally);
        if (state.processed > 0 && !totals.success) throw new ResumeRefused('the checkpoint holds no readable totals');
        const tally = state.processed > 0 && totals.success ? ImpactTally.restore(totals.data) : undefined;
        const items = await store.jobs.inputs(job.id, state.processed);
        if (items.length !== job.total - state.processed)
          throw new ResumeRefused('the stored corpus of the job is incomplete');
        await store.jobs.markResumed(job.id);
        logger.info(
          { jobId: job.id, from: state.processed, total: job.total },
          'impact job resumed from its last checkpoint',
        );
        this.launch(job.id, ctx, items, { firstSeq: state.processed, tally, workMs: state.workMs, resumed: true });
        out.resumed.push(job.id);
      } catch (err) {
        const message =
          err instanceof ResumeRefused
            ? err.message
            : 'cannot resume after the restart: the checkpoint could not be read';
        if (!(err instanceof ResumeRefused)) logger.error({ err, jobId: job.id }, 'impact job resume failed');
        else logger.warn({ jobId: job.id, reason: message }, 'impact job not resumed');
        await store.jobs.fail(job.id, message);
        out.failed.push(job.id);
      }
    }
    return out;
  }

  /** Hands a created job to the queue; when the queue does not answer, the job fails saying so (503). */
  private async enqueue(jobId: string): Promise<void> {
    try {
      await this.deps.queue?.enqueue(jobId);
    } catch (err) {
      this.deps.logger.error({ err, jobId }, 'impact job could not be queued');
      const message = 'the job queue (Redis) did not answer; start the job again later';
      await this.deps.store.jobs.fail(jobId, message).catch(() => undefined);
      throw new AppError({ code: 'unavailable', status: 503, message, expose: true, cause: err });
    }
  }

  /** With a queue, unfinished jobs are the workers' (they resume from the checkpoint): re-queue what it lost. */
  private async recoverQueued(queue: ImpactJobQueue): Promise<{ resumed: string[]; failed: string[] }> {
    const out = { resumed: [] as string[], failed: [] as string[] };
    for (const job of await this.deps.store.jobs.unfinished('impact')) {
      const r = await queue.recover(job.id);
      if (r.queued) out.resumed.push(job.id);
      else {
        await this.deps.store.jobs.fail(job.id, r.failed);
        out.failed.push(job.id);
      }
    }
    return out;
  }

  private launch(jobId: string, ctx: JobContext, items: CorpusItem[], from: RunStart): void {
    const total = from.firstSeq + items.length;
    const state: LiveState = {
      progress: { done: from.firstSeq, total, percent: (100 * from.firstSeq) / total, etaMs: null, elapsedMs: 0 },
      abort: new AbortController(),
      finished: Promise.resolve(),
    };
    this.live.set(jobId, state);
    state.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      runImpactJob(this.runDeps, jobId, ctx, items, from, state),
    );
  }

  /** The job with live progress (percent and ETA) while it runs. */
  /** The job with its progress; `known`: its record, already read. */
  async get(id: string, known?: ImpactJobRecord) {
    const job = known ?? (await this.deps.store.jobs.get(id));
    if (!job) throw notFound('job', id);
    return jobWithProgress(job, this.live.get(id)?.progress ?? this.deps.queue?.progress(id));
  }

  async results(id: string, opts: { changedOnly: boolean; limit: number; offset: number }) {
    return this.deps.store.jobs.results(id, opts);
  }

  /** Stops running jobs at their next slice and waits; they stay unfinished and resume at the next start. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    for (const s of running) s.abort.abort();
    await Promise.all(running.map((s) => s.finished));
    await this.deps.queue?.close();
  }
}
