import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importRoute } from '../../rules/src/imports/index.js';
import { expectImportError, expectValidRoute, hasWarning, sampleBytes, sampleText } from './helpers.js';

const RID = sampleText('kml/rid.kml');
const SPEED = { defaultSpeed: { value: 5, unit: 'm/s' as const } };

/** The tuples of the n-th <LineString> in the file, read independently of the importer. */
function lineTuples(kml: string, n: number): number[][] {
  const blocks = [...kml.matchAll(/<LineString>[\s\S]*?<coordinates>([\s\S]*?)<\/coordinates>/g)];
  return blocks[n][1]
    .trim()
    .split(/\s+/)
    .map((t) => t.split(',').map(Number));
}

describe('KML rid.kml (two LineString paths, polygons and an operator point)', () => {
  it('needs a speed: the paths carry no times', () => {
    expectImportError(() => importRoute(RID, 'kml'), {
      format: 'kml',
      item: "Placemark 'U turn south'",
      field: 'ExtendedData.speed',
      message: /defaultSpeed/,
    });
  });

  const imported = expectValidRoute(importRoute(RID, 'kml', SPEED));

  it('takes the first path with all its positions, clamped to the ground as AGL 0 with a warning', () => {
    const tuples = lineTuples(RID, 0);
    expect(imported.name).toBe('U turn south');
    expect(imported.route.coordinates).toHaveLength(tuples.length);
    expect(imported.route.coordinates[0]).toEqual([-80.57802028980674, 37.19714355363017, 0]);
    expect(imported.route.coordinates.map((c) => [c[0], c[1]])).toEqual(tuples.map((t) => [t[0], t[1]]));
    expect(imported.route.altitudeRef).toBe('AGL');
    expect(imported.route.coordinates.every((c) => c[2] === 0)).toBe(true);
    expect(hasWarning(imported, /clampToGround/)).toBe(true);
  });

  it('says which paths it chose between and which placemarks it ignored', () => {
    expect(hasWarning(imported, /2 paths \(Placemark 'U turn south', Placemark 'Dairy south'\)/)).toBe(true);
    expect(hasWarning(imported, /13 other placemarks ignored/)).toBe(true);
    expect(imported.route.legSpeeds).toHaveLength(imported.route.coordinates.length - 1);
  });

  it('picks the second path with index 1 and rejects an index past the end', () => {
    const second = expectValidRoute(importRoute(RID, 'kml', { ...SPEED, index: 1 }));
    expect(second.name).toBe('Dairy south');
    expect(second.route.coordinates).toHaveLength(lineTuples(RID, 1).length);
    expectImportError(() => importRoute(RID, 'kml', { ...SPEED, index: 2 }), { field: 'index' });
  });

  it('uses defaultAltitude for a clamped path when given', () => {
    const r = importRoute(RID, 'kml', { ...SPEED, defaultAltitude: { value: 100, unit: 'ft', ref: 'AGL' } });
    expect(r.route.coordinates.every((c) => Math.abs(c[2] - 30.48) < 1e-9)).toBe(true);
  });

  it('reads absolute and relativeToGround paths as AMSL and AGL', () => {
    const withMode = (mode: string) =>
      RID.replace('<LineString>', `<LineString><altitudeMode>${mode}</altitudeMode>`).replace(
        '-80.57802028980674,37.19714355363017,0',
        '-80.57802028980674,37.19714355363017,612.5',
      );
    const amsl = importRoute(withMode('absolute'), 'kml', SPEED);
    expect(amsl.route.altitudeRef).toBe('AMSL');
    expect(amsl.route.coordinates[0][2]).toBe(612.5);
    expect(hasWarning(amsl, /clampToGround/)).toBe(false);
    expect(importRoute(withMode('relativeToGround'), 'kml', SPEED).route.altitudeRef).toBe('AGL');
    expectImportError(() => importRoute(withMode('relativeToSeaFloor'), 'kml', SPEED), {
      item: "Placemark 'U turn south'",
      field: 'LineString.altitudeMode',
    });
  });

  it('reads a gx:Track with its times', () => {
    const track = RID.replace(
      /<LineString>[\s\S]*?<\/LineString>/,
      `<gx:Track><altitudeMode>absolute</altitudeMode>
        <when>2024-05-01T10:00:00Z</when><when>2024-05-01T10:00:30Z</when><when>2024-05-01T10:01:30Z</when>
        <gx:coord>-80.5780 37.1971 600</gx:coord><gx:coord>-80.5779 37.1970 610</gx:coord>
        <gx:coord>-80.5778 37.1969 620</gx:coord></gx:Track>`,
    );
    const r = expectValidRoute(importRoute(track, 'kml'));
    expect(r.route.waypointTimesS).toEqual([0, 30, 90]);
    expect(r.route.coordinates[2]).toEqual([-80.5778, 37.1969, 620]);
    expect(r.route.altitudeRef).toBe('AMSL');
  });
});

