import path from 'node:path';
import { z } from 'zod';
import { BUDGET_NAMES, BUDGET_SPECS, type Budgets } from './budgets.js';
import { type ClusterConfig, ClusterEnv, clusterConfig } from './cluster/config.js';
import { parseTrustProxy, type TrustProxy } from './http/client-address.js';
import { type MonitorSharding, MonitorShardsEnv, monitorSharding } from './monitor-shards/config.js';
import { type RealtimeBudgetOverrides, realtimeBudgetsFromEnv } from './realtime/budgets.js';

/** An unset or empty variable takes the default (an empty PORT must not coerce to 0). */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

export const DEFAULT_PORT = 8080;
const MAX_WORKERS = 64;

/**
 * Environment the server reads (only main.ts calls this):
 * - PORT (default 8080; 0 picks a free port), HOST (default 127.0.0.1; 0.0.0.0 to serve the network)
 * - DATA_DIR (default ./data): holds the SQLite file sua-sandbox.db (created on first start)
 * - DB_FILE: overrides the database file path
 * - DATABASE_URL: postgres://… to keep the data in PostgreSQL instead of the SQLite file (store/postgres)
 * - LOG_LEVEL: fatal | error | warn | info (default) | debug | trace | silent
 * - CLIENT_DIR (default client/dist): the built map client, served when present
 * - WORKERS (default 1): worker threads for imports and checks; 0 runs them on the main thread
 * - COOKIE_SECURE (default 0): 1 marks the session cookie Secure on plain-http requests too (TLS at a proxy)
 * - RATE_LIMIT_ANONYMOUS (default 60), RATE_LIMIT_USER (default 600): writes and checks a minute per address
 *   (anonymous) and per account; 0 turns the limit off
 * - BUDGET_* (budgets.ts): each a positive integer up to its hard maximum
 * - ALLOWED_ORIGINS: comma-separated origins (https://example.org) whose pages may also send state-changing
 *   requests and open sockets; this server's own origin always may
 * - SERVE_SOURCE_MAPS (default 0): 1 serves the client's *.map files (development)
 * - TRUST_PROXY (default 0): behind a load balancer, which hops may name the client in X-Forwarded-For: a hop
 *   count (1) or addresses/subnets (10.0.0.0/8,loopback); per-address limits then key on the real client
 * - REDIS_URL, REDIS_PREFIX, CLUSTER_LEASE_MS, NODE_ID: a cluster of nodes (cluster/config.ts)
 * - MONITOR_SHARDS (default 1), MONITOR_SHARD_MIN_AIRCRAFT (default 2000), MONITOR_SHARDED_SESSIONS (default 2):
 *   live sessions of at least that many aircraft judged by that many shard threads, at most that many sessions
 *   at once; MONITOR_SHARD_PROCESSES=1 (with REDIS_URL): the shards in `sua-sandbox monitor-shard` processes
 *   (monitor-shards/config.ts)
 */
export const EnvConfig = z.object({
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT)),
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./data')),
  DB_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/./, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  CLIENT_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  WORKERS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(MAX_WORKERS).default(1)),
  COOKIE_SECURE: z.preprocess(unsetIfEmpty, z.enum(['0', '1', 'true', 'false']).default('0')),
  RATE_LIMIT_ANONYMOUS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(1_000_000).default(60)),
  RATE_LIMIT_USER: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(1_000_000).default(600)),
  ALLOWED_ORIGINS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((s) => s.split(',').map((o) => o.trim()))
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin is scheme://host[:port], no path')))
      .default([]),
  ),
  SERVE_SOURCE_MAPS: z.preprocess(unsetIfEmpty, z.enum(['0', '1']).default('0')),
  TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('0')
      .transform((s, ctx) => {
        try {
          return parseTrustProxy(s);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
          return z.NEVER;
        }
      }),
  ),
});

