import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { LiveServer } from '../sockets/types.js';
import { LIST_TIMEOUT_MS } from './remote.js';

/**
 * The node's two Redis connections. `pub` carries the socket.io adapter's broadcasts and, on the same connection,
 * the session checkpoints: Redis runs one connection's commands in order, so a checkpoint (or a logged event) is
 * stored before any broadcast it covers is published. `sub` only listens (the adapter's channels).
 */
export interface ClusterRedis {
  pub: Redis;
  sub: Redis;
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
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 5000 });
  const sub = pub.duplicate();
  let started = false;
  let firstError: Error | undefined;
  const report = (err: Error) => {
    if (started) onError?.(err);
    else firstError ??= err;
  };
  pub.on('error', report);
  sub.on('error', report);
  try {
    await pub.connect();
    await sub.connect();
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    const why = (firstError ?? (err instanceof Error ? err : new Error(String(err)))).message;
    throw new Error(`cannot reach Redis at ${describeRedisUrl(url)} (REDIS_URL): ${why}`);
  }
  started = true;
  return {
    pub,
    sub,
    async ping() {
      try {
        return (await pub.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

/** Room broadcasts reach every node's sockets: the official Redis adapter over the node's connections. */
export function attachAdapter(io: LiveServer, redis: ClusterRedis, prefix: string): void {
  // requestsTimeout bounds the cluster's session list (remote.ts), the only request between nodes that waits
  io.adapter(createAdapter(redis.pub, redis.sub, { key: `${prefix}socket.io`, requestsTimeout: LIST_TIMEOUT_MS }));
}
