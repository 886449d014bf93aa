import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Report } from '../../rules/src/model/index.js';
import { zurichPlan } from '../engine/zurich.js';
import { runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sua-jurisdiction-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = join(tmp, 'zurich.json');
writeFileSync(file, JSON.stringify(zurichPlan()));

describe('sua-sandbox check: a route in Zürich (issue 13 item 5)', () => {
  it('--json: the outside-Hong-Kong finding and nothing else; exit 1', async () => {
    const r = await runCli(['check', file, '--json']);
    expect(r.stderr).toBe('');
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.jurisdiction).toBe('outside');
    expect(report.findings.map((f) => f.code)).toEqual(['jurisdiction.outside']);
    expect(report.permissionsRequired).toEqual([]);
    expect(r.code).toBe(1);
  });
  it('text: says the route is wholly outside the HKSAR, with no Hong Kong findings', async () => {
    const r = await runCli(['check', file]);
    expect(r.stdout).toContain('Route:     wholly outside the HKSAR');
    expect(r.stdout).toContain('Findings (1)');
    expect(r.stdout).toContain('jurisdiction: The route never enters the HKSAR');
    const findings = r.stdout.slice(r.stdout.indexOf('Findings ('), r.stdout.indexOf('Assumptions:'));
    expect(findings).not.toMatch(/cross-boundary|night|advanced rating|registered/i);
    expect(r.stdout).not.toContain('CAD permission required for:');
  });
});
