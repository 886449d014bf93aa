import { Command } from 'commander';
import { modulesFor, registerCommands } from './commands/index.js';

/**
 * `sua-sandbox` CLI. Exit codes: 0 success / compliant, 1 not compliant, 2 bad input (message names the field).
 */
const program = new Command()
  .name('sua-sandbox')
  .description('Hong Kong SUA regulatory sandbox: check flight plans against Cap. 448G, diff rulebooks, run scenarios')
  .showHelpAfterError()
  .exitOverride();

await registerCommands(program, modulesFor(process.argv.slice(2)));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const code = (err as { exitCode?: number }).exitCode;
  // commander reports usage errors (unknown option, missing argument) with its own exit code: map to 2.
  if (typeof code === 'number') process.exit(code === 0 ? 0 : 2);
  throw err;
}
