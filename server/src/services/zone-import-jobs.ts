import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, conflict } from '../errors.js';
import type { ImpactJobRecord, Store, ZoneImportRequest, ZoneLayer } from '../store/types.js';
import type { WorkPool } from '../workers/pool.js';
import type { AirspaceService } from './airspace.js';
import type { Actor } from './audit.js';
import { withDuration } from './impact/job-result.js';
import { type JobRunControl, JobRunFailed, StoredJobs, type StoredJobsDeps } from './stored-jobs.js';
import { type ImportFormat, ZoneService } from './zones.js';

/** What a zone-import job keeps to run anywhere: the file itself, where it goes, and who asked (for the audit). */
const ZoneImportInput = z.object({
  v: z.literal(1),
  content: z.unknown(),
  format: z.string(),
  layer: z.string(),
  name: z.string().nullable(),
  simplify: z.number().nullable(),
  actor: z.string(),
});
type ZoneImportInput = z.infer<typeof ZoneImportInput>;

/** The synchronous import's 201 answer, and a zone-import job's result. */
export function zoneImportAnswer(layer: ZoneLayer) {
  const { zones, ...rest } = layer;
  return { ...rest, zoneCount: zones.length, zoneIds: zones.map((z) => z.id) };
}

export interface ZoneImportRunDeps {
  store: Store;
  airspace: AirspaceService;
  pool: WorkPool;
}

/**
 * Runs a stored zone import: the file read in the worker pool, the layer and the job's result written in one
 * transaction, so a retried job (its worker died) either finds the result stored or imports afresh; never twice.
 * A file the synchronous import would refuse (400, 409, over a budget) fails the job with that reason.
 */
export async function runStoredZoneImport(
  jobId: string,
  deps: ZoneImportRunDeps,
  control: JobRunControl,
): Promise<unknown> {
  const { store } = deps;
  const job = await store.jobs.get(jobId);
  if (!job) throw new JobRunFailed({ code: 'not_found', message: `job "${jobId}" not found in the store` });
  if (job.status === 'done') return withDuration(job.summary, job.workMs);
  if (job.status === 'failed') throw new JobRunFailed({ code: 'failed', message: job.error ?? 'failed' });
  const parsed = ZoneImportInput.safeParse((await store.jobs.resumeState(jobId))?.input);
  if (!parsed.success) {
    const message = 'cannot run the import: its stored input is not readable; import the file again';
    await store.jobs.fail(jobId, message);
    throw new JobRunFailed({ code: 'failed', message });
  }
  const input = parsed.data;
  if (job.status === 'queued') await store.jobs.markRunning(jobId);
  else await store.jobs.markResumed(jobId);
  const t0 = performance.now();
  let answer: ReturnType<typeof zoneImportAnswer> | undefined;
  try {
    const zones = new ZoneService(store, deps.airspace, deps.pool);
    await zones.import(
      input.content,
      input.format as ImportFormat,
      { id: input.layer, name: input.name ?? undefined, simplify: input.simplify ?? undefined },
      { actor: input.actor },
      async (tx, layer) => {
        answer = zoneImportAnswer(layer);
        await tx.jobs.finish(jobId, answer, [], performance.now() - t0);
      },
    );
  } catch (err) {
    // refused as the synchronous import refuses (an exposed 4xx); a 503 (busy, shutting down) may be retried
    if (!(err instanceof AppError) || err.status >= 500 || control.signal.aborted) throw err;
    await store.jobs.fail(jobId, err.message);
    throw new JobRunFailed({ code: err.code, message: err.message, ...(err.issues && { issues: err.issues }) });
  }
  const elapsedMs = performance.now() - t0;
  control.onProgress({ done: 1, total: 1, percent: 100, etaMs: 0, elapsedMs, message: '100%' });
  return withDuration(answer, elapsedMs);
}

/** Large zone imports as background jobs of kind 'zone-import' (in this process, or in queue workers). */
export class ZoneImportJobService {
  private readonly jobs: StoredJobs;

  constructor(private readonly deps: ZoneImportRunDeps & StoredJobsDeps) {
    this.jobs = new StoredJobs('zone-import', deps, (jobId, control) => runStoredZoneImport(jobId, deps, control));
  }

  async start(
    content: unknown,
    format: ImportFormat,
    opts: { id?: string; name?: string; simplify?: number; bytes: number },
    who: Actor,
  ): Promise<ImpactJobRecord> {
    const layer = opts.id ?? `layer-${randomUUID().slice(0, 8)}`;
    // the one refusal that needs no reading of the file is answered at once, as the synchronous import does
    await this.deps.airspace.refresh();
    if (this.deps.airspace.listLayers().some((l) => l.id === layer))
      throw conflict(`zone layer "${layer}" already exists`);
    const request: ZoneImportRequest = { layer, name: opts.name ?? null, format, bytes: opts.bytes };
    const input: ZoneImportInput = {
      v: 1,
      content,
      format,
      layer,
      name: opts.name ?? null,
      simplify: opts.simplify ?? null,
      actor: who.actor,
    };
    const jobId = randomUUID();
    const job = await this.deps.store.jobs.create({ id: jobId, kind: 'zone-import', request, total: 1, input });
    await this.jobs.submit(jobId, 1);
    return job;
  }

  resumeInterrupted = () => this.jobs.resumeInterrupted();
  get = (id: string, known?: ImpactJobRecord) => this.jobs.get(id, known);
  close = () => this.jobs.close();
}
