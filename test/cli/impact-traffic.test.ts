import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../server/helpers.js';
import { createTrafficCorpus, HALVE_BUFFERS } from '../traffic/traffic-corpus.js';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'bin', 'sua-sandbox.js');
const cli = (args: string[]) => run(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });

function setup(changes: unknown[]) {
  const dir = tempDir('sua-traffic-');
  const corpus = path.join(dir, 'plans');
  fs.mkdirSync(corpus);
  fs.writeFileSync(path.join(corpus, 'deliveries.json'), JSON.stringify(createTrafficCorpus().map((p) => p.plan)));
  const draft = path.join(dir, 'halve.json');
  fs.writeFileSync(
    draft,
    JSON.stringify({ id: 'halve-route-buffer', title: 'Halve the route buffer', base: 'cap448g-2025', changes }),
  );
  return { corpus, draft };
}

describe('sua-sandbox impact with a traffic draft', () => {
  it('prints conflicts, delays and flights per hour per route before and after', async () => {
    const { corpus, draft } = setup(HALVE_BUFFERS);
    const { stdout } = await cli(['impact', draft, '--corpus', corpus]);
    expect(stdout).toMatch(
      /Traffic \(6 intents, 0 skipped; draft sets buffers\.lateralM, buffers\.timeBeforeS, buffers\.timeAfterS\):/,
    );
    expect(stdout).toMatch(/conflicts\s+5\s+0\s+-5/);
    expect(stdout).toMatch(/R-CYB-CCH flights\/h\s+4\s+5\s+\+1/);
    expect(stdout).toMatch(/R-NDH-LMC flights\/h\s+—\s+—\s+—/);
    const json = JSON.parse((await cli(['impact', draft, '--corpus', corpus, '--json'])).stdout) as {
      traffic: { delta: { conflicts: number } };
    };
    expect(json.traffic.delta.conflicts).toBe(-5);
  }, 120_000);

  it('refuses an invalid traffic parameter naming the field (exit 2)', async () => {
    const { corpus, draft } = setup([{ op: 'set-traffic-parameter', path: 'buffers.timeAfterS', value: 'long' }]);
    const err = await cli(['impact', draft, '--corpus', corpus]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toMatch(/traffic parameter "buffers\.timeAfterS"/);
  }, 120_000);
});
