import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { RedisUnavailableError } from '../../jobs-queue/redis.js';
import { startWorkerProcess, WorkerSetupError } from '../../jobs-queue/worker-main.js';
import { PostgresUnavailableError } from '../../store/postgres/index.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

/** Runs until SIGINT or SIGTERM, then hands its running job back to the queue and exits 0. */
async function runWorker(): Promise<void> {
  const w = await startWorkerProcess(process.env, repoRoot);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      w.logger.info({ signal }, 'job worker stopping');
      w.stop().then(resolve, (err: unknown) => {
        w.logger.error({ err }, 'job worker did not stop cleanly');
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'run queued jobs: impact runs, scenario batches, large zone imports (REDIS_URL: the queue; DATABASE_URL: the shared PostgreSQL store; WORKERS threads)',
    )
    .action(async () => {
      try {
        await runWorker();
      } catch (err) {
        const unavailable = err instanceof RedisUnavailableError || err instanceof PostgresUnavailableError;
        if (!(err instanceof WorkerSetupError) && !unavailable) throw err;
        process.stderr.write(`sua-sandbox worker: ${err.message}\n`);
        process.exitCode = unavailable ? 1 : 2;
      }
    });
}
