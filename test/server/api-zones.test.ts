import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorReply, issuePaths, sharedData, startServer, type TestServer } from './helpers.js';
import { basePlan, tfrLayer } from './plans.js';

interface Feature {
  id: string;
  geometry: { type: string };
  properties: { class: string; source: string; circle?: unknown; radiusM?: number };
}
interface FC {
  type: string;
  features: Feature[];
}
interface Layer {
  id: string;
  format: string;
  zoneCount: number;
  zoneIds: string[];
}

const readJson = (...p: string[]) => JSON.parse(fs.readFileSync(sharedData(...p), 'utf8'));
const fileForm = (name: string, content: string | Buffer) => {
  const form = new FormData();
  form.set('file', new Blob([content]), name);
  return form;
};

let s: TestServer;
let catalogueCount: number;
beforeAll(async () => {
  s = await startServer();
  catalogueCount = (await call<FC>(s.url, 'GET', '/api/zones')).body.features.length;
});
afterAll(() => s.close());

describe('GET /api/zones', () => {
  it('lists the catalogue as GeoJSON, filtered by class and bbox', async () => {
    expect(catalogueCount).toBeGreaterThan(0);
    const all = await call<FC>(s.url, 'GET', '/api/zones');
    expect(all.body.type).toBe('FeatureCollection');
    expect(all.body.features.every((f) => f.properties.source === 'catalogue')).toBe(true);
    const airports = await call<FC>(s.url, 'GET', '/api/zones?class=airport,heliport');
    expect(airports.body.features.length).toBeGreaterThan(0);
    expect(airports.body.features.every((f) => ['airport', 'heliport'].includes(f.properties.class))).toBe(true);
    const lantau = await call<FC>(s.url, 'GET', '/api/zones?bbox=113.85,22.2,113.99,22.35');
    expect(lantau.body.features.length).toBeGreaterThan(0);
    expect(lantau.body.features.length).toBeLessThan(catalogueCount);
    const nowhere = await call<FC>(s.url, 'GET', '/api/zones?bbox=0,0,1,1');
    expect(nowhere.body.features).toEqual([]);
  });

  it('keeps circles lossless by default and draws them with display=1', async () => {
    const plain = await call<FC>(s.url, 'GET', '/api/zones');
    const circles = plain.body.features.filter((f) => f.properties.radiusM !== undefined);
    expect(circles.length).toBeGreaterThan(0);
    expect(circles.every((f) => f.geometry.type === 'Point')).toBe(true);
    const drawn = await call<FC>(s.url, 'GET', '/api/zones?display=1');
    const same = drawn.body.features.find((f) => f.id === circles[0].id);
    expect(same?.geometry.type).toMatch(/Polygon/);
    expect(same?.properties.circle).toBeDefined();
  });

  it('filters by time and rejects bad filters with issue paths', async () => {
    const at = await call<FC>(s.url, 'GET', `/api/zones?at=${encodeURIComponent('2026-03-02T10:00:00+08:00')}`);
    expect(at.status).toBe(200);
    expect(at.body.features.length).toBeLessThanOrEqual(catalogueCount);
    const bad = await call<ErrorReply>(s.url, 'GET', '/api/zones?bbox=1,2,3&class=volcano&at=yesterday&display=maybe');
    expect(bad.status).toBe(400);
    expect(issuePaths(bad.body)).toEqual(
      expect.arrayContaining(['query.bbox', 'query.class.0', 'query.at', 'query.display']),
    );
  });
});

