import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadCatalogue } from './data/airspace.js';
import { loadBuiltinPermissions } from './data/permissions.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from './data/rulebooks.js';
import { loadScenarios } from './data/scenarios.js';
import { readExamplePlans } from './services/corpus.js';
import { openSqliteStore } from './store/sqlite/index.js';

/**
 * The one place that reads the environment (see config.ts for the variables and defaults: PORT 8080,
 * DATA_DIR ./data) and builds the real dependencies.
 */
const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, repoRoot);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`sua-sandbox: ${err.message}\n`);
  process.exit(2);
}

const logger = pino({ level: config.logLevel, base: { app: 'sua-sandbox' } });

async function start() {
  const store = await openSqliteStore({ file: config.dbFile });
  const app = await createApp({
    store,
    logger,
    catalogue: loadCatalogue(),
    rulebooks: loadBuiltinRulebooks(),
    drafts: loadBuiltinDrafts(),
    permissions: loadBuiltinPermissions(),
    scenarios: () => loadScenarios(),
    examplePlans: () => readExamplePlans(),
    clientDir: config.clientDir,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  app.http.on('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : err.message;
    logger.fatal({ err }, `cannot listen: ${why}`);
    process.exit(1);
  });
  app.http.listen(config.port, config.host, () => {
    const addr = app.http.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    logger.info({ db: config.dbFile }, `sua-sandbox listening on http://${host}:${port}/ (API docs: /api/docs)`);
  });
}

start().catch((err: unknown) => {
  logger.fatal({ err }, `sua-sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
