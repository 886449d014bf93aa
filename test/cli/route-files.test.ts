import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../rules/src/model/index.js';
import { loadGroundModel } from '../../server/src/data/terrain.js';
import { call, sharedData, startServer, type TestServer, tempDir } from '../server/helpers.js';
import { type CliResult, REPO, runAll, runCli } from './run-cli.js';

const PROFILE = 'scenarios/profiles/a2-hobbyist.json';
const profile = JSON.parse(readFileSync(join(REPO, PROFILE), 'utf8')) as Record<string, unknown>;
const { $schema: _s, importOptions, ...template } = profile;
const tmp = tempDir('sua-cli-routes-');

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const schema = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(join(REPO, `schemas/${name}.schema.json`), 'utf8')));
const validateReport = schema('Report');

/** Every route file in ../shared/data (see its SOURCES.md). */
const shared = ['qgc', 'kml', 'gpx'].flatMap((dir) =>
  readdirSync(sharedData(dir))
    .filter((f) => /\.(plan|kml|kmz|gpx)$/.test(f))
    .map((f) => sharedData(dir, f)),
);

/** Route files written here, in Hong Kong (Pak Tam Chung), one per format. */
const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Loop</name><LineString>
<altitudeMode>relativeToGround</altitudeMode>
<coordinates>114.3225,22.3985,40 114.3262,22.4003,60 114.329,22.3978,60 114.3225,22.3985,40</coordinates>
</LineString></Placemark></Document></kml>`;
const GPX = `<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>log</name><trkseg>
<trkpt lat="22.3985" lon="114.3225"><ele>40</ele><time>2026-03-14T02:00:00Z</time></trkpt>
<trkpt lat="22.4003" lon="114.3262"><ele>80</ele><time>2026-03-14T02:01:00Z</time></trkpt>
<trkpt lat="22.3978" lon="114.3290"><ele>80</ele><time>2026-03-14T02:02:00Z</time></trkpt>
</trkseg></trk></gpx>`;
const qgcItem = (seq: number, command: number, lat: number, lon: number, alt: number) => ({
  type: 'SimpleItem',
  doJumpId: seq,
  autoContinue: true,
  command,
  frame: 3,
  params: [0, 0, 0, null, lat, lon, alt],
  AltitudeMode: 1,
  Altitude: alt,
  AMSLAltAboveTerrain: null,
});
const QGC_HK = {
  fileType: 'Plan',
  version: 1,
  groundStation: 'QGroundControl',
  mission: {
    version: 2,
    firmwareType: 12,
    vehicleType: 2,
    hoverSpeed: 5,
    cruiseSpeed: 15,
    globalPlanAltitudeMode: 1,
    plannedHomePosition: [22.3985, 114.3225, 10],
    items: [
      qgcItem(1, 22, 22.3985, 114.3225, 30),
      qgcItem(2, 16, 22.4003, 114.3262, 60),
      qgcItem(3, 16, 22.3978, 114.329, 60),
      qgcItem(4, 21, 22.3985, 114.3225, 0),
    ],
  },
  geoFence: { version: 2, polygons: [], circles: [] },
  rallyPoints: { version: 2, points: [] },
};
const WAYLINES = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.2"><Document>
  <Folder><wpml:executeHeightMode>relativeToStartPoint</wpml:executeHeightMode><wpml:autoFlightSpeed>7</wpml:autoFlightSpeed>
    <Placemark><Point><coordinates>114.3225,22.3985</coordinates></Point><wpml:index>0</wpml:index><wpml:executeHeight>50</wpml:executeHeight></Placemark>
    <Placemark><Point><coordinates>114.3262,22.4003</coordinates></Point><wpml:index>1</wpml:index><wpml:executeHeight>60</wpml:executeHeight></Placemark>
  </Folder></Document></kml>`;

const written: [string, string | Uint8Array][] = [
  ['loop.kml', KML],
  ['log.gpx', GPX],
  ['mission.plan', JSON.stringify(QGC_HK)],
  [
    'route.geojson',
    JSON.stringify({
      type: 'LineString',
      coordinates: [
        [114.3225, 22.3985, 30],
        [114.3262, 22.4003, 50],
      ],
    }),
  ],
  ['dji.kmz', zipSync({ 'wpmz/template.kml': strToU8('<kml/>'), 'wpmz/waylines.wpml': strToU8(WAYLINES) })],
];
for (const [name, content] of written) writeFileSync(join(tmp, name), content);
const files = [...shared, ...written.map(([name]) => join(tmp, name))];

interface CliJson {
  import: { format: string; warnings: string[] };
  report: Report;
}

let s: TestServer;
let results: CliResult[] = [];
beforeAll(async () => {
  // the ground model the real server (server/src/main.ts) and the CLI use
  s = await startServer({ deps: { elevation: loadGroundModel('terrain') } });
  results = await runAll(files.map((f) => ['check', f, '--profile', PROFILE, '--json']));
}, 240_000);
afterAll(() => s?.close());

