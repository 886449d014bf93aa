import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, sharedData, startServer, type TestServer } from './helpers.js';
import { basePlan } from './plans.js';

interface Stored {
  id: string;
  plan: { route: { coordinates: [number, number, number][]; altitudeRef: string } };
  warnings: string[];
}

const { route: _route, ...template } = basePlan();
const options = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } };

function upload(name: string, content: string | Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('template', fields.template ?? JSON.stringify(template));
  form.set('options', fields.options ?? JSON.stringify(options));
  for (const [k, v] of Object.entries(fields)) if (k !== 'template' && k !== 'options') form.set(k, v);
  form.set('file', new Blob([content]), name);
  return form;
}
const real = (p: string) => fs.readFileSync(sharedData(p));

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

describe('plan import through POST /api/plans (multipart)', () => {
  it.each([
    ['qgc/simple_square.plan', 'qgc'],
    ['qgc/PX4SITL-PX4-MultiRotor.plan', 'qgc'],
    ['qgc/TerrainTest-ArduCopter.plan', 'qgc'],
    ['kml/rid.kml', 'kml'],
    ['gpx/route.gpx', 'gpx'],
    ['gpx/cerknicko-jezero.gpx', 'gpx'],
  ])('stores a plan from %s and checks it', async (file, format) => {
    const auto = await call<Stored>(s.url, 'POST', '/api/plans', { raw: upload(file.split('/')[1], real(file)) });
    expect(auto.status, JSON.stringify(auto.body)).toBe(201);
    expect(auto.body.plan.route.coordinates.length).toBeGreaterThanOrEqual(2);
    const explicit = await call<Stored>(s.url, 'POST', '/api/plans', {
      raw: upload('upload.bin', real(file), { format }),
    });
    expect(explicit.status).toBe(201);
    expect(explicit.body.plan.route).toEqual(auto.body.plan.route);
    const check = await call<{ verdict: string }>(s.url, 'POST', `/api/plans/${auto.body.id}/check`);
    expect(check.status).toBe(200);
    expect(['compliant', 'permission-required', 'non-compliant']).toContain(check.body.verdict);
  });

  it('keeps QGC relative altitudes as AGL', async () => {
    const r = await call<Stored>(s.url, 'POST', '/api/plans', {
      raw: upload('simple_square.plan', real('qgc/simple_square.plan')),
    });
    expect(r.body.plan.route.altitudeRef).toBe('AGL');
  });
});

describe('malformed plan files', () => {
  const cases: [string, string, () => string, RegExp][] = [
    [
      'truncated QGC JSON',
      'bad.plan',
      () => real('qgc/simple_square.plan').toString('utf8').slice(0, 200),
      /^body\.file/,
    ],
    [
      'QGC waypoint with a text latitude',
      'bad.plan',
      () => {
        const doc = JSON.parse(real('qgc/simple_square.plan').toString('utf8'));
        doc.mission.items[1].params[4] = 'north';
        return JSON.stringify(doc);
      },
      /^body\.file\.mission\.items\[1\]/,
    ],
    ['broken KML XML', 'bad.kml', () => real('kml/rid.kml').toString('utf8').slice(0, 3000), /^body\.file/],
    [
      'KML without any path',
      'empty.kml',
      () =>
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>x</name></Document></kml>',
      /^body\.file/,
    ],
    [
      'GPX route point without lon',
      'bad.gpx',
      () =>
        real('gpx/route.gpx')
          .toString('utf8')
          .replace(/ lon="13\.726695478"/, ''),
      /^body\.file/,
    ],
    ['unknown content', 'notes.txt', () => 'just some words', /^body\.file/],
  ];
  it.each(cases)('rejects %s with 400 naming the item', async (_what, name, content, pathRe) => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: upload(name, content()) });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(issuePaths(r.body)[0]).toMatch(pathRe);
    expect(r.body.error.message.length).toBeGreaterThan(10);
  });

  it('names the template, options, format and file form fields', async () => {
    const noTemplate = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('r.gpx', real('gpx/route.gpx'), { template: '{not json' }),
    });
    expect(issuePaths(noTemplate.body)).toEqual(['body.template']);
    const { pilot: _p, ...noPilot } = template;
    const missing = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('r.gpx', real('gpx/route.gpx'), { template: JSON.stringify(noPilot) }),
    });
    expect(issuePaths(missing.body)).toEqual(['body.template.pilot']);
    const badOpts = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('r.gpx', real('gpx/route.gpx'), { options: '{"index": -1}' }),
    });
    expect(issuePaths(badOpts.body)).toEqual(['body.options.index']);
    const badFormat = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload('r.gpx', real('gpx/route.gpx'), { format: 'shapefile' }),
    });
    expect(issuePaths(badFormat.body)).toEqual(['body.format']);
    const form = new FormData();
    form.set('template', JSON.stringify(template));
    const noFile = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: form });
    expect(issuePaths(noFile.body)).toEqual(['body.file']);
    // neither: both named at once, not the template first and the file after it is fixed
    const nothing = new FormData();
    nothing.set('name', 'empty');
    for (const path of ['/api/plans', '/api/plans/import']) {
      const neither = await call<ErrorReply>(s.url, 'POST', path, { raw: nothing });
      expect(neither.status, path).toBe(400);
      expect(issuePaths(neither.body), path).toEqual(['body.file', 'body.template']);
    }
  });

  it('rejects a multipart body without a boundary with 400', async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: 'xx',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(r.status).toBe(400);
  });
});
