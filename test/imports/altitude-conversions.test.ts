import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assumption } from '../../rules/src/engine/messages.js';
import { type GroundLookup, importRoute } from '../../rules/src/imports/index.js';
import type { AltitudeConversion, Report } from '../../rules/src/model/index.js';
import { loadGroundModel, loadImportGround } from '../../server/src/data/terrain.js';
import { REPO, runCli } from '../cli/run-cli.js';
import { call, sharedData, startServer, type TestServer, tempDir } from '../server/helpers.js';

/** A hill: 123 m at the launch point (114.0, 22.3), rising 100 m per 0.001° eastward. */
const HILL: GroundLookup = {
  id: 'test-hill',
  groundM: (lon) => 123 + (lon - 114.0) * 100_000,
  covers: (lon, lat) => lon > 113 && lon < 115 && lat > 22 && lat < 23,
};

const item = (seq: number, command: number, lat: number, lon: number, alt: number, mode = 1) => ({
  type: 'SimpleItem',
  doJumpId: seq,
  autoContinue: true,
  command,
  frame: mode === 1 ? 3 : 0,
  params: [0, 0, 0, null, lat, lon, alt],
  AltitudeMode: mode,
  Altitude: alt,
});

function qgcPlan(lon0: number, lat0: number, rel: number[], home?: [number, number, number]): string {
  const items = rel.map((alt, i) => item(i + 1, i === 0 ? 22 : 16, lat0, lon0 + i * 0.001, alt));
  return JSON.stringify({
    fileType: 'Plan',
    version: 1,
    groundStation: 'QGroundControl',
    mission: {
      version: 2,
      firmwareType: 12,
      vehicleType: 2,
      hoverSpeed: 5,
      cruiseSpeed: 15,
      plannedHomePosition: home ?? [lat0, lon0, 0],
      items,
    },
    geoFence: { version: 2, polygons: [], circles: [] },
    rallyPoints: { version: 2, points: [] },
  });
}

const codes = (c: AltitudeConversion[] | undefined) => (c ?? []).map((x) => x.code);
const text = (c: AltitudeConversion) => assumption(c.code, c.params);

describe('QGC heights relative to the launch point', () => {
  const plan = qgcPlan(114.0, 22.3, [30, 60, 60]);

  it('over a hill, with a ground model: AMSL = ground at launch + relative, and the report says so', () => {
    const { route } = importRoute(plan, 'qgc', {}, { ground: HILL });
    expect(route.altitudeRef).toBe('AMSL');
    expect(route.coordinates.map((c) => c[2])).toEqual([153, 183, 183]);
    const [conv] = route.altitudeConversions ?? [];
    expect(conv.code).toBe('assumption.altitude-launch-ground');
    expect(conv.params).toMatchObject({ format: 'QGC', groundM: 123, model: 'test-hill' });
    const worded = text(conv);
    expect(worded.en).toMatch(/QGC heights relative to the launch point \(mission\.items\[0\].*\) converted to AMSL/);
    expect(worded.en).toContain('ground height at the launch point, 123 m, from the elevation model "test-hill"');
    expect(worded.zh).toContain('123');
  });

  it('without a ground model: read as AGL, the launch point taken to be at ground level, said so', () => {
    const { route, warnings } = importRoute(plan, 'qgc');
    expect(route.altitudeRef).toBe('AGL');
    expect(route.coordinates.map((c) => c[2])).toEqual([30, 60, 60]);
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-launch-as-agl']);
    expect(warnings.some((w) => /ground level/.test(w))).toBe(true);
  });

  it('mixed with AMSL items and no model: relative heights added to the stated home altitude', () => {
    const raw = JSON.parse(qgcPlan(114.0, 22.3, [30, 60], [22.3, 114.0, 140]));
    raw.mission.items.push(item(3, 16, 22.3, 114.003, 250, 2));
    const { route } = importRoute(JSON.stringify(raw), 'qgc');
    expect(route.coordinates.map((c) => c[2])).toEqual([170, 200, 250]);
    expect(codes(route.altitudeConversions)).toEqual([
      'assumption.altitude-as-amsl',
      'assumption.altitude-launch-home',
    ]);
    expect(route.altitudeConversions?.[1].params.homeM).toBe(140);
  });

  it('launched outside the ground model: not converted with its sea level; read as AGL, and says why', () => {
    const { route, warnings } = importRoute(
      qgcPlan(8.5, 47.4, [20, 20], [47.4, 8.5, 488]),
      'qgc',
      {},
      { ground: HILL },
    );
    expect(route.altitudeRef).toBe('AGL');
    expect(route.coordinates.map((c) => c[2])).toEqual([20, 20]);
    const [conv] = route.altitudeConversions ?? [];
    expect(conv).toMatchObject({ code: 'assumption.altitude-launch-outside-model', params: { model: 'test-hill' } });
    expect(text(conv).en).toContain('the launch point lies outside the elevation model "test-hill"');
    expect(text(conv).zh).toContain('test-hill');
    expect(warnings.some((w) => w.includes('outside the elevation model "test-hill"'))).toBe(true);
  });

  it('outside the ground model with AMSL items: relative heights added to the home altitude the file states', () => {
    const raw = JSON.parse(qgcPlan(8.5, 47.4, [30, 60], [47.4, 8.5, 488]));
    raw.mission.items.push(item(3, 16, 47.4, 8.503, 600, 2));
    const { route } = importRoute(JSON.stringify(raw), 'qgc', {}, { ground: HILL });
    expect(route.altitudeRef).toBe('AMSL');
    expect(route.coordinates.map((c) => c[2])).toEqual([518, 548, 600]);
    expect(codes(route.altitudeConversions)).toEqual([
      'assumption.altitude-as-amsl',
      'assumption.altitude-launch-home',
    ]);
  });

  it("QGroundControl's own sample (Zürich, home 488 m) with the Hong Kong terrain: heights AGL, not over sea level", () => {
    const file = readFileSync(sharedData('qgc', 'simple_square.plan'), 'utf8');
    const { route } = importRoute(file, 'qgc', {}, { ground: loadImportGround('terrain') });
    expect(route.altitudeRef).toBe('AGL');
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-launch-outside-model']);
    expect(route.altitudeConversions?.[0].params.model).toBe('terrain');
  });
});

