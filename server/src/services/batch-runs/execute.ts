import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import { ScenarioRunSummary } from '@sua-sandbox/rules/api';
import type { ApiError } from '@sua-sandbox/rules/protocol';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Store } from '../../store/types.js';
import { AirspaceRefs } from '../../workers/airspace-cache.js';
import { type WorkPool, WorkTaskError } from '../../workers/pool.js';
import { runWithAirspace } from '../../workers/with-airspace.js';
import { withDuration } from '../impact/job-result.js';
import { progressMessage } from '../impact/jobs.js';
import { type JobRunControl, JobRunFailed } from '../stored-jobs.js';
import { type BatchInputDeps, BatchRefused, rebuildBatch } from './input.js';
import { runScenarioToEnd, type ScenarioRunInput } from './run-scenario.js';

export interface BatchRunDeps extends BatchInputDeps {
  store: Store;
  pool: WorkPool;
  logger: Logger;
}

/** The checkpoint: the summaries of the scenarios finished so far, in order. */
const Finished = z.array(ScenarioRunSummary);

/** Tries when the pool is busy with other heavy requests, waiting a little longer each time. */
const BUSY_TRIES = 5;
const BUSY_PAUSE_MS = 1_000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** Runs scenarios as 'scenario-run' pool tasks, with the airspace sent by reference. */
class ScenarioRunner {
  private readonly refs = new AirspaceRefs();

  constructor(private readonly pool: WorkPool) {}

  async run(input: ScenarioRunInput, airspace: ZoneIndex, signal: AbortSignal): Promise<ScenarioRunSummary> {
    // a custom ground model cannot be rebuilt in a worker: run here (in slices)
    if (!this.refs.portable(airspace)) return runScenarioToEnd(input, airspace);
    for (let attempt = 1; ; attempt++) {
      try {
        const { ok: _ok, ...summary } = await runWithAirspace(
          this.pool,
          'scenario-run',
          (ref) => ({ ...input, airspace: ref }),
          airspace,
          this.refs,
          { signal },
        );
        return summary;
      } catch (err) {
        // a background job waits for checks and imports rather than failing because they came first
        const busy = err instanceof WorkTaskError && err.reason === 'busy';
        if (!busy || attempt >= BUSY_TRIES || signal.aborted) throw err;
        await pause(BUSY_PAUSE_MS * attempt, signal);
      }
    }
  }
}

/** A run over its budget fails the batch for good; other failures (shutdown, a crash) may be retried. */
const overBudget = (err: unknown): err is WorkTaskError =>
  err instanceof WorkTaskError && (err.reason === 'timeout' || err.reason === 'memory');

/**
 * Runs a stored scenario batch from its last checkpoint (0 for a new job): each scenario one pool task, its
 * summary stored with the counter in one transaction when it ends. The same code runs a batch in the server
 * process (no REDIS_URL) and in a queue worker, so the stored result is the same either way, and the same
 * after a resume as uninterrupted. Resolves with the result `job:done` carries.
 */
export async function runStoredBatch(jobId: string, deps: BatchRunDeps, control: JobRunControl): Promise<unknown> {
  const { store, logger } = deps;
  const job = await store.jobs.get(jobId);
  if (!job) throw new JobRunFailed({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  // a process that died between storing the result and reporting it: the result stands
  if (job.status === 'done') return withDuration(job.summary, job.workMs);
  if (job.status === 'failed') throw new JobRunFailed({ code: 'failed', message: job.error ?? 'failed' });
  const fail = async (reply: ApiError): Promise<never> => {
    await store.jobs.fail(jobId, reply.message);
    throw new JobRunFailed(reply);
  };
  const state = await store.jobs.resumeState(jobId);
  if (!state) throw new JobRunFailed({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  let ctx: Awaited<ReturnType<typeof rebuildBatch>>;
  try {
    ctx = await rebuildBatch(state.input, deps);
  } catch (err) {
    if (err instanceof BatchRefused) return fail({ code: 'failed', message: err.message });
    throw err;
  }
  const finished = state.processed > 0 ? Finished.safeParse(state.tally) : Finished.safeParse([]);
  if (!finished.success || finished.data.length !== state.processed)
    return fail({ code: 'failed', message: 'cannot run the batch: its checkpoint is not readable; start it again' });
  const runs = finished.data;
  if (job.status === 'queued') await store.jobs.markRunning(jobId);
  else {
    await store.jobs.markResumed(jobId);
    logger.info({ jobId, from: state.processed, total: job.total }, 'scenario batch resumed from its last checkpoint');
  }
  const runner = new ScenarioRunner(deps.pool);
  const t0 = performance.now();
  const workMs = () => state.workMs + (performance.now() - t0);
  const total = ctx.items.length;
  for (let i = runs.length; i < total; i++) {
    if (control.signal.aborted) throw control.signal.reason ?? new Error('stopped');
    const item = ctx.items[i];
    try {
      runs.push(await runner.run(item, ctx.airspace, control.signal));
    } catch (err) {
      if (control.signal.aborted || !overBudget(err)) throw err;
      return fail({
        code: err.code,
        message: `the run of scenario ${i} ("${item.scenario.id}") failed: ${err.message}`,
      });
    }
    const ms = workMs();
    await store.transaction((tx) => tx.jobs.checkpoint(jobId, { processed: i + 1, rows: [], tally: runs, workMs: ms }));
    const doneHere = i + 1 - state.processed;
    const elapsedMs = performance.now() - t0;
    const p = {
      done: i + 1,
      total,
      percent: (100 * (i + 1)) / total,
      etaMs: ((total - i - 1) * elapsedMs) / doneHere,
      elapsedMs,
    };
    control.onProgress({ ...p, message: progressMessage(p) });
  }
  const summary = { runs };
  const ms = workMs();
  await store.jobs.finish(jobId, summary, [], ms);
  logger.info({ jobId, scenarios: total, ms: Math.round(ms) }, 'scenario batch done');
  return withDuration(summary, ms);
}
