import type { Command } from 'commander';
import { register as registerAudit } from './audit.js';
import { register as registerCheck } from './check.js';
import { register as registerDiff } from './diff.js';
import { register as registerImpact } from './impact.js';
import { register as registerMonitorShard } from './monitor-shard.js';
import { register as registerRulebooks } from './rulebooks.js';
import { register as registerRun } from './run.js';
import { register as registerUsers } from './users.js';
import { register as registerWorker } from './worker.js';

/** Each command module exports `register(program)`; add one line here per command. */
export const commands: Array<(program: Command) => void> = [
  registerCheck,
  registerDiff,
  registerRulebooks,
  registerImpact,
  registerRun,
  registerUsers,
  registerAudit,
  registerWorker,
  registerMonitorShard,
];
