import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What a process loads at start: the embedded server (`npm start`, no REDIS_URL, no DATABASE_URL) and the CLI's
 * `check` load no Redis client, job queue or PostgreSQL driver; those modules are imported when configured
 * (server/src/main.ts, store/open.ts, cli/commands/index.ts). Follows the static imports from an entry file:
 * `import type` and `import()` load nothing at start.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DISTRIBUTED = ['ioredis', 'bullmq', 'pg', '@socket.io/redis-adapter'];

function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*export\s+(?!type\s)(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s+)?from\s+['"]([^'"]+)['"]/gm))
    out.push(m[1]);
  return out;
}

/** The packages loaded at start from `entry` (relative to the repository), each with the file that imports it. */
function packagesAtStart(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(target)) visit(target);
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!packages.has(name)) packages.set(name, relative(ROOT, file));
    }
  };
  visit(join(ROOT, entry));
  return packages;
}

const distributedIn = (entry: string) =>
  [...packagesAtStart(entry)].filter(([name]) => DISTRIBUTED.includes(name)).map(([n, by]) => `${n} (${by})`);

describe('what starts without Redis or PostgreSQL', () => {
  it('the scanner finds the distributed packages where they are imported', () => {
    const names = (entry: string) => distributedIn(entry).map((p) => p.split(' ')[0]);
    expect(names('server/src/cluster/index.ts')).toEqual(
      expect.arrayContaining(['ioredis', '@socket.io/redis-adapter']),
    );
    expect(names('server/src/jobs-queue/index.ts')).toContain('bullmq');
    expect(names('server/src/store/postgres/index.ts')).toEqual(['pg']);
    expect(names('server/src/monitor-shards/redis-link.ts')).toEqual(['ioredis']);
  });

  it('the server entry (npm start) loads none of them at start', () => {
    expect(packagesAtStart('server/src/main.ts').has('express')).toBe(true);
    expect(distributedIn('server/src/main.ts')).toEqual([]);
  });

  it("the CLI's check command loads none of them, nor the password hasher", () => {
    const check = packagesAtStart('server/src/cli/commands/check.ts');
    expect(check.has('@sua-sandbox/rules')).toBe(true);
    expect(distributedIn('server/src/cli/commands/check.ts')).toEqual([]);
    expect(check.has('@node-rs/argon2')).toBe(false);
  });
});