/** The API's report for the same file: POST /api/plans (multipart: file, template, options), then check it. */
async function apiReport(file: string): Promise<{ report: unknown; warnings: string[] }> {
  const form = new FormData();
  form.set('template', JSON.stringify(template));
  form.set('options', JSON.stringify(importOptions));
  form.set('file', new Blob([readFileSync(file)]), file.split('/').at(-1));
  const stored = await call<{ id: string; warnings: string[] }>(s.url, 'POST', '/api/plans', { raw: form });
  expect(stored.status, stored.text).toBe(201);
  const checked = await call(s.url, 'POST', `/api/plans/${stored.body.id}/check`);
  expect(checked.status, checked.text).toBe(200);
  return { report: checked.body, warnings: stored.body.warnings };
}

describe('sua-sandbox check <route file> --profile <profile> --json', () => {
  it('the example profiles validate against schemas/PlanProfile.schema.json', () => {
    const validate = schema('PlanProfile');
    for (const f of readdirSync(join(REPO, 'scenarios/profiles'))) {
      const ok = validate(JSON.parse(readFileSync(join(REPO, 'scenarios/profiles', f), 'utf8')));
      expect(ok, `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it.each(files.map((f, i) => [f.replace(/^.*\/(shared\/data|sua-cli-routes-\w+)\//, ''), i]))(
    '%s: the report equals the API report; import warnings on stderr and in the JSON',
    async (_name, i) => {
      const r = results[i];
      expect([0, 1], r.stderr).toContain(r.code);
      const out = JSON.parse(r.stdout) as CliJson;
      expect(validateReport(out.report), ajv.errorsText(validateReport.errors)).toBe(true);
      expect(r.code).toBe(out.report.verdict === 'compliant' ? 0 : 1);
      const stderrWarnings = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('warning: '))
        .map((l) => l.slice(`warning: ${files[i]}: `.length));
      expect(stderrWarnings).toEqual(out.import.warnings);
      const api = await apiReport(files[i]);
      expect(out.report).toEqual(api.report);
      expect(out.import.warnings).toEqual(api.warnings);
    },
    60_000,
  );

  it('the formats are detected by content, whatever the file is called', async () => {
    const formats = files.map((_f, i) => (JSON.parse(results[i].stdout) as CliJson).import.format);
    expect(new Set(formats)).toEqual(new Set(['qgc', 'kml', 'gpx', 'kmz', 'geojson']));
    const renamed = join(tmp, 'route.txt');
    writeFileSync(renamed, GPX);
    const r = await runCli(['check', renamed, '--profile', PROFILE, '--json']);
    expect((JSON.parse(r.stdout) as CliJson).import.format).toBe('gpx');
  });
});

describe('route-file flags', () => {
  const loop = join(tmp, 'loop.kml');
  it('--start and --speed override the profile', async () => {
    // 200 m above ground: a height finding, which carries its time
    const high = join(tmp, 'high.kml');
    writeFileSync(high, KML.replaceAll(',60 ', ',200 '));
    const r = await runCli(['check', high, '--profile', PROFILE, '--json', '--start', '2026-07-01T08:00:00+08:00']);
    const out = JSON.parse(r.stdout) as CliJson;
    const times = out.report.findings.flatMap((f) => (f.where ? [f.where.time] : []));
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t.startsWith('2026-07-01')).toBe(true);
    const slow = await runCli(['check', loop, '--profile', PROFILE, '--json', '--speed', '2m/s']);
    expect((JSON.parse(slow.stdout) as CliJson).import.warnings.join('\n')).toMatch(/default 2 m\/s/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a route file without --profile', ['check', loop], /give --profile/],
    [
      'a plan JSON with --profile',
      ['check', 'scenarios/plans/a1-mini-drone.json', '--profile', PROFILE],
      /--profile: .* is a flight plan JSON/,
    ],
    ['a bad --speed', ['check', loop, '--profile', PROFILE, '--speed', 'fast'], /--speed: "fast"/],
    ['a bad --start', ['check', loop, '--profile', PROFILE, '--start', '2026-07-01'], /--start: "2026-07-01"/],
    ['a bad --altitude-ref', ['check', loop, '--profile', PROFILE, '--altitude-ref', 'MSL'], /--altitude-ref: "MSL"/],
  ];
  it.each(bad)('%s exits 2 naming the option', async (_what, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a profile field that is wrong or missing exits 2 naming it', async () => {
    const wrong = join(tmp, 'wrong-profile.json');
    writeFileSync(wrong, JSON.stringify({ ...profile, pilot: { age: -1, registered: true, advancedRating: false } }));
    const r = await runCli(['check', loop, '--profile', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile .*wrong-profile\.json: invalid profile\n\s+pilot\.age/);
    const { start: _start, ...noStart } = profile;
    const undated = join(tmp, 'undated-profile.json');
    writeFileSync(undated, JSON.stringify(noStart));
    const r2 = await runCli(['check', loop, '--profile', undated]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/start: missing; give it in the profile or with --start/);
    const typo = join(tmp, 'typo-profile.json');
    writeFileSync(typo, JSON.stringify({ ...profile, importOption: importOptions }));
    const r3 = await runCli(['check', loop, '--profile', typo]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/Unrecognized key: "importOption"/);
  });

  it('a file the importers cannot read exits 2 naming the item and field', async () => {
    const broken = join(tmp, 'broken.gpx');
    writeFileSync(broken, GPX.replace('lat="22.4003"', 'lat="north"'));
    const r = await runCli(['check', broken, '--profile', PROFILE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.gpx: could not import broken\.gpx: gpx: trk\[0\]\.trkseg\[0\]\.trkpt\[1\]/);
  });
});
