import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { type Ack, PROTOCOL_VERSION } from '../../rules/src/protocol/index.js';
import { type MainProcess, startMain } from '../jobs/main-process.js';
import { tempDir } from '../server/helpers.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Redis must answer: CI has it, so a missing Redis fails the test (with this message) instead of skipping it. */
export async function requireRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(
      `the cluster test needs Redis at ${REDIS_URL} (set REDIS_URL): ${err instanceof Error ? err.message : err}`,
    );
  }
  return redis;
}

/** A key prefix of its own for one test run, so runs never see each other's sessions. */
export const testPrefix = () => `sua:test:${randomBytes(4).toString('hex')}:`;

/** Delete every key of a test run. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export interface Node {
  name: string;
  main: MainProcess;
  url: string;
}

/** `server/src/main.ts` as a cluster node: its own SQLite data directory, the shared Redis and prefix. */
export async function startNode(name: string, prefix: string, env: Record<string, string> = {}): Promise<Node> {
  const main = startMain(tempDir(`sua-cluster-${name}-`), {
    REDIS_URL,
    REDIS_PREFIX: prefix,
    NODE_ID: name,
    WORKERS: '0',
    ...env,
  });
  return { name, main, url: await main.listening };
}

export type Client = Socket;

export async function client(url: string): Promise<Client> {
  const socket = connect(url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export async function request<T>(socket: Client, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Polls `done` every 50 ms for up to `ms`; the error names what never happened. */
export async function until(done: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
