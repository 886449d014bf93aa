import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { IMPACT_QUEUE } from '../../server/src/jobs-queue/messages.js';
import { probeRedis } from '../../server/src/jobs-queue/redis.js';
import { type CliProcess, type MainProcess, startCliCommand } from '../jobs/main-process.js';
import { defaultCredentials } from '../server/helpers.js';
import { probePostgres } from '../store/backends.js';

/** The machine's Redis (TEST_REDIS_URL overrides). These tests need it: they fail, never skip, without it. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Throws, naming what did not answer, unless Redis and PostgreSQL both do. */
export async function requireRedisAndPostgres(): Promise<void> {
  try {
    await probeRedis(REDIS_URL, 3_000);
  } catch (err) {
    throw new Error(
      `the job-queue tests need Redis (TEST_REDIS_URL, default ${REDIS_URL}): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const pg = await probePostgres();
  if (pg) throw new Error(`the job-queue tests need PostgreSQL (TEST_DATABASE_URL): ${pg}`);
}

/** A queue prefix of this test run's own, and its removal (every key under it) after. */
export function testQueuePrefix() {
  const prefix = `sua-test-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    async obliterate() {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      try {
        const queue = new Queue(IMPACT_QUEUE, { connection, prefix });
        await queue.obliterate({ force: true });
        await queue.close();
        let cursor = '0';
        do {
          const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length) await connection.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        connection.disconnect();
      }
    },
  };
}

export type WorkerProcess = CliProcess;

/** `node --import tsx server/src/cli/main.ts worker`, as `sua-sandbox worker` runs it. */
export function startWorker(env: Record<string, string | undefined>): WorkerProcess {
  return startCliCommand('worker', env, 'impact worker ready');
}

/** SIGTERM to a server process: it must hand its work back and exit 0 (its output shown when not). */
export async function stopMain(m: MainProcess): Promise<void> {
  m.child.kill('SIGTERM');
  const code = await m.exited;
  expect(code, `the server exited ${code} on SIGTERM:\n${m.output().slice(-3000)}${m.errors().slice(-2000)}`).toBe(0);
}

export const jobFinished = (j: { status: string }) => j.status === 'done' || j.status === 'failed';

export interface JobProgressEvent {
  jobId: string;
  done: number;
  total: number;
}

/** A requester following a job over socket.io on `url`: every `job:progress` kept, `job:done` as a promise. */
export async function followJob<D>(url: string, jobId: string) {
  const socket: Socket = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: defaultCredentials(url),
  });
  const progress: JobProgressEvent[] = [];
  socket.on('job:progress', (p: JobProgressEvent) => progress.push(p));
  const done = new Promise<D>((resolve) => socket.on('job:done', resolve));
  expect(await socket.emitWithAck('job:subscribe', { jobId })).toMatchObject({ ok: true });
  return { socket, progress, done };
}
