import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandModules, modulesFor, registerCommands } from '../../server/src/cli/commands/index.js';

/**
 * The CLI loads only the module of the command it runs (server/src/cli/commands/index.ts): each entry's names
 * must be exactly the top-level commands its module registers, or a command would be missing when run.
 */
const topLevel = (program: Command) => program.commands.map((c) => c.name());

describe('CLI command modules', () => {
  it.each(commandModules.map((m) => [m.names.join(', '), m] as const))(
    '%s: the listed names are what the module registers',
    async (_n, entry) => {
      const program = new Command();
      await registerCommands(program, [entry]);
      expect(topLevel(program)).toEqual(entry.names);
    },
  );

  it('no two modules claim the same command', () => {
    const names = commandModules.flatMap((m) => m.names);
    expect(new Set(names).size).toBe(names.length);
  });

  it("a command line loads its command's module alone", () => {
    expect(modulesFor(['check', 'plan.json', '--json']).map((m) => m.names)).toEqual([['check']]);
    expect(modulesFor(['orgs', 'list']).map((m) => m.names)).toEqual([['users', 'orgs']]);
  });

  it('help, a leading option, an unknown command or none load every module (for the full list and suggestions)', () => {
    for (const args of [[], ['--help'], ['help', 'check'], ['chek', 'plan.json']])
      expect(modulesFor(args)).toBe(commandModules);
  });
});
