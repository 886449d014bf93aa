import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, defaultCredentials, repoRoot, startServer, type TestServer, tempDir } from './helpers.js';
import { generatePlans } from './plans.js';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'bin', 'sua-sandbox.js');
const cli = (args: string[]) => run(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });

let s: TestServer;
let corpusDir: string;
const plans = generatePlans(40, 3, { maxRouteM: 2000 });
beforeAll(async () => {
  s = await startServer();
  corpusDir = tempDir('sua-corpus-');
  // one plan per file, and the rest as one array file: both layouts are read
  for (const [i, p] of plans.slice(0, 10).entries())
    fs.writeFileSync(path.join(corpusDir, `p${String(i).padStart(2, '0')}.json`), JSON.stringify(p));
  fs.writeFileSync(path.join(corpusDir, 'rest.json'), JSON.stringify(plans.slice(10)));
});
afterAll(() => s.close());

describe('sua-sandbox impact', () => {
  it('prints the same totals as the API job for the same corpus (--json)', async () => {
    const { stdout, stderr } = await cli(['impact', 'a2-height-400ft', '--corpus', corpusDir, '--json']);
    const out = JSON.parse(stdout) as { summary: Record<string, unknown>; plans: unknown[] };
    expect(out.plans).toHaveLength(40);
    expect(stderr).toMatch(/100%\s+40\/40/);

    const start = await call<{ jobId: string }>(s.url, 'POST', '/api/impact', {
      json: { draft: 'a2-height-400ft', corpus: { plans } },
    });
    const socket = connect(s.url, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: defaultCredentials(s.url),
    });
    try {
      const done = new Promise<{ result: Record<string, unknown> }>((resolve) => socket.on('job:done', resolve));
      await socket.emitWithAck('job:subscribe', { jobId: start.body.jobId });
      const { result } = await done;
      const { durationMs: _a, ...api } = result;
      expect(out.summary).toEqual(api);
    } finally {
      socket.close();
    }
  }, 120_000);

  it('prints a per-rule table and the changed plans', async () => {
    const { stdout } = await cli(['impact', 'a2-height-400ft', '--corpus', corpusDir]);
    expect(stdout).toMatch(/^Draft: +a2-height-400ft/m);
    expect(stdout).toMatch(/Per rule:\n\s*rule\s+before\s+after\s+added\s+removed/);
    expect(stdout).toMatch(/Changed plans \(\d+\):/);
  }, 60_000);

  it('exits 2 with a message for an unknown draft or a missing corpus', async () => {
    await expect(cli(['impact', 'no-such-draft'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown draft "no-such-draft"/),
    });
    await expect(cli(['impact', 'a2-height-400ft', '--corpus', path.join(corpusDir, 'missing')])).rejects.toMatchObject(
      {
        code: 2,
        stderr: expect.stringMatching(/does not exist/),
      },
    );
    const badDraft = path.join(tempDir('sua-draft-'), 'bad.yaml');
    fs.writeFileSync(
      badDraft,
      'id: bad\ntitle: Bad\nbase: cap448g-2025\nchanges:\n  - op: withdraw-rule\n    rule: no.such.rule\n',
    );
    await expect(cli(['impact', badDraft])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/changes\[0\]/),
    });
  }, 60_000);
});
