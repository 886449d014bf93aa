import type { Command } from 'commander';

/** Each command module exports `register(program)`; add one line here per command. */
export const commands: Array<(program: Command) => void> = [];
