/** What a cluster node says of itself for `GET /api/ready` (the readiness operation in rules/src/api/meta.ts). */
export interface Readiness {
  redis: 'ok' | 'unreachable';
  node: string;
  /** sessions this node simulates */
  sessions: string[];
  /** with MONITOR_SHARDS above 1: spare monitor shard threads loaded and waiting, and how many it keeps */
  shardThreads?: { waiting: number; target: number };
}
