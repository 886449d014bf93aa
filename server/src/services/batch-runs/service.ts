import { randomUUID } from 'node:crypto';
import type { ImpactJobRecord, ScenarioBatchRequest } from '../../store/types.js';
import { type Actor, recordAudit } from '../audit.js';
import { StoredJobs, type StoredJobsDeps } from '../stored-jobs.js';
import { type BatchRunDeps, runStoredBatch } from './execute.js';
import { buildBatch } from './input.js';

export interface ScenarioBatchDeps extends BatchRunDeps, StoredJobsDeps {}

/**
 * Batch scenario runs as background jobs of kind 'scenario-batch': created at once (202); each scenario one
 * task in this process's worker pool, or, with the job queue, in worker processes. A stopped batch continues
 * from its last finished scenario.
 */
export class ScenarioBatchService {
  private readonly jobs: StoredJobs;

  constructor(private readonly deps: ScenarioBatchDeps) {
    this.jobs = new StoredJobs('scenario-batch', deps, (jobId, control) => runStoredBatch(jobId, deps, control));
  }

  async start(req: { scenarios: string[]; rulebook?: string; seed?: number }, who: Actor): Promise<ImpactJobRecord> {
    const { ctx, input } = await buildBatch(req, this.deps);
    const jobId = randomUUID();
    const request: ScenarioBatchRequest = {
      scenarios: req.scenarios,
      rulebook: req.rulebook ?? null,
      seed: req.seed ?? null,
    };
    const job = await this.deps.store.transaction(async (tx) => {
      const created = await tx.jobs.create({
        id: jobId,
        kind: 'scenario-batch',
        request,
        total: ctx.items.length,
        input,
      });
      await recordAudit(tx, who, 'run', 'scenario-batch', jobId, null, request);
      return created;
    });
    await this.jobs.submit(jobId, ctx.items.length);
    return job;
  }

  resumeInterrupted = () => this.jobs.resumeInterrupted();
  get = (id: string, known?: ImpactJobRecord) => this.jobs.get(id, known);
  close = () => this.jobs.close();
}
