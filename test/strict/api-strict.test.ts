import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

/** A raw JSON body, so `__proto__` stays an own key as a real client would send it. */
const rawJson = (text: string) => ({ raw: text, headers: { 'content-type': 'application/json' } });
const hostileDraft = (change: string, id = 'hostile') =>
  `{"id":"${id}","title":"hostile","base":"cap448g-2025","changes":[${change}]}`;
const PROTO_PATH = '{"op":"set-parameter","rule":"op.height.a2","path":"__proto__.permissions","value":["sandbox"]}';
const PROTO_GLOBAL = '{"op":"set-global","name":"__proto__","value":{"x":1}}';

describe('drafts: reserved keys (issue 10)', () => {
  it('validate reports the path segment and leaves Object.prototype and later requests intact', async () => {
    const r = await call<{ valid: boolean; issues: { path: (string | number)[] }[] }>(
      s.url,
      'POST',
      '/api/drafts/validate',
      rawJson(hostileDraft(PROTO_PATH)),
    );
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.issues.map((i) => i.path.join('.'))).toEqual(['changes.0.path']);
    expect(({} as Record<string, unknown>).permissions).toBeUndefined();
  });

  it('set-global "__proto__" is refused and GET /api/zones still answers', async () => {
    const v = await call<{ valid: boolean; issues: { path: (string | number)[] }[] }>(
      s.url,
      'POST',
      '/api/drafts/validate',
      rawJson(hostileDraft(PROTO_GLOBAL)),
    );
    expect(v.body.issues.map((i) => i.path.join('.'))).toEqual(['changes.0.name']);
    expect((await call(s.url, 'GET', '/api/zones')).status).toBe(200);
  });

  it.each([
    [PROTO_PATH, 'body.changes.0.path'],
    [PROTO_GLOBAL, 'body.changes.0.name'],
    [
      '{"op":"set-parameter","rule":"op.height.a2","path":"limit","value":{"__proto__":{"value":1}}}',
      'body.changes.0.value.__proto__',
    ],
  ])('POST /api/drafts with %s answers 400 naming %s and stores nothing', async (change, path) => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/drafts', rawJson(hostileDraft(change, 'stored-hostile')));
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toContain(path);
    expect((await call(s.url, 'GET', '/api/drafts/stored-hostile')).status).toBe(404);
  });
});

describe('plans are stored only if a check would accept them', () => {
  const zeroTimeLeg = () => {
    const p = basePlan();
    const { legSpeeds: _l, ...route } = p.route;
    return { ...p, route: { ...route, waypointTimesS: [0, 60, 60, 120] } };
  };
  const eightDays = () => {
    const p = basePlan();
    return { ...p, route: { ...p.route, hoverS: [0, 8 * 86_400, 0, 0] } };
  };

  it.each([
    ['a zero-time leg', zeroTimeLeg],
    ['an eight-day flight', eightDays],
  ])('POST /api/plans with %s answers 400 with the check issue paths and stores nothing', async (_what, make) => {
    const before = (await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total;
    const post = await call<ErrorReply>(s.url, 'POST', '/api/plans', { json: make() });
    expect(post.status).toBe(400);
    expect(post.body.error.code).toBe('validation_failed');
    // The same issue paths as a check of that plan (POST /api/check answers them under plan.*).
    const check = await call<ErrorReply>(s.url, 'POST', '/api/check', { json: { plan: make() } });
    expect(check.status).toBe(400);
    expect(issuePaths(post.body).length).toBeGreaterThan(0);
    expect(issuePaths(post.body)).toEqual(issuePaths(check.body).map((p) => p.replace(/^(body\.)?plan\./, 'body.')));
    expect((await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total).toBe(before);
  });

  it('PUT /api/plans/:id with a zero-time leg answers 400 and keeps the stored plan', async () => {
    const created = await call<{ id: string; revision: number }>(s.url, 'POST', '/api/plans', { json: basePlan() });
    expect(created.status).toBe(201);
    const put = await call<ErrorReply>(s.url, 'PUT', `/api/plans/${created.body.id}`, { json: zeroTimeLeg() });
    expect(put.status).toBe(400);
    expect(issuePaths(put.body).every((p) => p.startsWith('body.route'))).toBe(true);
    const after = await call<{ revision: number }>(s.url, 'GET', `/api/plans/${created.body.id}`);
    expect(after.body.revision).toBe(created.body.revision);
  });
});

const { route: _route, ...template } = basePlan();
const options = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } };
const kml = (inner: string, doctype = '') =>
  `<?xml version="1.0"?>${doctype}<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><LineString><coordinates>114.0705,22.4002,10 114.0715,22.4012,10</coordinates></LineString></Placemark>${inner}</Document></kml>`;
