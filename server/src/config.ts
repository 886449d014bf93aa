import path from 'node:path';
import { z } from 'zod';

/** An unset or empty variable takes the default (an empty PORT must not coerce to 0). */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

export const DEFAULT_PORT = 8080;

/**
 * Environment the server reads (only main.ts calls this):
 * - PORT (default 8080; 0 picks a free port), HOST (default 127.0.0.1; 0.0.0.0 to serve the network)
 * - DATA_DIR (default ./data): holds the SQLite file sua-sandbox.db (created on first start)
 * - DB_FILE: overrides the database file path
 * - LOG_LEVEL: fatal | error | warn | info (default) | debug | trace | silent
 * - CLIENT_DIR (default client/dist): the built map client, served when present
 */
export const EnvConfig = z.object({
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT)),
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./data')),
  DB_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  CLIENT_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  logLevel: z.infer<typeof EnvConfig>['LOG_LEVEL'];
  clientDir: string;
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
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    dbFile: c.DB_FILE ? path.resolve(c.DB_FILE) : path.join(dataDir, 'sua-sandbox.db'),
    logLevel: c.LOG_LEVEL,
    clientDir: c.CLIENT_DIR ? path.resolve(c.CLIENT_DIR) : path.join(repoRoot, 'client', 'dist'),
  };
}
