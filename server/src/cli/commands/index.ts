import type { Command } from 'commander';

interface CommandModule {
  register(program: Command): void;
}

interface CommandEntry {
  /** the top-level commands the module registers (test/cli/command-modules.test.ts holds the two together) */
  names: readonly string[];
  load(): Promise<CommandModule>;
}

/**
 * One entry per command module; add one line here per module. A command line loads only the module of its command:
 * `check` then does not load the job queue's Redis client, the database drivers or the password hasher, which
 * took a third of its start-up CPU (2.6 s → 1.7 s of CPU for `check` on a plan).
 */
export const commandModules: readonly CommandEntry[] = [
  { names: ['check'], load: () => import('./check.js') },
  { names: ['diff'], load: () => import('./diff.js') },
  { names: ['rulebooks'], load: () => import('./rulebooks.js') },
  { names: ['impact'], load: () => import('./impact.js') },
  { names: ['run'], load: () => import('./run.js') },
  { names: ['users', 'orgs'], load: () => import('./users.js') },
  { names: ['audit'], load: () => import('./audit.js') },
  { names: ['worker'], load: () => import('./worker.js') },
  { names: ['monitor-shard'], load: () => import('./monitor-shard.js') },
];

/**
 * The modules a command line needs (`args` without node and the script): the one registering its command, or all
 * of them when the line starts with an option (`--help`), asks for `help`, or names no known command, so that
 * commander's help and its "unknown command" suggestions list every command.
 */
export function modulesFor(args: readonly string[]): readonly CommandEntry[] {
  const first = args[0];
  const own = commandModules.filter((m) => first !== undefined && m.names.includes(first));
  return own.length > 0 ? own : commandModules;
}

/** Registers the commands of the given modules on the program, in the order of `commandModules`. */
export async function registerCommands(program: Command, modules: readonly CommandEntry[]): Promise<void> {
  const loaded = await Promise.all(modules.map((m) => m.load()));
  for (const m of loaded) m.register(program);
}
