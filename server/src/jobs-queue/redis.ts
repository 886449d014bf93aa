import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { describeRedisUrl } from './config.js';

export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`${describeRedisUrl(url)} did not answer: ${why}`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

/** The URL as ioredis options (redis[s]://[user[:password]@]host[:port][/db]). */
export function redisOptionsOf(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(db && { db: Number(db) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
  };
}

/**
 * Connection options for BullMQ, which opens and closes its own connections. Blocking ones (workers, queue
 * events) retry every command until Redis is back; the producer's fail fast, so a request that cannot queue a
 * job is answered at once.
 */
export function redisConnection(url: string, opts: { blocking: boolean }): RedisOptions {
  const base = redisOptionsOf(url);
  return opts.blocking
    ? { ...base, maxRetriesPerRequest: null }
    : { ...base, maxRetriesPerRequest: 1, connectTimeout: 5_000 };
}

/** Connects and pings within `timeoutMs`, or throws RedisUnavailableError naming the host (never the password). */
export async function probeRedis(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new RedisUnavailableError(url, err);
  } finally {
    client.disconnect();
  }
}
