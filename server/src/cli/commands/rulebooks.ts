import type { Command } from 'commander';
import { loadBuiltinRulebooks } from '../../data/rulebooks.js';

export function register(program: Command): void {
  program
    .command('rulebooks')
    .description('list the built-in rulebooks with their commencement dates')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      const books = loadBuiltinRulebooks().map((rb) => ({
        id: rb.id,
        title: rb.title,
        version: rb.version,
        status: rb.status,
        commencement: rb.commencement,
        fullEffect: rb.fullEffect,
        commencementNote: rb.commencementNote,
        rules: rb.rules.length,
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(books, null, 2)}\n`);
        return;
      }
      for (const b of books) {
        process.stdout.write(`${b.id}  v${b.version}  ${b.status}  in force from ${b.commencement}`);
        process.stdout.write(`${b.fullEffect ? ` (full effect ${b.fullEffect})` : ''}  ${b.rules} rules\n`);
        process.stdout.write(`    ${b.title}\n`);
        if (b.commencementNote) process.stdout.write(`    ${b.commencementNote}\n`);
      }
    });
}