describe('KML altitude modes', () => {
  const kml = (mode: string) => `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>P</name><LineString><altitudeMode>${mode}</altitudeMode>
<coordinates>114.0,22.3,40 114.001,22.3,60</coordinates></LineString></Placemark></Document></kml>`;
  const opts = { defaultSpeed: { value: 5, unit: 'm/s' as const } };

  it('relativeToGround is read as AGL, and says so', () => {
    const { route } = importRoute(kml('relativeToGround'), 'kml', opts);
    expect(route.altitudeRef).toBe('AGL');
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-as-agl']);
    expect(text(route.altitudeConversions?.[0] as AltitudeConversion).en).toBe(
      "KML heights (Placemark 'P' altitudeMode relativeToGround) read as above ground level (AGL).",
    );
  });

  it('absolute is read as AMSL, and says so', () => {
    const { route } = importRoute(kml('absolute'), 'kml', opts);
    expect(route.altitudeRef).toBe('AMSL');
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-as-amsl']);
  });

  it('clampToGround puts the path on the ground, and says so', () => {
    const { route } = importRoute(kml('clampToGround'), 'kml', opts);
    expect(route.coordinates.map((c) => c[2])).toEqual([0, 0]);
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-clamped']);
  });

  it('DJI relativeToStartPoint waypoints are converted from the ground at the take-off point', () => {
    const wp = (i: number, lon: number, h: number) =>
      `<Placemark><Point><coordinates>${lon},22.3</coordinates></Point><wpml:index>${i}</wpml:index>` +
      `<wpml:executeHeight>${h}</wpml:executeHeight><wpml:waypointSpeed>5</wpml:waypointSpeed></Placemark>`;
    const doc = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.2">
<Document><wpml:missionConfig><wpml:takeOffRefPoint>22.3,114.0005,0</wpml:takeOffRefPoint></wpml:missionConfig>
<Folder><wpml:executeHeightMode>relativeToStartPoint</wpml:executeHeightMode>${wp(0, 114.001, 50)}${wp(1, 114.002, 70)}</Folder>
</Document></kml>`;
    const { route } = importRoute(doc, 'kml', {}, { ground: HILL });
    expect(route.altitudeRef).toBe('AMSL');
    // ground at the take-off point 114.0005 is 173 m
    expect(route.coordinates.map((c) => Math.round(c[2]))).toEqual([223, 243]);
    expect(route.altitudeConversions?.[0]).toMatchObject({
      code: 'assumption.altitude-launch-ground',
      params: { groundM: 173, model: 'test-hill' },
    });
    expect(String(route.altitudeConversions?.[0].params.items)).toContain('takeOffRefPoint');
  });

  it('DJI relativeToStartPoint waypoints launched outside the ground model are read as AGL, and say why', () => {
    const doc = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.2">
<Document><wpml:missionConfig><wpml:takeOffRefPoint>47.4,8.5,0</wpml:takeOffRefPoint></wpml:missionConfig>
<Folder><wpml:executeHeightMode>relativeToStartPoint</wpml:executeHeightMode>
<Placemark><Point><coordinates>8.501,47.4</coordinates></Point><wpml:index>0</wpml:index><wpml:executeHeight>50</wpml:executeHeight><wpml:waypointSpeed>5</wpml:waypointSpeed></Placemark>
<Placemark><Point><coordinates>8.502,47.4</coordinates></Point><wpml:index>1</wpml:index><wpml:executeHeight>70</wpml:executeHeight><wpml:waypointSpeed>5</wpml:waypointSpeed></Placemark>
</Folder></Document></kml>`;
    const { route } = importRoute(doc, 'kml', {}, { ground: HILL });
    expect(route.altitudeRef).toBe('AGL');
    expect(route.coordinates.map((c) => c[2])).toEqual([50, 70]);
    expect(codes(route.altitudeConversions)).toEqual(['assumption.altitude-launch-outside-model']);
  });
});