/** One optional variable per budget, bounded by its hard maximum (budgets.ts). */
const BudgetEnv = z.object(
  Object.fromEntries(
    BUDGET_NAMES.map((name) => {
      const spec = BUDGET_SPECS[name];
      const number = z.coerce
        .number()
        .int()
        .positive()
        .max(spec.max, `must be at most ${spec.max} (hard maximum for ${spec.label})`);
      return [spec.env, z.preprocess(unsetIfEmpty, number.optional())];
    }),
  ),
);

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  /** set: the PostgreSQL store instead of the SQLite file */
  databaseUrl: string | undefined;
  logLevel: z.infer<typeof EnvConfig>['LOG_LEVEL'];
  clientDir: string;
  /** worker threads for heavy tasks; 0: run them on the main thread */
  workers: number;
  /** the session cookie is Secure even on plain-http requests (TLS terminated at a proxy) */
  secureCookies: boolean;
  /** writes and checks a minute (auth/request-limiter.ts); 0: no limit */
  rateLimits: { anonymousPerMinute: number; userPerMinute: number };
  budgets: Budgets;
  /** live-side budgets (realtime/budgets.ts: BUDGET_EVENTS_*, BUDGET_SESSIONS_*, BUDGET_TELEMETRY_* …) */
  realtimeBudgets: RealtimeBudgetOverrides;
  /** other origins whose pages may write and open sockets (http/security.ts) */
  allowedOrigins: string[];
  serveSourceMaps: boolean;
  /** which proxies' X-Forwarded-For names the client (http/client-address.ts) */
  trustProxy: TrustProxy;
  /** set (REDIS_URL): this process is one node of a cluster (server/src/cluster) */
  cluster: ClusterConfig | undefined;
  /** live sessions whose monitor runs on shard threads (MONITOR_SHARDS above 1) */
  monitorSharding: MonitorSharding;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const parsed = EnvConfig.safeParse(env);
  const budgetEnv = BudgetEnv.safeParse(env);
  const clusterEnv = ClusterEnv.safeParse(env);
  const shardsEnv = MonitorShardsEnv.safeParse(env);
  if (!parsed.success || !budgetEnv.success || !clusterEnv.success || !shardsEnv.success) {
    const issues = [
      ...(parsed.error?.issues ?? []),
      ...(budgetEnv.error?.issues ?? []),
      ...(clusterEnv.error?.issues ?? []),
      ...(shardsEnv.error?.issues ?? []),
    ];
    const lines = issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  let realtimeBudgets: RealtimeBudgetOverrides;
  try {
    realtimeBudgets = realtimeBudgetsFromEnv(env);
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  ${err instanceof Error ? err.message : String(err)}`);
  }
  const sharding = monitorSharding(shardsEnv.data);
  if (sharding.processes && !clusterEnv.data.REDIS_URL)
    throw new ConfigError(
      'invalid configuration:\n  MONITOR_SHARD_PROCESSES: shard processes are reached over Redis: set REDIS_URL too',
    );
  const c = parsed.data;
  const fromEnv = budgetEnv.data as Record<string, number | undefined>;
  const budgets = Object.fromEntries(
    BUDGET_NAMES.map((name) => [name, fromEnv[BUDGET_SPECS[name].env] ?? BUDGET_SPECS[name].default]),
  ) as Budgets;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    dbFile: c.DB_FILE ? path.resolve(c.DB_FILE) : path.join(dataDir, 'sua-sandbox.db'),
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    clientDir: c.CLIENT_DIR ? path.resolve(c.CLIENT_DIR) : path.join(repoRoot, 'client', 'dist'),
    workers: c.WORKERS,
    secureCookies: c.COOKIE_SECURE === '1' || c.COOKIE_SECURE === 'true',
    rateLimits: { anonymousPerMinute: c.RATE_LIMIT_ANONYMOUS, userPerMinute: c.RATE_LIMIT_USER },
    budgets,
    realtimeBudgets,
    allowedOrigins: c.ALLOWED_ORIGINS,
    serveSourceMaps: c.SERVE_SOURCE_MAPS === '1',
    trustProxy: c.TRUST_PROXY,
    cluster: clusterConfig(clusterEnv.data),
    monitorSharding: sharding,
  };
}
