import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/src/store/sqlite/index.js';
import { REPO, runAll } from '../cli/run-cli.js';
import { startServer, tempDir } from '../server/helpers.js';
import { signIn } from './helpers.js';

const dataDir = tempDir('sua-cli-users-');

/** The real CLI on this file's own data directory; `stdin` is piped in when given. */
function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/sua-sandbox.js', ...args],
      { cwd: REPO, env: { ...process.env, NO_COLOR: '1', DATA_DIR: dataDir, DATABASE_URL: '' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('sua-sandbox users / orgs', () => {
  it('adds a regulator with a generated password shown once, who can then sign in', async () => {
    const r = await cli(['users', 'add', 'Chan@CAD.gov.hk', '--role', 'regulator']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const password = /password \(shown once[^)]*\): (\S+)/.exec(r.stdout)?.[1];
    expect(password).toBeDefined();

    const list = await cli(['users', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ email: 'chan@cad.gov.hk', role: 'regulator' })]);
    expect(list.stdout).not.toContain(password);

    // the server on the same database accepts the printed password
    const store = await openSqliteStore({ file: path.join(dataDir, 'sua-sandbox.db') });
    const server = await startServer({ store, dir: dataDir });
    try {
      expect((await signIn(server.url, 'chan@cad.gov.hk', password ?? '')).reply.status).toBe(200);
      const audit = await store.audit.list({ entityType: 'user' });
      expect(audit[0].actor).toMatch(/^cli:/);
      expect(JSON.stringify(audit)).not.toContain(password);
    } finally {
      await server.close();
    }
  });

  it('adds an applicant of an operator organisation with a password from stdin', async () => {
    expect((await cli(['orgs', 'add', 'Sky Ops', '--kind', 'operator'])).code).toBe(0);
    const r = await cli(
      ['users', 'add', 'pilot@example.org', '--role', 'applicant', '--org', 'Sky Ops', '--password-stdin'],
      'a long enough password\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('shown once');
    expect(r.stdout).not.toContain('a long enough password');
    expect((await cli(['users', 'disable', 'PILOT@example.org'])).code).toBe(0);
    expect((await cli(['users', 'list'])).stdout).toMatch(/pilot@example\.org\s+applicant\s+\(disabled\)\s+Sky Ops\s/);
    const listed = JSON.parse((await cli(['users', 'list', '--json'])).stdout) as {
      email: string;
      organisation: unknown;
    }[];
    expect(listed.find((u) => u.email === 'pilot@example.org')?.organisation).toBe('Sky Ops');
  });

  it('exits 2 naming the field for bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['users', 'add', 'x@example.org', '--role', 'boss'], /--role/],
      [['users', 'add', 'not-an-email', '--role', 'viewer'], /EMAIL/],
      [['users', 'add', 'y@example.org', '--role', 'applicant'], /--org/],
      [['users', 'add', 'y@example.org', '--role', 'viewer', '--org', 'Nope'], /--org/],
      [['users', 'add', 'chan@cad.gov.hk', '--role', 'viewer'], /already exists/],
      [['users', 'disable', 'nobody@example.org'], /EMAIL/],
      [['orgs', 'add', 'Dept', '--kind', 'club'], /--kind/],
      [['users', 'add', 'z@example.org'], /--role/],
    ];
    // none of them stores anything, so they may run side by side (three at a time: nine in a row took 17 s here)
    const results = await runAll(
      cases.map(([args]) => args),
      3,
      (args) => cli(args),
    );
    cases.forEach(([args, message], i) => {
      expect(results[i].code, args.join(' ')).toBe(2);
      expect(results[i].stderr, args.join(' ')).toMatch(message);
    });
    const weak = await cli(['users', 'add', 'w@example.org', '--role', 'viewer', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/password/);
    // nothing stored: only the accounts of the tests above (and the test server's admin) are listed
    const emails = JSON.parse((await cli(['users', 'list', '--json'])).stdout).map((u: { email: string }) => u.email);
    expect(emails.filter((e: string) => !e.endsWith('@test.invalid')).sort()).toEqual([
      'chan@cad.gov.hk',
      'pilot@example.org',
    ]);
  }, 120_000);
});