describe('GPX ele', () => {
  it('is read as AMSL, and says so', () => {
    const gpx = `<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
<rte><rtept lat="22.3" lon="114.0"><ele>150</ele></rtept><rtept lat="22.3" lon="114.001"><ele>180</ele></rtept></rte></gpx>`;
    const { route } = importRoute(gpx, 'gpx', { defaultSpeed: { value: 5, unit: 'm/s' } });
    expect(route.altitudeRef).toBe('AMSL');
    const conv = route.altitudeConversions?.[0] as AltitudeConversion;
    expect(conv.code).toBe('assumption.altitude-as-amsl');
    expect(text(conv).en).toBe('GPX heights (ele of 2 points) read as above mean sea level (AMSL).');
  });
});

describe('the same conversions in the report, through the CLI and through the API', () => {
  const PROFILE = 'scenarios/profiles/a2-hobbyist.json';
  const profile = JSON.parse(readFileSync(join(REPO, PROFILE), 'utf8')) as Record<string, unknown>;
  const { $schema: _s, importOptions, ...template } = profile;
  // Up the eastern slope of Sunset Peak, Lantau, from a launch point on the hillside.
  const LAUNCH: [number, number] = [113.965, 22.265];
  const file = join(tempDir('sua-heights-'), 'sunset.plan');
  const terrain = loadGroundModel('terrain');
  const launchGround = Math.round(terrain.groundM(...LAUNCH) * 10) / 10;
  let s: TestServer;
  let cli: Report;
  let api: Report;

  beforeAll(async () => {
    writeFileSync(file, qgcPlan(LAUNCH[0], LAUNCH[1], [0, 60, 60], [LAUNCH[1], LAUNCH[0], 0]));
    s = await startServer({ deps: { elevation: terrain } });
    const r = await runCli(['check', file, '--profile', PROFILE, '--json']);
    expect(r.stderr).toBe('');
    cli = (JSON.parse(r.stdout) as { report: Report }).report;
    const form = new FormData();
    form.set('template', JSON.stringify(template));
    form.set('options', JSON.stringify(importOptions));
    form.set('file', new Blob([readFileSync(file)]), 'sunset.plan');
    const imported = await call<{ plan: unknown }>(s.url, 'POST', '/api/plans/import', { raw: form });
    expect(imported.status, imported.text).toBe(200);
    const checked = await call<Report>(s.url, 'POST', '/api/check', { json: { plan: imported.body.plan } });
    expect(checked.status, checked.text).toBe(200);
    api = checked.body;
  }, 120_000);
  afterAll(() => s?.close());

  it('the CLI report lists the conversion with the ground height at the launch point', () => {
    const conv = cli.assumptions.find((a) => a.code === 'assumption.altitude-launch-ground');
    expect(conv?.params).toMatchObject({ format: 'QGC', groundM: launchGround, model: 'terrain' });
    expect(conv?.en).toContain(`ground height at the launch point, ${launchGround} m`);
  });

  it('POST /api/check of the imported plan lists the same assumptions', () => {
    expect(api.assumptions).toEqual(cli.assumptions);
    expect(api.verdict).toBe(cli.verdict);
  });
});
