import { describe, expect, it } from 'vitest';
import { detectZoneFormat, exportZones, importZones, zoneToFeature } from '../../rules/src/airspace/formats/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import {
  catalogueZones,
  clone,
  deleteAt,
  featureIndex,
  fixture,
  formatError,
  getAt,
  listAt,
  setAt,
  sharedJson,
} from './helpers.js';

function vhp8(): Zone {
  const z = catalogueZones().find((x) => x.id === 'vhp8');
  if (!z) throw new Error('no vhp8');
  return z;
}

describe('our GeoJSON', () => {
  it('writes circles as Point + radiusM/sectors, and reads them back exactly', () => {
    const feature = zoneToFeature(vhp8());
    expect(feature.geometry).toEqual({ type: 'Point', coordinates: [114.21778, 22.19833] });
    expect(getAt(feature, 'properties.radiusM')).toBe(914.4);
    expect(getAt(feature, 'properties.sectors')).toHaveLength(2);
    expect(feature.id).toBe('vhp8');
    const [back] = importZones({ type: 'FeatureCollection', features: [feature] }, 'geojson').zones;
    expect(back).toEqual(vhp8());
  });

  it('for display, draws circles as polygons and keeps the exact circle in properties.circle', () => {
    const feature = zoneToFeature(vhp8(), { circles: 'polygon', segments: 32 });
    expect(getAt(feature, 'geometry.type')).toBe('MultiPolygon');
    const g = vhp8().geometry;
    expect(getAt(feature, 'properties.circle')).toEqual({
      center: [114.21778, 22.19833],
      radiusM: 914.4,
      sectors: g.type === 'Circle' ? g.sectors : null,
    });
    expect(importZones({ type: 'FeatureCollection', features: [feature] }, 'auto').zones[0].geometry).toEqual(
      vhp8().geometry,
    );
  });

  it('accepts properties.id when Feature.id is absent, and renames duplicate ids with a warning', () => {
    const doc = exportZones(catalogueZones().slice(0, 2), 'geojson');
    setAt(doc, 'features.0.properties.id', 'hkia-rfz');
    deleteAt(doc, 'features.0.id');
    setAt(doc, 'features.1.id', 'hkia-rfz');
    const { zones, warnings } = importZones(doc, 'geojson');
    expect(zones.map((z) => z.id)).toEqual(['hkia-rfz', 'hkia-rfz.2']);
    expect(warnings).toEqual(['feature 1 (hkia-rfz): duplicate zone id "hkia-rfz" renamed "hkia-rfz.2"']);
  });

  const broken: [string, (f: unknown) => void, string, RegExp][] = [
    ['missing geometry', (f) => deleteAt(f, 'geometry'), 'geometry', /geometry/],
    ['Point without radius', (f) => deleteAt(f, 'properties.radiusM'), 'properties.radiusM', /radiusM/],
    ['bad radius', (f) => setAt(f, 'properties.radiusM', 'wide'), 'properties.radiusM', /positive/],
    [
      'bad sector',
      (f) => setAt(f, 'properties.sectors', [{ fromDeg: 90, toDeg: 400 }]),
      'properties.sectors[0].toDeg',
      /./,
    ],
    ['unknown unit', (f) => setAt(f, 'properties.upper.unit', 'yd'), 'properties.upper.unit', /./],
    [
      'swapped coordinates',
      (f) => setAt(f, 'geometry.coordinates', [22.31543, 114.04556]),
      'geometry.coordinates',
      /swapped/,
    ],
    [
      'bad date',
      (f) => setAt(f, 'properties.timing', { windows: [{ from: '2025-02-30' }] }),
      'properties.timing.windows[0].from',
      /./,
    ],
    ['unknown class', (f) => setAt(f, 'properties.class', 'castle'), 'properties.class', /./],
    ['missing provenance', (f) => deleteAt(f, 'properties.provenance'), 'properties.provenance', /./],
    ['missing id', (f) => deleteAt(f, 'id'), 'id', /needs an id/],
  ];
  it.each(broken)('%s fails naming feature and field', (_n, mutate, field, reason) => {
    const doc = exportZones(catalogueZones(), 'geojson');
    const index = featureIndex(doc, 'vhr12');
    mutate(listAt(doc, 'features')[index]);
    const err = formatError(() => importZones(doc, 'geojson'));
    expect(err.feature?.index).toBe(index);
    if (field !== 'id') expect(err.feature?.id).toBe('vhr12');
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
  });

  it('an unclosed ring is closed with a warning; a ring of three points is refused', () => {
    const doc = exportZones(catalogueZones().slice(0, 1), 'geojson');
    const ring = getAt(doc, 'features.0.geometry.coordinates.0') as unknown[];
    ring.pop();
    const r = importZones(clone(doc), 'geojson');
    expect(r.zones[0].geometry).toEqual(catalogueZones()[0].geometry);
    expect(r.warnings).toEqual(['feature 0 (hkia-rfz): geometry.coordinates[0]: ring was not closed; closed it']);
    setAt(doc, 'features.0.geometry.coordinates.0', ring.slice(0, 2));
    expect(formatError(() => importZones(doc, 'geojson')).field).toBe('geometry.coordinates[0]');
  });
});

describe('detectZoneFormat', () => {
  it.each([
    ['ed269/cis_source_sample_ed269.json', 'ed269'],
    ['ed269/cis_source_sample_ed318.json', 'ed318'],
    ['ed318/examples/Example_Collection.json', 'ed318'],
    ['ed318/examples/PartialExample_featureGeoJSON.json', 'ed318'],
  ])('%s → %s', (file, format) => {
    expect(detectZoneFormat(sharedJson(file))).toBe(format);
  });

  it('tells our GeoJSON, the CAD export and the ED-269 features layout apart', () => {
    expect(detectZoneFormat(exportZones(catalogueZones(), 'geojson'))).toBe('geojson');
    expect(detectZoneFormat(fixture('cad-dronemap-synthetic.json'))).toBe('cad-dronemap');
    expect(detectZoneFormat(exportZones(catalogueZones(), 'ed269', { layout: 'features' }))).toBe('ed269');
    expect(detectZoneFormat({ type: 'FeatureCollection', features: [] })).toBe('geojson');
  });

  it('refuses what is not a zone file, naming where it looked', () => {
    expect(formatError(() => detectZoneFormat([])).field).toBe('');
    expect(formatError(() => detectZoneFormat({ foo: 1 })).field).toBe('features');
    const unknown = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: null, properties: { colour: 'red' } }],
    };
    const err = formatError(() => importZones(unknown, 'auto'));
    expect(err.feature).toEqual({ index: 0 });
    expect(err.field).toBe('properties');
  });
});