describe('KML malformed variants name the placemark', () => {
  it('XML without coordinates', () => {
    const bare = RID.replace(/<coordinates>[\s\S]*?<\/coordinates>/g, '');
    expectImportError(() => importRoute(bare, 'kml', SPEED), {
      item: "Placemark 'U turn south'",
      field: 'LineString.coordinates',
      message: /no coordinates/,
    });
    const noGeometry = RID.replace(/<(LineString|Point|Polygon)>[\s\S]*?<\/\1>/g, '');
    expectImportError(() => importRoute(noGeometry, 'kml', SPEED), { item: '(document)', message: /no LineString/ });
  });

  it('a latitude out of range in the path', () => {
    const bad = RID.replace('-80.57797675253043,37.19705074202537,0', '-80.57797675253043,97.1,0');
    expectImportError(() => importRoute(bad, 'kml', SPEED), {
      item: "Placemark 'U turn south'",
      field: 'LineString.coordinates[1]',
      message: /latitude 97.1/,
    });
  });

  it('truncated XML, non-XML and a different XML root', () => {
    expectImportError(() => importRoute(RID.slice(0, 20000), 'kml', SPEED), {
      item: '(document)',
      message: /not well-formed XML at line \d+/,
    });
    expectImportError(() => importRoute('just some text', 'kml'), { item: '(document)', message: /not XML/ });
    expectImportError(() => importRoute(sampleText('gpx/route.gpx'), 'kml'), { message: /<gpx>, not <kml>/ });
  });
});

/** A DJI/Litchi-style waypoint KML: Point placemarks with ExtendedData (no real sample exists in shared data). */
function waypointKml(points: { name: string; coords: string; data?: Record<string, number>; mode?: string }[]): string {
  const marks = points.map((p) => {
    const data = Object.entries(p.data ?? {})
      .map(([k, v]) => `<Data name="${k}"><value>${v}</value></Data>`)
      .join('');
    return `<Placemark><name>${p.name}</name><ExtendedData>${data}</ExtendedData>
      <Point><altitudeMode>${p.mode ?? 'relativeToGround'}</altitudeMode><coordinates>${p.coords}</coordinates></Point></Placemark>`;
  });
  return `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Mission</name>
    ${marks.join('\n')}</Document></kml>`;
}

describe('KML waypoint placemarks (DJI / Litchi style)', () => {
  const kml = waypointKml([
    { name: 'WP1', coords: '114.1700,22.3000,30', data: { speed: 4 } },
    { name: 'WP2', coords: '114.1710,22.3005,45', data: { speed: 6, hover: 10 } },
    { name: 'WP3', coords: '114.1720,22.3010,40', data: { heading: 90 } },
  ]);

  it('takes the points in order with their speeds (for the leg leaving them) and hover times', () => {
    const r = expectValidRoute(importRoute(kml, 'kml'));
    expect(r.route.coordinates).toEqual([
      [114.17, 22.3, 30],
      [114.171, 22.3005, 45],
      [114.172, 22.301, 40],
    ]);
    expect(r.route.altitudeRef).toBe('AGL');
    expect(r.route.legSpeeds).toEqual([
      { value: 4, unit: 'm/s' },
      { value: 6, unit: 'm/s' },
    ]);
    expect(r.route.hoverS).toEqual([0, 10, 0]);
    expect(r.name).toBe('Mission');
  });

  it('names the waypoint whose altitude is missing, whose reference differs, or whose speed is bad', () => {
    const noAlt = kml.replace('114.1710,22.3005,45', '114.1710,22.3005');
    expectImportError(() => importRoute(noAlt, 'kml'), { item: "Placemark 'WP2'", field: 'Point.coordinates[0][2]' });
    const mixed = kml.replace(
      '<altitudeMode>relativeToGround</altitudeMode><coordinates>114.1720',
      '<altitudeMode>absolute</altitudeMode><coordinates>114.1720',
    );
    expectImportError(() => importRoute(mixed, 'kml'), { item: "Placemark 'WP3'", field: 'altitudeMode' });
    const badSpeed = kml.replace('<value>6</value>', '<value>quick</value>');
    expectImportError(() => importRoute(badSpeed, 'kml'), { item: "Placemark 'WP2'", field: 'ExtendedData.speed' });
  });
});

