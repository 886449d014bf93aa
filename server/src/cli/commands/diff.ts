import { diffRulebooks, type RulebookChange } from '@sua-sandbox/rules/engine';
import { messageText } from '@sua-sandbox/rules/messages';
import type { Provision } from '@sua-sandbox/rules/model';
import type { Command } from 'commander';
import { loadBuiltinRulebooks, resolveRulebookRef } from '../../data/rulebooks.js';

function cite(p: Provision): string {
  return `${p.instrument} ${p.section ?? p.document ?? ''}${p.secondary ? ' [secondary]' : ''} <${p.url}>`;
}

export function formatChanges(a: string, b: string, changes: readonly RulebookChange[]): string {
  const out = [`${changes.length} difference${changes.length === 1 ? '' : 's'} from ${a} to ${b}:`];
  for (const c of changes) out.push(`  - [${c.kind}] ${messageText(c, 'en', c.summary)}`, `      ${cite(c.citation)}`);
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('diff')
    .description('list every difference between two rulebooks, with citations (b may be a draft file)')
    .argument('<a>', 'rulebook id or file')
    .argument('<b>', 'rulebook id, rulebook file or draft file')
    .option('--json', 'print the differences as JSON')
    .action((aRef: string, bRef: string, opts: { json?: boolean }) => {
      try {
        const builtins = loadBuiltinRulebooks();
        const a = resolveRulebookRef(aRef, builtins);
        const b = resolveRulebookRef(bRef, builtins, [a]);
        const changes = diffRulebooks(a, b);
        process.stdout.write(`${opts.json ? JSON.stringify(changes, null, 2) : formatChanges(a.id, b.id, changes)}\n`);
      } catch (err) {
        if (!(err instanceof Error) || !['DataFileError', 'RulebookRefError'].includes(err.name)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
