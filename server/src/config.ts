import path from 'node:path';
import { z } from 'zod';
import { BUDGET_NAMES, BUDGET_SPECS, type Budgets } from './budgets.js';
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
 * - BUDGET_* (budgets.ts): each a positive integer up to its hard maximum
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
  budgets: Budgets;
  /** live-side budgets (realtime/budgets.ts: BUDGET_EVENTS_*, BUDGET_SESSIONS_*, BUDGET_TELEMETRY_* …) */
  realtimeBudgets: RealtimeBudgetOverrides;
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
  if (!parsed.success || !budgetEnv.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(budgetEnv.error?.issues ?? [])];
    const lines = issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  let realtimeBudgets: RealtimeBudgetOverrides;
  try {
    realtimeBudgets = realtimeBudgetsFromEnv(env);
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  ${err instanceof Error ? err.message : String(err)}`);
  }
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
    budgets,
    realtimeBudgets,
  };
}