/** A DJI WPML waylines file (the executable half of a DJI KMZ), placemarks out of index order on purpose. */
const WAYLINES = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:wpml="http://www.dji.com/wpmz/1.0.2"><Document>
  <Folder><wpml:executeHeightMode>relativeToStartPoint</wpml:executeHeightMode><wpml:autoFlightSpeed>7</wpml:autoFlightSpeed>
    <Placemark><Point><coordinates>114.1710,22.3005</coordinates></Point><wpml:index>1</wpml:index>
      <wpml:executeHeight>60</wpml:executeHeight><wpml:waypointSpeed>3</wpml:waypointSpeed><wpml:useGlobalSpeed>1</wpml:useGlobalSpeed>
      <wpml:actionGroup><wpml:action><wpml:actionActuatorFunc>hover</wpml:actionActuatorFunc>
        <wpml:actionActuatorFuncParam><wpml:hoverTime>5</wpml:hoverTime></wpml:actionActuatorFuncParam></wpml:action></wpml:actionGroup>
    </Placemark>
    <Placemark><Point><coordinates>114.1700,22.3000</coordinates></Point><wpml:index>0</wpml:index>
      <wpml:executeHeight>50</wpml:executeHeight><wpml:waypointSpeed>3</wpml:waypointSpeed><wpml:useGlobalSpeed>0</wpml:useGlobalSpeed>
    </Placemark>
    <Placemark><Point><coordinates>114.1720,22.3010</coordinates></Point><wpml:index>2</wpml:index>
      <wpml:executeHeight>55</wpml:executeHeight></Placemark>
  </Folder></Document></kml>`;

describe('KMZ', () => {
  it('reads doc.kml from a zipped rid.kml exactly as the KML', () => {
    const kmz = zipSync({ 'doc.kml': sampleBytes('kml/rid.kml'), 'files/icon.png': new Uint8Array([1, 2, 3]) });
    const fromKmz = expectValidRoute(importRoute(kmz, 'kmz', SPEED));
    const fromKml = importRoute(RID, 'kml', SPEED);
    expect(fromKmz.format).toBe('kmz');
    expect(fromKmz.route).toEqual(fromKml.route);
    expect(importRoute(kmz, 'auto', SPEED).format).toBe('kmz');
    expect(importRoute(kmz, 'kml', SPEED).warnings[0]).toMatch(/ZIP archive; read as KMZ/);
  });

  it('reads a DJI wpmz/waylines.wpml in index order with relative heights as AGL', () => {
    const kmz = zipSync({ 'wpmz/template.kml': strToU8('<kml/>'), 'wpmz/waylines.wpml': strToU8(WAYLINES) });
    const r = expectValidRoute(importRoute(kmz, 'kmz'));
    expect(r.route.coordinates).toEqual([
      [114.17, 22.3, 50],
      [114.171, 22.3005, 60],
      [114.172, 22.301, 55],
    ]);
    expect(r.route.altitudeRef).toBe('AGL');
    // WP0 has its own speed; WP1 uses the global autoFlightSpeed.
    expect(r.route.legSpeeds?.map((s) => s.value)).toEqual([3, 7]);
    expect(r.route.hoverS).toEqual([0, 5, 0]);
    expect(hasWarning(r, /read wpmz\/waylines\.wpml/)).toBe(true);
    expect(hasWarning(r, /start point read as AGL/)).toBe(true);
  });

  it('a zip without kml, bytes that are not a zip, a truncated zip, text, and an oversized entry', () => {
    const noKml = zipSync({ 'readme.txt': strToU8('hello') });
    expectImportError(() => importRoute(noKml, 'kmz'), {
      format: 'kmz',
      item: 'doc.kml',
      message: /entries: readme\.txt/,
    });
    expectImportError(() => importRoute(sampleBytes('kml/rid.kml'), 'kmz'), {
      item: '(archive)',
      message: /not a ZIP/,
    });
    const kmz = zipSync({ 'doc.kml': sampleBytes('kml/rid.kml') });
    expectImportError(() => importRoute(kmz.subarray(0, 200), 'kmz'), { format: 'kmz' });
    expectImportError(() => importRoute(RID, 'kmz'), { message: /bytes, not text/ });
    expectImportError(() => importRoute(kmz, 'kmz', { ...SPEED, maxUncompressedBytes: 1000 }), {
      item: 'doc.kml',
      message: /byte limit/,
    });
  });
});
