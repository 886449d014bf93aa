import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { conflict } from '../errors.js';
import type { ImpactJobRecord, Store, ZoneImportRequest, ZoneLayer } from '../store/types.js';
import type { WorkPool } from '../workers/pool.js';
import type { AirspaceService } from './airspace.js';
import type { Actor } from './audit.js';
import { withDuration } from './impact/job-result.js';
import { runOneStepJob } from './one-step-job.js';
import { type JobRunControl, StoredJobs, type StoredJobsDeps } from './stored-jobs.js';
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
  const { answer, workMs } = await runOneStepJob(jobId, deps.store, control, {
    input: ZoneImportInput,
    unreadable: 'import the file again',
    run: async (input, finish) => {
      const zones = new ZoneService(deps.store, deps.airspace, deps.pool);
      await zones.import(
        input.content,
        input.format as ImportFormat,
        { id: input.layer, name: input.name ?? undefined, simplify: input.simplify ?? undefined },
        { actor: input.actor },
        (tx, layer) => finish(tx, zoneImportAnswer(layer)),
      );
    },
  });
  return withDuration(answer, workMs);
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
