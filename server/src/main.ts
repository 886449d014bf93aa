import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './app.js';
import { announceSetup } from './auth/bootstrap.js';
import { AuthService } from './auth/service.js';
import { ConfigError, loadConfig } from './config.js';
import { loadCatalogue } from './data/airspace.js';
import { loadBuiltinPermissions } from './data/permissions.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from './data/rulebooks.js';
import { loadScenarios } from './data/scenarios.js';
import { loadGroundModel } from './data/terrain.js';
import { loadRouteNetwork, loadTrafficParams } from './data/traffic.js';
import { type JobQueueConfig, JobQueueConfigError, loadJobQueueConfig } from './jobs-queue/config.js';
import type { JobQueueFactory } from './jobs-queue/index.js';
import type { ShardInit } from './monitor-shards/index.js';
import { readExamplePlans } from './services/corpus.js';
import { type DataDirLock, DataDirLockedError, lockDataDir } from './store/lock.js';
import { openConfiguredStore } from './store/open.js';
import { describeDatabaseUrl } from './store/postgres/describe.js';
import { createThreadPool } from './workers/pool.js';

/**
 * The one place that reads the environment (see config.ts for the variables and defaults: PORT 8080,
 * DATA_DIR ./data) and builds the real dependencies.
 */
const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, repoRoot);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`sua-sandbox: ${err.message}\n`);
  process.exit(2);
}

const logger = pino({ level: config.logLevel, base: { app: 'sua-sandbox' } });

// ── jobs on a queue (jobs-queue/): with REDIS_URL and the shared PostgreSQL store, impact jobs go to BullMQ
// and `sua-sandbox worker` processes run them; otherwise they run in this process, as before
let jobQueue: JobQueueConfig | undefined;
try {
  jobQueue = loadJobQueueConfig(process.env);
} catch (err) {
  if (!(err instanceof JobQueueConfigError)) throw err;
  process.stderr.write(`sua-sandbox: ${err.message}\n`);
  process.exit(2);
}
if (jobQueue && !config.databaseUrl)
  logger.warn('REDIS_URL without DATABASE_URL: impact jobs run in this process (queue workers need PostgreSQL)');
const queueConfig = config.databaseUrl ? jobQueue : undefined;
// BullMQ is loaded only with a queue to run: an embedded server (no REDIS_URL) starts without it
const jobQueueFactory: JobQueueFactory | undefined =
  queueConfig && (async (node) => (await import('./jobs-queue/index.js')).queuedImpactJobs(queueConfig)(node));
// ── end of jobs on a queue

// One server per data directory: a second one exits 2 naming the lock and its holder (store/lock.ts).
// With DATABASE_URL several nodes share PostgreSQL: no data directory to own; an advisory lock in the
// database decides which node resumes unfinished jobs (store/postgres/resume-lock.ts).
let lock: DataDirLock | undefined;
try {
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir);
} catch (err) {
  if (!(err instanceof DataDirLockedError)) throw err;
  process.stderr.write(`sua-sandbox: ${err.message}\n`);
  process.exit(2);
}

/** MONITOR_SHARD*: the live sessions' monitor shards, in threads or (MONITOR_SHARD_PROCESSES) in shard processes. */
function sharding() {
  const { cluster, monitorSharding } = config;
  if (!monitorSharding.processes || !cluster) return monitorSharding;
  const reach = { redisUrl: cluster.redisUrl, prefix: cluster.prefix, startTimeoutMs: 10_000 };
  const startShards = async (init: ShardInit, n: number) =>
    (await import('./monitor-shards/redis-link.js')).startShardProcesses(init, n, reach);
  return { ...monitorSharding, startShards };
}

async function start() {
  const store = await openConfiguredStore(config, (held) =>
    logger.info(held ? 'this node resumes unfinished impact jobs' : 'another node resumes unfinished impact jobs'),
  );
  // Heavy work (imports, checks) in worker threads within the task budgets; WORKERS=0 keeps it in-process.
  const pool =
    config.workers > 0 ? createThreadPool({ threads: config.workers, budgets: config.budgets, logger }) : undefined;
  // --- cluster (REDIS_URL): socket.io across nodes, sessions leased to one node, taken over on failure ---
  // (loaded only then: without REDIS_URL the server starts without a Redis client)
  const cluster = config.cluster
    ? await (await import('./cluster/index.js')).startClusterNode(config.cluster, logger)
    : undefined;
  if (cluster) logger.info(`cluster: Redis ${cluster.describe}`);
  // --- end cluster ---
  const app = await createApp({
    store,
    logger,
    budgets: config.budgets,
    pool,
    realtime: {
      enabled: true,
      options: { budgets: config.realtimeBudgets, monitorSharding: sharding(), ...cluster?.realtime },
    },
    // GET /api/ready: 503 while this node cannot reach Redis (a balancer sends viewers elsewhere)
    ...(cluster && { readiness: () => cluster.node.readiness() }),
    catalogue: loadCatalogue(),
    // Hong Kong terrain (LandsD DTM, SRTM outside it) for every AGL height: the API, the CLI and the live monitor.
    elevation: loadGroundModel('terrain'),
    rulebooks: loadBuiltinRulebooks(),
    drafts: loadBuiltinDrafts(),
    permissions: loadBuiltinPermissions(),
    scenarios: () => loadScenarios(),
    examplePlans: () => readExamplePlans(),
    // Sandbox X traffic management: trial parameters, air routes and vertiports (rules/data/traffic)
    traffic: { params: loadTrafficParams(), network: loadRouteNetwork() },
    clientDir: config.clientDir,
    auth: { secureCookies: config.secureCookies, requestLimits: config.rateLimits },
    security: {
      allowedOrigins: config.allowedOrigins,
      serveSourceMaps: config.serveSourceMaps,
      trustProxy: config.trustProxy,
    },
    jobQueue: jobQueueFactory,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await cluster?.node.handover(); // other nodes continue this node's sessions from their checkpoints
    await app.close();
    await cluster?.node.close();
    await pool?.close();
    await store.close();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  app.http.on('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : err.message;
    logger.fatal({ err }, `cannot listen: ${why}`);
    process.exit(1);
  });
  app.http.listen(config.port, config.host, () => {
    const addr = app.http.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const db = config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : config.dbFile;
    logger.info({ db }, `sua-sandbox listening on http://${host}:${port}/ (API docs: /api/docs)`);
    // no administrator yet: one line with a one-time setup token (no default password exists)
    announceSetup(new AuthService(store), logger, `http://${host}:${port}`).catch((err: unknown) =>
      logger.error({ err }, 'could not issue a setup token'),
    );
  });
}

start().catch((err: unknown) => {
  logger.fatal({ err }, `sua-sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
