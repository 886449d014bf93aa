import type { ServerConfig } from '../config.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

/**
 * The store the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. The
 * PostgreSQL store (and `pg`) is loaded only when named: an embedded server does not pay for it at start.
 */
export async function openConfiguredStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'dbFile'>,
  onResumeLock?: (held: boolean) => void,
): Promise<Store> {
  if (!config.databaseUrl) return openSqliteStore({ file: config.dbFile });
  const { openPostgresStore } = await import('./postgres/index.js');
  return openPostgresStore({ url: config.databaseUrl, onResumeLock });
}
