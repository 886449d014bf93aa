import type { Logger } from 'pino';
import { loadTrafficParams } from '../data/traffic.js';
import type { Store } from '../store/types.js';
import type { AirspaceService } from './airspace.js';
import { ScenarioBatchService } from './batch-runs/service.js';
import type { ImpactJobQueue } from './impact/job-queue.js';
import { ImpactJobService, type JobEvents } from './impact/jobs.js';
import type { CorpusItem } from './impact/run.js';
import type { Services } from './index.js';
import type { TrafficData } from './intents.js';
import type { PermissionService } from './permissions.js';
import { PlanImportJobService } from './plan-import-jobs.js';
import type { RulebookService } from './rulebooks.js';
import { ZoneImportJobService } from './zone-import-jobs.js';

export interface JobServicesDeps {
  store: Store;
  logger: Logger;
  rulebooks: RulebookService;
  airspace: AirspaceService;
  permissions: PermissionService;
  scenarios: Services['scenarios'];
  examples: () => CorpusItem[];
  traffic?: Partial<TrafficData>;
  work: Services['work'];
  events: JobEvents;
  /** REDIS_URL: every kind of job goes to this one queue; unset: in-process */
  queue?: ImpactJobQueue;
}

export interface JobServices {
  impact: ImpactJobService;
  batchRuns: ScenarioBatchService;
  zoneImports: ZoneImportJobService;
  planImports: PlanImportJobService;
  close(): Promise<void>;
}

/**
 * Every kind of stored job (impact runs, scenario batches, large zone imports, large plan uploads), each continuing
 * what a previous process left unfinished from its last checkpoint (or failing, naming why) before it is returned.
 */
export async function startJobServices(deps: JobServicesDeps): Promise<JobServices> {
  const { store, logger, airspace, events, queue } = deps;
  const pool = deps.work.pool;
  const impact = new ImpactJobService({
    store,
    rulebooks: deps.rulebooks,
    airspace,
    permissions: deps.permissions,
    examples: deps.examples,
    events,
    logger,
    work: deps.work,
    queue,
  });
  await impact.resumeInterrupted();
  const batchRuns = new ScenarioBatchService({
    store,
    rulebooks: deps.rulebooks,
    airspace,
    permissions: deps.permissions,
    scenarios: deps.scenarios,
    trafficParams: () => deps.traffic?.params ?? loadTrafficParams(),
    pool,
    logger,
    events,
    queue,
  });
  await batchRuns.resumeInterrupted();
  const zoneImports = new ZoneImportJobService({ store, airspace, pool, logger, events, queue });
  await zoneImports.resumeInterrupted();
  const planImports = new PlanImportJobService({ store, pool, logger, events, queue });
  await planImports.resumeInterrupted();
  return {
    impact,
    batchRuns,
    zoneImports,
    planImports,
    async close() {
      await batchRuns.close();
      await zoneImports.close();
      await planImports.close();
      await impact.close();
    },
  };
}
