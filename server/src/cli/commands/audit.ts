import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config.js';
import { verifyAuditChain } from '../../services/audit-verify.js';
import { openConfiguredStore } from '../../store/open.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

/**
 * `sua-sandbox audit verify`: recomputes the audit log's hash chain in the store the environment names
 * (DATA_DIR / DB_FILE, or DATABASE_URL). Exit 0 intact, 1 broken (the first bad entry named), 2 bad configuration.
 */
export function register(program: Command): void {
  const audit = program.command('audit').description("the audit log's tamper-evident hash chain");
  audit
    .command('verify')
    .description('recompute every link of the audit chain; prints the head hash to keep elsewhere')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig(process.env, repoRoot);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`sua-sandbox: ${err.message}\n`);
        process.exit(2);
      }
      const store = await openConfiguredStore(config);
      try {
        const result = await verifyAuditChain(store.audit);
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else if (result.ok)
          process.stdout.write(`audit chain intact: ${result.entries} entries; head ${result.head ?? '(empty log)'}\n`);
        else
          process.stdout.write(
            `audit chain BROKEN at entry ${result.broken?.id}: ${result.broken?.reason}\n` +
              `(${result.entries} entries read; the chain was intact up to hash ${result.head ?? '(none)'})\n`,
          );
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    });
}
