import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { LiveServer } from '../sockets/types.js';
import { LIST_TIMEOUT_MS } from './remote.js';

/**
 * The node's three Redis connections. `pub` carries the socket.io adapter's broadcasts and, on the same connection,
 * the session checkpoints: Redis runs one connection's commands in order, so a checkpoint (or a logged event) is
 * stored before any broadcast it covers is published. `leases` carries only the leases: the first ticks of a large
 * session log thousands of events on `pub`, and renewals queued behind them lapsed (a healthy session handed to
 * another node). `sub` only listens (the adapter's channels).
 */
export interface ClusterRedis {
  pub: Redis;
  sub: Redis;
  leases: Redis;
  /** Redis answers (readiness) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Redis's address without credentials, for logs and errors. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}

/**
 * Connects both clients; rejects with a clear message when Redis does not answer. Later connection errors (ioredis
 * reconnects by itself) go to `onError`.
 */
export async function connectRedis(url: string, onError?: (err: Error) => void): Promise<ClusterRedis> {
  // Fail fast at start; once running, commands wait while ioredis reconnects.
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 5000 };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  const leases = new Redis(url, options);
  let started = false;
  let firstError: Error | undefined;
  const report = (err: Error) => {
    if (started) onError?.(err);
    else firstError ??= err;
  };
  const all = [pub, sub, leases];
  for (const c of all) c.on('error', report);
  try {
    for (const c of all) await c.connect();
  } catch (err) {
    for (const c of all) c.disconnect();
    const why = (firstError ?? (err instanceof Error ? err : new Error(String(err)))).message;
    throw new Error(`cannot reach Redis at ${describeRedisUrl(url)} (REDIS_URL): ${why}`);
  }
  started = true;
  return {
    pub,
    sub,
    leases,
    async ping() {
      try {
        return (await pub.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled(all.map((c) => c.quit()));
    },
  };
}

/** Room broadcasts reach every node's sockets: the official Redis adapter over the node's connections. */
export function attachAdapter(io: LiveServer, redis: ClusterRedis, prefix: string): void {
  // requestsTimeout bounds the cluster's session list (remote.ts), the only request between nodes that waits
  io.adapter(createAdapter(redis.pub, redis.sub, { key: `${prefix}socket.io`, requestsTimeout: LIST_TIMEOUT_MS }));
}
