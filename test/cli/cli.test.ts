import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportZones } from '../../rules/src/airspace/formats/index.js';
import type { Report } from '../../rules/src/model/index.js';
import { squareZone } from '../engine/helpers.js';
import { type CliResult, REPO, runAll, runCli } from './run-cli.js';

const PLANS = join(REPO, 'scenarios/plans');
const planFiles = readdirSync(PLANS)
  .filter((f) => f.endsWith('.json'))
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'sua-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(REPO, 'schemas/Report.schema.json'), 'utf8')));

function parseReport(r: CliResult): Report {
  const json: unknown = JSON.parse(r.stdout);
  if (!validateReport(json))
    throw new Error(`report does not match the schema: ${ajv.errorsText(validateReport.errors)}`);
  return json as Report;
}

describe('sua-sandbox check <plan> --json', () => {
  let results: CliResult[] = [];
  beforeAll(async () => {
    results = await runAll(planFiles.map((f) => ['check', `scenarios/plans/${f}`, '--json']));
  }, 240_000);

  it.each(planFiles.map((f, i) => [f, i]))(
    '%s prints a report matching the Report schema; exit 0 iff compliant',
    (_f, i) => {
      const r = results[i];
      expect(r.stderr).toBe('');
      const report = parseReport(r);
      expect(r.code).toBe(report.verdict === 'compliant' ? 0 : 1);
      for (const f of report.findings) {
        expect(f.provision.url).toMatch(/^https:\/\//);
        expect(f.rulebookVersion).toMatch(/^cap448g-20\d\d@/);
      }
    },
  );
});

describe('sua-sandbox check: bad input exits 2 with a message naming the field', () => {
  const bad = (name: string, mutate: (plan: Record<string, unknown>) => unknown) => {
    const plan = JSON.parse(readFileSync(join(PLANS, 'country-park-hobbyist.json'), 'utf8'));
    const file = join(tmp, `${name}.json`);
    writeFileSync(file, JSON.stringify(mutate(plan) ?? plan));
    return file;
  };
  it('a latitude out of range (lon and lat swapped)', async () => {
    const file = bad('swapped', (p) => {
      const route = p.route as { coordinates: number[][] };
      route.coordinates[3] = [22.4, 114.2, 60];
    });
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('route.coordinates[3]: latitude 114.2 is out of range');
    expect(r.stdout).toBe('');
  });
  it('a missing field', async () => {
    const r = await runCli(['check', bad('no-pilot', (p) => ({ ...p, pilot: undefined }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pilot:');
  });
  it('a file that is not JSON, a file that does not exist, an unknown rulebook, a bad date', async () => {
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ nope');
    const good = 'scenarios/plans/a1-mini-drone.json';
    const [a, b, c, d, e] = await runAll([
      ['check', notJson],
      ['check', join(tmp, 'missing.json')],
      ['check', good, '--rulebook', 'cap448g-1999'],
      ['check', good, '--as-of', 'yesterday'],
      ['check', good, '--rulebook', 'cap448g-2022', '--as-of', '2023-01-01'],
    ]);
    expect([a.code, b.code, c.code, d.code, e.code]).toEqual([2, 2, 2, 2, 2]);
    expect(a.stderr).toContain('not valid JSON');
    expect(b.stderr).toContain('no such file (ENOENT)');
    expect(c.stderr).toContain('unknown rulebook "cap448g-1999"');
    expect(d.stderr).toContain('--as-of');
    expect(e.stderr).toContain('either --rulebook or --as-of');
  });
});

describe('sua-sandbox check: rulebook choice', () => {
  it('an ED-318 zone file given as the plan is told apart, with the option that takes it', async () => {
    const r = await runCli(['check', join(REPO, '../shared/data/ed318/examples/Example_Collection.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is an ED-318 zone file, not a route: give it as --zones Example_Collection\.json/);
  });

  it('--as-of picks the rulebook in force on that date', async () => {
    const plan = 'scenarios/plans/cross-boundary-shenzhen.json';
    const [before, after, none] = await runAll([
      ['check', plan, '--as-of', '2025-07-17', '--json'],
      ['check', plan, '--as-of', '2025-07-18', '--json'],
      ['check', plan, '--as-of', '2022-05-31'],
    ]);
    expect(parseReport(before).rulebook.id).toBe('cap448g-2022');
    expect(before.code).toBe(0);
    expect(parseReport(after).rulebook.id).toBe('cap448g-2025');
    expect(after.code).toBe(1);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no rulebook is in force on 2022-05-31');
  });
  it('a draft file can be used as the rulebook', async () => {
    const r = await runCli([
      'check',
      'scenarios/plans/kwun-tong-roof-inspection.json',
      '--rulebook',
      'rules/data/drafts/a2-height-400ft.yaml',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(parseReport(r).rulebook.id).toBe('a2-height-400ft');
  });
  it('--zones adds zones from a GeoJSON file', async () => {
    const plan = JSON.parse(readFileSync(join(PLANS, 'country-park-hobbyist.json'), 'utf8'));
    const [lon, lat] = plan.route.coordinates[2];
    const zones = join(tmp, 'tfr.geojson');
    writeFileSync(
      zones,
      JSON.stringify(exportZones([squareZone('tfr-test', 'restricted-flying-zone', [lon, lat], 200)], 'geojson')),
    );
    const r = await runCli(['check', 'scenarios/plans/country-park-hobbyist.json', '--zones', zones, '--json']);
    expect(r.code).toBe(1);
    const report = parseReport(r);
    expect(report.findings.find((f) => f.ruleId === 'rfz')?.zoneId).toBe('tfr-test');
  });
  it('prints a readable report with citations by default', async () => {
    const r = await runCli(['check', 'scenarios/plans/victoria-harbour-photo.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Verdict:   PERMISSION-REQUIRED');
    expect(r.stdout).toContain('Cap. 448G s.18');
    expect(r.stdout).toContain('CAD permission required for:');
  });
});

describe('sua-sandbox diff and rulebooks', () => {
  it('diff against the 400 ft draft shows exactly that change with its citation', async () => {
    const [text, json] = await runAll([
      ['diff', 'cap448g-2025', 'rules/data/drafts/a2-height-400ft.yaml'],
      ['diff', 'cap448g-2025', 'rules/data/drafts/a2-height-400ft.yaml', '--json'],
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1 difference from cap448g-2025 to a2-height-400ft');
    expect(text.stdout).toContain('op.height.a2: params.limit.value 300 → 400');
    expect(text.stdout).toContain('https://www.cad.gov.hk/english/sua_safetyreq_operatingreq.html');
    const changes = JSON.parse(json.stdout);
    expect(changes).toHaveLength(1);
  });
  it('diff 2022 → 2025 lists the amendment; an unknown rulebook exits 2', async () => {
    const [ok, bad] = await runAll([
      ['diff', 'cap448g-2022', 'cap448g-2025'],
      ['diff', 'cap448g-2022', 'cap448g-3000'],
    ]);
    expect(ok.stdout).toContain('Rule cross-boundary added');
    expect(ok.stdout).toContain('Rule category-c added');
    expect(bad.code).toBe(2);
  });
  it('rulebooks lists the rulebooks with their commencement dates', async () => {
    const r = await runCli(['rulebooks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cap448g-2022 .* in force from 2022-06-01 \(full effect 2022-12-01\)/);
    expect(r.stdout).toMatch(/cap448g-2025 .* in force from 2025-07-18/);
    expect(r.stdout).toContain('TARGET commencement');
  });
});
