import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Draft, Rulebook } from '../../../../rules/src/model/index.js';
import { badRequest, notFound } from '../../errors.js';
import type { ImpactJobRecord, ImpactPlanRow, Store } from '../../store/types.js';
import type { AirspaceService } from '../airspace.js';
import { type Actor, recordAudit } from '../audit.js';
import type { PermissionService } from '../permissions.js';
import type { RulebookService } from '../rulebooks.js';
import type { PlanImpact } from './compare.js';
import { type CorpusItem, type ImpactProgress, runImpact } from './run.js';

export type CorpusSpec = { kind: 'stored' } | { kind: 'examples' } | { kind: 'upload'; plans: unknown[] };

/** Pushed to `job:<id>` subscribers (socket.io): shapes of JobProgress / JobDone in rules/src/protocol. */
export interface JobEvents {
  progress(p: {
    jobId: string;
    done: number;
    total: number;
    message: string;
    percent: number;
    etaMs: number | null;
  }): void;
  done(d: { jobId: string; ok: boolean; result?: unknown; error?: { code: string; message: string } }): void;
}

interface LiveState {
  progress: ImpactProgress;
  abort: AbortController;
  finished: Promise<void>;
}

/** DB progress writes at most this often (events go out on every slice). */
const PROGRESS_WRITE_MS = 500;

export const progressMessage = (p: ImpactProgress) =>
  `${Math.floor(p.percent)}%${p.etaMs === null ? '' : ` · ETA ${Math.ceil(p.etaMs / 1000)} s`}`;

const toRow = (p: PlanImpact): ImpactPlanRow => ({
  seq: p.seq,
  planKey: p.key,
  name: p.name,
  before: p.before,
  after: p.after,
  changed: p.changed,
  detail: { verdictChanged: p.verdictChanged, rules: p.rules, ...(p.issues && { issues: p.issues }) },
});

export interface ImpactJobDeps {
  store: Store;
  rulebooks: RulebookService;
  airspace: AirspaceService;
  permissions: PermissionService;
  examples: () => CorpusItem[];
  events: JobEvents;
  logger: Logger;
}

/** Impact runs as background jobs: created at once (202), run off the request in slices, results stored. */
export class ImpactJobService {
  private readonly live = new Map<string, LiveState>();

  constructor(private readonly deps: ImpactJobDeps) {}

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

  private async draftOf(ref: string | Draft): Promise<{ id: string; draft: Draft }> {
    if (typeof ref !== 'string') return { id: ref.id, draft: ref };
    const rec = await this.deps.rulebooks.findDraft(ref);
    if (!rec) throw notFound('draft', ref);
    return { id: ref, draft: rec.draft };
  }

  async start(req: { draft: string | Draft; corpus: CorpusSpec }, who: Actor): Promise<ImpactJobRecord> {
    const { id: draftId, draft } = await this.draftOf(req.draft);
    const prefix = typeof req.draft === 'string' ? [] : ['body', 'draft'];
    const { base, rulebook } = this.deps.rulebooks.apply(draft, prefix);
    const items = await this.corpus(req.corpus);
    if (items.length === 0) throw badRequest(`the corpus "${req.corpus.kind}" holds no plans`);
    const jobId = randomUUID();
    const request = {
      draft: typeof req.draft === 'string' ? req.draft : `inline:${draftId}`,
      base: `${base.id}@${base.version}`,
      corpus: req.corpus.kind,
    };
    const job = await this.deps.store.transaction(async (tx) => {
      const created = await tx.jobs.create({ id: jobId, request, total: items.length });
      await recordAudit(tx, who, 'run', 'impact-job', jobId, null, { ...request, plans: items.length });
      return created;
    });
    const abort = new AbortController();
    const state: LiveState = {
      progress: { done: 0, total: items.length, percent: 0, etaMs: null, elapsedMs: 0 },
      abort,
      finished: Promise.resolve(),
    };
    this.live.set(jobId, state);
    state.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.run(jobId, items, base, rulebook, state),
    );
    return job;
  }

  private async run(jobId: string, items: CorpusItem[], base: Rulebook, target: Rulebook, state: LiveState) {
    const { store, events, logger } = this.deps;
    let lastWrite = 0;
    try {
      await store.jobs.markRunning(jobId);
      const permissions = await this.deps.permissions.all();
      const result = await runImpact(items, {
        base,
        target,
        airspace: this.deps.airspace.index(),
        permissions,
        signal: state.abort.signal,
        onProgress: (p) => {
          state.progress = p;
          events.progress({
            jobId,
            done: p.done,
            total: p.total,
            message: progressMessage(p),
            percent: p.percent,
            etaMs: p.etaMs,
          });
          if (p.elapsedMs - lastWrite >= PROGRESS_WRITE_MS) {
            lastWrite = p.elapsedMs;
            store.jobs.progress(jobId, p.done).catch((err) => logger.warn({ err, jobId }, 'progress write failed'));
          }
        },
      });
      const summary = { ...result.summary, durationMs: Math.round(result.durationMs) };
      await store.transaction((tx) => tx.jobs.finish(jobId, summary, result.plans.map(toRow)));
      logger.info({ jobId, plans: items.length, ms: Math.round(result.durationMs) }, 'impact job done');
      events.done({ jobId, ok: true, result: summary });
    } catch (err) {
      const aborted = state.abort.signal.aborted;
      const message = aborted ? 'stopped: the server is shutting down' : 'the impact run failed';
      if (!aborted) logger.error({ err, jobId }, 'impact job failed');
      await store.jobs.fail(jobId, message).catch((e) => logger.warn({ err: e, jobId }, 'could not mark job failed'));
      events.done({ jobId, ok: false, error: { code: aborted ? 'aborted' : 'internal', message } });
    } finally {
      this.live.delete(jobId);
    }
  }

  /** The job with live progress (percent and ETA) while it runs. */
  async get(id: string) {
    const job = await this.deps.store.jobs.get(id);
    if (!job) throw notFound('job', id);
    const live = this.live.get(id)?.progress;
    const processed = live ? live.done : job.processed;
    const percent = job.status === 'done' ? 100 : job.total === 0 ? 0 : (100 * processed) / job.total;
    return { ...job, processed, percent, etaMs: job.status === 'done' ? 0 : (live?.etaMs ?? null) };
  }

  async results(id: string, opts: { changedOnly: boolean; limit: number; offset: number }) {
    return this.deps.store.jobs.results(id, opts);
  }

  /** Stops running jobs (they are marked failed) and waits for them. */
  async close(): Promise<void> {
    const running = [...this.live.values()];
    for (const s of running) s.abort.abort();
    await Promise.all(running.map((s) => s.finished));
  }
}
