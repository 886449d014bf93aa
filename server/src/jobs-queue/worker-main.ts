import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { loadCatalogue } from '../data/airspace.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from '../data/rulebooks.js';
import { loadScenarios } from '../data/scenarios.js';
import { loadGroundModel } from '../data/terrain.js';
import { loadTrafficParams } from '../data/traffic.js';
import { AirspaceService } from '../services/airspace.js';
import { PermissionService } from '../services/permissions.js';
import { RulebookService } from '../services/rulebooks.js';
import { describeDatabaseUrl, openPostgresStore } from '../store/postgres/index.js';
import { createInProcessPool, createThreadPool } from '../workers/pool.js';
import { describeRedisUrl, JobQueueConfigError, loadJobQueueConfig } from './config.js';
import { probeRedis } from './redis.js';
import { startImpactWorker } from './worker.js';

/** The environment is wrong or incomplete: the message names the variable (exit code 2). */
export class WorkerSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerSetupError';
  }
}

export interface WorkerProcess {
  logger: Logger;
  /** stops the running job at its next batch (back to the queue), then closes the pool and the store */
  stop(): Promise<void>;
}

/**
 * `sua-sandbox worker`: the dependencies a queued impact job needs, built as main.ts builds the server's
 * (the same rulebooks, catalogue, terrain and store, so a job's fingerprints match), and a BullMQ worker.
 */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, repoRoot: string): Promise<WorkerProcess> {
  let config: ReturnType<typeof loadConfig>;
  let queue: ReturnType<typeof loadJobQueueConfig>;
  try {
    config = loadConfig(env, repoRoot);
    queue = loadJobQueueConfig(env);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof JobQueueConfigError) throw new WorkerSetupError(err.message);
    throw err;
  }
  if (!queue)
    throw new WorkerSetupError('REDIS_URL: required; the worker takes impact jobs from the queue on this Redis');
  if (!config.databaseUrl)
    throw new WorkerSetupError(
      'DATABASE_URL: required; the worker reads and stores jobs in the PostgreSQL store the servers share',
    );
  const logger = pino({ level: config.logLevel, base: { app: 'sua-sandbox-worker' } });
  await probeRedis(queue.redisUrl);
  const store = await openPostgresStore({ url: config.databaseUrl, maxConnections: 4 });
  const rulebooks = new RulebookService(loadBuiltinRulebooks(), loadBuiltinDrafts(), store);
  const airspace = new AirspaceService(loadCatalogue(), store, loadGroundModel('terrain'));
  await airspace.init();
  const permissions = new PermissionService(store);
  const pool =
    config.workers > 0
      ? createThreadPool({ threads: config.workers, budgets: config.budgets, logger })
      : createInProcessPool(config.budgets);
  // the shipped scenarios and traffic parameters, as main.ts gives the server (a batch's fingerprint matches)
  const scenarios = loadScenarios();
  const trafficParams = loadTrafficParams();
  const worker = startImpactWorker(queue, {
    store,
    rulebooks,
    airspace,
    permissions,
    pool,
    logger,
    scenarios: () => scenarios,
    trafficParams: () => trafficParams,
  });
  await worker.ready;
  logger.info(
    { redis: describeRedisUrl(queue.redisUrl), db: describeDatabaseUrl(config.databaseUrl), prefix: queue.prefix },
    'impact worker ready',
  );
  return {
    logger,
    async stop() {
      await worker.close();
      await pool.close();
      await store.close();
    },
  };
}