describe('zone layers', () => {
  it('imports an ED-318 collection (JSON body), lists it, exports it in every format, deletes it', async () => {
    const imp = await call<Layer>(
      s.url,
      'POST',
      '/api/zones/import?format=ed318&id=ed318-example&name=ED-318%20example',
      {
        json: readJson('ed318/examples/Example_Collection.json'),
      },
    );
    expect(imp.status).toBe(201);
    expect(imp.body).toMatchObject({ id: 'ed318-example', format: 'ed318' });
    // the two-layer zone becomes one zone per layer
    expect(imp.body.zoneCount).toBe(imp.body.zoneIds.length);
    expect(imp.body.zoneCount).toBeGreaterThanOrEqual(2);
    const layer = await call<FC>(s.url, 'GET', '/api/zones?layer=ed318-example');
    expect(layer.body.features.map((f) => f.id).sort()).toEqual([...imp.body.zoneIds].sort());
    expect(layer.body.features.every((f) => f.properties.source === 'layer:ed318-example')).toBe(true);
    expect((await call<FC>(s.url, 'GET', '/api/zones')).body.features).toHaveLength(
      catalogueCount + imp.body.zoneCount,
    );
    const layers = await call<Layer[]>(s.url, 'GET', '/api/zones/layers');
    expect(layers.body.map((l) => l.id)).toContain('ed318-example');

    for (const format of ['geojson', 'ed269', 'ed318', 'cad-dronemap']) {
      const ex = await call<Record<string, unknown>>(
        s.url,
        'GET',
        `/api/zones/export?format=${format}&layer=ed318-example`,
      );
      expect(ex.status, format).toBe(200);
      expect(ex.headers.get('content-disposition')).toContain(`ed318-example.${format}.json`);
      expect(JSON.stringify(ex.body).length).toBeGreaterThan(50);
    }
    expect(
      (
        await call(s.url, 'POST', '/api/zones/import?format=ed318', {
          json: readJson('ed318/examples/Example_GeoZone_Circle.json'),
        })
      ).status,
    ).toBe(409);

    expect((await call(s.url, 'DELETE', '/api/zones/layers/ed318-example')).status).toBe(204);
    expect((await call<FC>(s.url, 'GET', '/api/zones')).body.features).toHaveLength(catalogueCount);
    expect((await call(s.url, 'DELETE', '/api/zones/layers/ed318-example')).status).toBe(404);
  });

  it('imports ED-269 and the Swiss ED-318 sample as uploaded files (format detected)', async () => {
    const ed269 = await call<Layer>(s.url, 'POST', '/api/zones/import', {
      raw: fileForm('cis_source_sample_ed269.json', fs.readFileSync(sharedData('ed269/cis_source_sample_ed269.json'))),
    });
    expect(ed269.status).toBe(201);
    expect(ed269.body.format).toBe('ed269');
    const swiss = await call<Layer>(s.url, 'POST', '/api/zones/import', {
      raw: fileForm('cis_source_sample_ed318.json', fs.readFileSync(sharedData('ed269/cis_source_sample_ed318.json'))),
    });
    expect(swiss.status).toBe(201);
    expect(swiss.body).toMatchObject({ format: 'ed318', zoneCount: 3 });
  });

  it('round-trips a layer through the CAD Drone Map export', async () => {
    await call(s.url, 'POST', '/api/zones/import?id=rt-src', {
      json: readJson('ed318/examples/Example_GeoZone_2_Layers.json'),
    });
    const src = await call<FC>(s.url, 'GET', '/api/zones?layer=rt-src');
    const cad = await call(s.url, 'GET', '/api/zones/export?format=cad-dronemap&layer=rt-src');
    await call(s.url, 'DELETE', '/api/zones/layers/rt-src');
    const back = await call<Layer>(s.url, 'POST', '/api/zones/import?format=cad-dronemap&id=rt-back', {
      json: cad.body,
    });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.zoneIds.sort()).toEqual(src.body.features.map((f) => f.id).sort());
  });

  it('rejects broken zone files with 400 naming the feature and field', async () => {
    const invalid = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?format=ed318', {
      json: readJson('ed318/examples/InvalidExample_GeoZone_2_Layers.json'),
    });
    expect(invalid.status).toBe(400);
    expect(issuePaths(invalid.body)[0]).toMatch(/^body\./);
    const doc = readJson('ed318/examples/Example_GeoZone_Circle.json');
    doc.features[0].geometry.extent.radius = -5;
    const badRadius = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?format=ed318', { json: doc });
    expect(badRadius.status).toBe(400);
    expect(issuePaths(badRadius.body)[0]).toMatch(/^body\.features\.0\.geometry/);
    const notZones = await call<ErrorReply>(s.url, 'POST', '/api/zones/import', { json: { hello: 'world' } });
    expect(notZones.status).toBe(400);
    const notJson = await call<ErrorReply>(s.url, 'POST', '/api/zones/import', {
      raw: fileForm('zones.json', '{"type": "Feature'),
    });
    expect(notJson.status).toBe(400);
    expect(issuePaths(notJson.body)).toEqual(['body.file']);
    const badQuery = await call<ErrorReply>(s.url, 'POST', '/api/zones/import?format=kml&id=Bad%20Id', {
      json: tfrLayer(),
    });
    expect(issuePaths(badQuery.body)).toEqual(['query.format', 'query.id']);
    expect(
      (await call(s.url, 'POST', '/api/zones/import', { raw: 'x', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
  });

  it('rejects unknown export formats and layers', async () => {
    const bad = await call<ErrorReply>(s.url, 'GET', '/api/zones/export?format=kml');
    expect(issuePaths(bad.body)).toEqual(['query.format']);
    expect((await call(s.url, 'GET', '/api/zones/export?format=geojson&layer=missing')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/zones?layer=missing')).status).toBe(404);
  });

  it('an imported layer joins the airspace used by checks, and leaves it when deleted', async () => {
    const hits = async () =>
      (
        await call<{ findings: { zoneId?: string }[] }>(s.url, 'POST', '/api/check', { json: basePlan() })
      ).body.findings.filter((f) => f.zoneId === 'tfr-test').length;
    expect(await hits()).toBe(0);
    const imp = await call<Layer>(s.url, 'POST', '/api/zones/import?format=geojson&id=tfr', { json: tfrLayer() });
    expect(imp.status).toBe(201);
    expect(await hits()).toBeGreaterThan(0);
    await call(s.url, 'DELETE', '/api/zones/layers/tfr');
    expect(await hits()).toBe(0);
  });
});
