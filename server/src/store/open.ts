import type { ServerConfig } from '../config.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

/** The store the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export function openConfiguredStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'dbFile'>,
  onResumeLock?: (held: boolean) => void,
): Promise<Store> {
  return config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl, onResumeLock })
    : openSqliteStore({ file: config.dbFile });
}
