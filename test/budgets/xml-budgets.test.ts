import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { call, type ErrorReply, issuePaths, startServer, type TestServer } from '../server/helpers.js';
import { basePlan } from '../server/plans.js';

/** XML limits from import options (a server's budgets) are honoured by the KML, KMZ and GPX importers. */

const SPEED = { defaultSpeed: { value: 10, unit: 'm/s' }, defaultAltitude: { value: 50, ref: 'AGL' } } as const;
const LINE =
  '<Placemark><LineString><coordinates>114.0705,22.4002,10 114.0715,22.4012,10</coordinates></LineString></Placemark>';

/** A KML whose path sits inside `folders` nested Folders (document depth folders + 4). */
const nestedKml = (folders: number) =>
  `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(folders)}` +
  `${LINE}${'</Folder>'.repeat(folders)}</Document></kml>`;

/** A KML with `refs` references to one internal entity (well within the default 10,000). */
const entityKml = (refs: number) =>
  `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "route">]><kml xmlns="http://www.opengis.net/kml/2.2">` +
  `<Document><name>${'&a;'.repeat(refs)}</name>${LINE}</Document></kml>`;

/** A GPX route whose extensions nest `depth` elements deep. */
const nestedGpx = (depth: number) =>
  '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><rte>' +
  '<rtept lat="22.4002" lon="114.0705"><ele>10</ele></rtept><rtept lat="22.4012" lon="114.0715"><ele>10</ele></rtept>' +
  `<extensions>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</extensions></rte></gpx>`;

describe('importers honour maxXmlDepth and maxXmlEntities', () => {
  it('a KML 44 deep imports by default and is refused at maxXmlDepth 20, naming the limit', () => {
    expect(importRoute(nestedKml(40), 'kml', SPEED).route.coordinates).toHaveLength(2);
    expect(() => importRoute(nestedKml(40), 'kml', { ...SPEED, maxXmlDepth: 20 })).toThrow(
      /XML nesting deeper than 20 elements is not accepted \(maxXmlDepth\)/,
    );
    expect(importRoute(nestedKml(10), 'kml', { ...SPEED, maxXmlDepth: 20 }).route.coordinates).toHaveLength(2);
  });

  it('a GPX is refused past a lowered maxXmlDepth', () => {
    expect(importRoute(nestedGpx(40), 'gpx', SPEED).route.coordinates).toHaveLength(2);
    expect(() => importRoute(nestedGpx(40), 'gpx', { ...SPEED, maxXmlDepth: 30 })).toThrow(/deeper than 30 elements/);
  });

  it('200 entity references import by default and are refused at maxXmlEntities 50', () => {
    expect(importRoute(entityKml(200), 'kml', SPEED).name).toBe('route'.repeat(200));
    expect(() => importRoute(entityKml(200), 'kml', { ...SPEED, maxXmlEntities: 50 })).toThrow(
      /XML entity limits exceeded \(maxXmlEntities/,
    );
  });

  it('different limits on successive imports do not leak into each other (one parser per limits)', () => {
    expect(() => importRoute(nestedKml(40), 'kml', { ...SPEED, maxXmlDepth: 20 })).toThrow(/deeper than 20/);
    expect(importRoute(nestedKml(40), 'kml', { ...SPEED, maxXmlDepth: 50 }).route.coordinates).toHaveLength(2);
    expect(() => importRoute(nestedKml(40), 'kml', { ...SPEED, maxXmlDepth: 30 })).toThrow(/deeper than 30/);
  });
});

describe('the server budget is the ceiling', () => {
  const { route: _route, ...template } = basePlan();
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ deps: { budgets: { xmlDepth: 30, xmlEntities: 100 } } });
  });
  afterAll(() => s.close());

  const upload = (content: string, options: Record<string, unknown> = {}) => {
    const form = new FormData();
    form.set('template', JSON.stringify(template));
    form.set('options', JSON.stringify({ ...SPEED, ...options }));
    form.set('file', new Blob([content]), 'route.kml');
    return form;
  };
  const stored = async () => (await call<{ total: number }>(s.url, 'GET', '/api/plans')).body.total;

  it("without options the server's budget applies: 44 deep is refused with 400 naming 30", async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: upload(nestedKml(40)) });
    expect(r.status).toBe(400);
    expect(issuePaths(r.body)).toEqual(['body.file.(document)']);
    expect(r.body.error.issues?.[0].message).toBe('XML nesting deeper than 30 elements is not accepted (maxXmlDepth)');
    expect(await stored()).toBe(0);
  });

  it('a request may lower the depth: 24 deep is accepted at the server budget, refused at 20', async () => {
    const lowered = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload(nestedKml(20), { maxXmlDepth: 20 }),
    });
    expect(lowered.status).toBe(400);
    expect(lowered.body.error.issues?.[0].message).toMatch(/deeper than 20 elements/);
    expect(await stored()).toBe(0);
    const ok = await call<{ id: string }>(s.url, 'POST', '/api/plans', { raw: upload(nestedKml(20)) });
    expect(ok.status, ok.text).toBe(201);
    await call(s.url, 'DELETE', `/api/plans/${ok.body.id}`);
  });

  it('a request raising the depth or entities past the server budget is 422 naming the option', async () => {
    const deeper = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload(nestedKml(40), { maxXmlDepth: 60 }),
    });
    expect(deeper.status).toBe(422);
    expect(deeper.body.error.code).toBe('budget_exceeded');
    expect(deeper.body.error.message).toMatch(/maxXmlDepth 60 is above the server's limit of 30/);
    expect(issuePaths(deeper.body)).toEqual(['body.options.maxXmlDepth']);
    const more = await call<ErrorReply>(s.url, 'POST', '/api/plans', {
      raw: upload(entityKml(200), { maxXmlEntities: 1000 }),
    });
    expect(more.status).toBe(422);
    expect(issuePaths(more.body)).toEqual(['body.options.maxXmlEntities']);
    expect(await stored()).toBe(0);
  });

  it("the server's entity budget applies without options", async () => {
    const r = await call<ErrorReply>(s.url, 'POST', '/api/plans', { raw: upload(entityKml(200)) });
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.[0].message).toMatch(/entity limits exceeded \(maxXmlEntities/);
    expect(await stored()).toBe(0);
  });
});
