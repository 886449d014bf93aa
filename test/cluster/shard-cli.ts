import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../server/helpers.js';
import { REDIS_URL } from './nodes.js';

export interface ShardCli {
  child: ChildProcess;
  exited: Promise<number | null>;
  ready: Promise<void>;
  output(): string;
}

/** `node --import tsx server/src/cli/main.ts monitor-shard`, as `sua-sandbox monitor-shard` runs it. */
export function startShardCli(prefix: string): ShardCli {
  const main = path.join(repoRoot, 'server/src/cli/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'monitor-shard'], {
    cwd: repoRoot,
    env: { ...process.env, REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('monitor shard ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then((code) => reject(new Error(`monitor-shard exited ${code} before it was ready: ${out}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => out };
}