function upload(content: string) {
  const form = new FormData();
  form.set('template', JSON.stringify(template));
  form.set('options', JSON.stringify(options));
  form.set('file', new Blob([content]), 'route.kml');
  return form;
}

describe('hostile XML route files answer 400 with the reason', () => {
  it.each([
    [
      'an external entity',
      kml('<name>&xxe;</name>', '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
      /external entities/,
    ],
    [
      'a public external entity',
      kml('<name>&x;</name>', '<!DOCTYPE kml [<!ENTITY x PUBLIC "-//x" "http://127.0.0.1:1/x">]>'),
      /external entities/,
    ],
    ['nesting past the limit', kml(`${'<Folder>'.repeat(150)}${'</Folder>'.repeat(150)}`), /nesting deeper than 100/],
    [
      'entity expansion past the limit',
      kml(`<name>${'&a;'.repeat(20_000)}</name>`, `<!DOCTYPE kml [<!ENTITY a "${'x'.repeat(50)}">]>`),
      /entity limits exceeded/,
    ],
    [
      'too many entity declarations',
      kml(
        '<name>&e1;</name>',
        `<!DOCTYPE kml [${Array.from({ length: 150 }, (_, i) => `<!ENTITY e${i} "x">`).join('')}]>`,
      ),
      /entity limits exceeded/,
    ],
  ])('%s', async (_what, content, reason) => {
    const before = (await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total;
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: upload(content) });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.file.(document)']);
    expect(r.body.error.issues?.[0].message).toMatch(reason);
    expect((await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total).toBe(before);
  });
});

/** Our GeoJSON zone layer with one polygon zone. */
function zoneLayer(id: string, ring: [number, number][]) {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id,
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: {
          name: { en: id, zh: id },
          class: 'temporary-restriction',
          effect: 'restricted-flying-zone',
          lower: { value: 0, unit: 'm', ref: 'AGL' },
          upper: null,
          provenance: { accuracy: 'user', source: 'test' },
        },
      },
    ],
  };
}
function circleRing(n: number): [number, number][] {
  const ring: [number, number][] = [];
  for (let k = 0; k < n - 1; k++) {
    const a = (2 * Math.PI * k) / (n - 1);
    ring.push([114.3 + 0.01 * Math.cos(a), 22.45 + 0.01 * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

describe('zone import: geometry refused with 400 naming the feature and field', () => {
  it('a 20,000-vertex polygon is refused offering simplify; with ?simplify=5 it is stored', async () => {
    const layer = zoneLayer('huge-zone', circleRing(20_000));
    const refused = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?id=huge', { json: layer });
    expect(refused.status).toBe(400);
    expect(issuePaths(refused.body)).toEqual(['body.features.0.geometry.coordinates']);
    expect(refused.body.error.issues?.[0].message).toMatch(/simplify/);
    expect((await call(s.url, 'GET', '/api/zones?layer=huge')).status).toBe(404);
    const simplified = await call<{ zoneCount: number; warnings: string[] }>(
      s.url,
      'POST',
      '/api/zones/import?id=huge&simplify=5',
      { json: layer },
    );
    expect(simplified.status, JSON.stringify(simplified.body)).toBe(201);
    expect(simplified.body.zoneCount).toBe(1);
  });

  it('a bow-tie polygon and a ?simplify out of range are refused', async () => {
    const bowTie: [number, number][] = [
      [114.3, 22.45],
      [114.31, 22.46],
      [114.31, 22.45],
      [114.3, 22.46],
      [114.3, 22.45],
    ];
    const r = await call<ErrorReply>(s.url, 'POST', '/api/zones/import', { json: zoneLayer('bow-tie', bowTie) });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.features.0.geometry.coordinates.0']);
    const bad = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?simplify=99999', {
      json: zoneLayer('z', circleRing(10)),
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(['query.simplify']);
  });
});
