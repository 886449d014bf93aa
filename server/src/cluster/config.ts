import { hostname } from 'node:os';
import { z } from 'zod';

const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

/**
 * Environment of a cluster node (read by config.ts, only when REDIS_URL is set):
 * - REDIS_URL: redis://host:port[/db] — socket.io rooms across nodes, session leases and checkpoints
 * - REDIS_PREFIX (default `sua:`): prefix of every key and channel, so several deployments can share one Redis
 * - CLUSTER_LEASE_MS (default 2000): a session's lease; a dead node's sessions move after at most this long
 * - NODE_ID (default host-pid): this node's name in leases and logs
 */
export const ClusterEnv = z.object({
  REDIS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'letters, digits and _ : . - only (at most 64)')
      .default('sua:'),
  ),
  CLUSTER_LEASE_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(500).max(60_000).default(2000)),
  NODE_ID: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'letters, digits and _ . - only (at most 64)')
      .optional(),
  ),
});

export interface ClusterConfig {
  redisUrl: string;
  /** prefix of every Redis key and channel of this deployment */
  prefix: string;
  leaseMs: number;
  nodeId: string;
}

/** The cluster settings, or undefined without REDIS_URL (one process, as `npm start`). */
export function clusterConfig(env: z.infer<typeof ClusterEnv>): ClusterConfig | undefined {
  if (!env.REDIS_URL) return undefined;
  return {
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    leaseMs: env.CLUSTER_LEASE_MS,
    nodeId: env.NODE_ID ?? `${hostname()}-${process.pid}`,
  };
}
