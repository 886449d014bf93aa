import type { Command } from 'commander';
import pino from 'pino';
import { ClusterEnv } from '../../cluster/config.js';
import { EnvConfig } from '../../config.js';
import { probeRedis, RedisUnavailableError } from '../../jobs-queue/redis.js';
import { startShardProcess } from '../../monitor-shards/process-main.js';

const MonitorShardEnv = ClusterEnv.pick({ REDIS_URL: true, REDIS_PREFIX: true }).extend({
  LOG_LEVEL: EnvConfig.shape.LOG_LEVEL,
});

/** Serves shard slots until SIGINT or SIGTERM, then leaves the one at hand and exits 0. */
async function runMonitorShard(): Promise<void> {
  const env = MonitorShardEnv.safeParse(process.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    process.stderr.write(`sua-sandbox monitor-shard: ${issue.path.join('.')}: ${issue.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL } = env.data;
  if (!redisUrl) {
    process.stderr.write('sua-sandbox monitor-shard: REDIS_URL: required (redis://host:port)\n');
    process.exitCode = 2;
    return;
  }
  await probeRedis(redisUrl);
  const logger = pino({ level: LOG_LEVEL, base: { app: 'sua-sandbox-monitor-shard', pid: process.pid } });
  const shard = startShardProcess({ redisUrl, prefix, logger });
  logger.info({ prefix }, 'monitor shard ready');
  await new Promise<void>((resolve, reject) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'monitor shard stopping');
      shard.stop().then(resolve, reject);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    shard.done.then(resolve, reject);
  });
}

export function register(program: Command): void {
  program
    .command('monitor-shard')
    .description(
      'serve monitor shards of sharded live sessions, one at a time (REDIS_URL, REDIS_PREFIX: the same as the servers)',
    )
    .action(async () => {
      try {
        await runMonitorShard();
      } catch (err) {
        if (!(err instanceof RedisUnavailableError)) throw err;
        process.stderr.write(`sua-sandbox monitor-shard: ${err.message}\n`);
        process.exitCode = 1;
      }
    });
}
