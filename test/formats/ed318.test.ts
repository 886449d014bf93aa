import { describe, expect, it } from 'vitest';
import {
  exportZones,
  importZones,
  parseEd318Authority,
  parseEd318Properties,
  parseEd318TimePeriod,
} from '../../rules/src/airspace/formats/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import {
  catalogueZones,
  clone,
  deleteAt,
  ed318Examples,
  ed318Schema,
  featureIndex,
  formatError,
  getAt,
  listAt,
  schemaErrors,
  setAt,
  sharedJson,
  subSchema,
} from './helpers.js';

describe('ED-318 official examples (../shared/data/ed318/examples)', () => {
  const valid = ed318Examples('Example_');
  it('finds the examples', () => {
    expect(valid.length).toBeGreaterThanOrEqual(4);
  });

  it.each(valid)('%s validates against the official schema and imports', (file) => {
    const doc = sharedJson(`ed318/examples/${file}`);
    expect(schemaErrors(ed318Schema().collection, doc)).toBe('');
    const { zones, format } = importZones(doc, 'auto');
    expect(format).toBe('ed318');
    expect(zones.length).toBeGreaterThan(0);
    for (const f of listAt(doc, 'features')) {
      const identifier = String(getAt(f, 'properties.identifier'));
      expect(zones.some((z) => z.id.startsWith(identifier))).toBe(true);
    }
  });

  it('reads the circle example as a true circle with its layer', () => {
    const [zone] = importZones(sharedJson('ed318/examples/Example_GeoZone_Circle.json'), 'ed318').zones;
    expect(zone.geometry).toEqual({ type: 'Circle', center: [2.636866, 50.122901], radiusM: 3500 });
    expect(zone.lower).toEqual({ value: 50, unit: 'm', ref: 'AGL' });
    expect(zone.upper).toEqual({ value: 150, unit: 'm', ref: 'AGL' });
    expect(zone.effect).toBe('prohibition');
  });

  it('splits the two-layer zone into one zone per layer and keeps its schedule', () => {
    const { zones, warnings } = importZones(sharedJson('ed318/examples/Example_GeoZone_2_Layers.json'), 'ed318');
    expect(zones.map((z) => [z.id, z.lower.value, z.upper?.value])).toEqual([
      ['NFZ6547.1', 50, 150],
      ['NFZ6547.2', 0, 50],
    ]);
    expect(warnings.some((w) => w.includes('split into 2 zones'))).toBe(true);
    expect(zones[0].effect).toBe('restricted-flying-zone');
    expect(zones[0].timing).toEqual({
      windows: [{ from: '2018-12-31T15:59:59Z', to: '2019-12-31T15:59:59Z' }],
      daily: [
        { days: ['ANY'], start: { time: '16:00' }, end: { time: '17:00' } },
        { days: ['SUN'], start: { time: '10:00' }, end: { time: '12:00' } },
      ],
      utcOffset: '+00:00',
    });
  });

  it('tolerates extension members (extendedProperties)', () => {
    const { zones } = importZones(sharedJson('ed318/examples/Example_GeoZone_with_extension.json'), 'ed318');
    expect(zones).toHaveLength(1);
  });

  it.each(ed318Examples('InvalidExample_'))('%s fails naming metadata.validFrom', (file) => {
    const doc = sharedJson(`ed318/examples/${file}`);
    expect(schemaErrors(ed318Schema().collection, doc)).not.toBe('');
    const err = formatError(() => importZones(doc, 'ed318'));
    expect(err.field).toBe('metadata.validFrom');
    expect(err.feature).toBeNull();
    expect(err.message).toMatch(/metadata\.validFrom/);
  });
});

describe('ED-318 fragments through sub-parsers', () => {
  it('PartialExample_TimePeriod → Timing (schedule parser)', () => {
    const raw = sharedJson('ed318/examples/PartialExample_TimePeriod.json');
    expect(schemaErrors(subSchema('Schema_GeoZoneTimePeriod.json'), raw)).toBe('');
    const { timing } = parseEd318TimePeriod(raw);
    expect(timing?.windows).toEqual([{ from: '2023-10-29T00:00:00Z', to: '2024-03-31T23:59:59Z' }]);
    expect(timing?.daily?.map((d) => d.days)).toEqual([['ANY'], ['SUN']]);
    expect(timing?.utcOffset).toBe('+00:00');
  });

  it('PartialExample_GeoZoneProperties → zone properties (properties parser)', () => {
    const raw = sharedJson('ed318/examples/PartialExample_GeoZoneProperties.json');
    expect(schemaErrors(subSchema('Schema_GeoZoneProperties.json'), raw)).toBe('');
    const p = parseEd318Properties(raw);
    expect(p).toMatchObject({
      identifier: 'NFZ6547',
      country: 'FRA',
      effect: 'restricted-flying-zone',
      class: 'airport',
    });
    expect(p.name.en).toBe('LFPG-2');
    expect(p.designatedBy).toBe('LFPG-UASZoneManager');
    expect(p.warnings.some((w) => w.includes('no Chinese text'))).toBe(true);
  });

  it('PartialExample_ZoneAuthority → authority (authority parser)', () => {
    const raw = sharedJson('ed318/examples/PartialExample_ZoneAuthority.json');
    expect(schemaErrors(subSchema('Schema_GeoZoneAuthority.json'), raw)).toBe('');
    const a = parseEd318Authority(raw);
    expect(a.purpose).toBe('NOTIFICATION');
    expect(a.name?.en.trim()).toBe('Civil Aviation Authority');
  });

  it('PartialExample_featureGeoJSON → one feature through the feature importer', () => {
    const { zones, format } = importZones(sharedJson('ed318/examples/PartialExample_featureGeoJSON.json'), 'auto');
    expect(format).toBe('ed318');
    expect(zones.map((z) => z.id)).toEqual(['NFZ6547.1', 'NFZ6547.2']);
  });

  it('the authority parser requires a purpose', () => {
    expect(formatError(() => parseEd318Authority({ name: [] })).field).toBe('zoneAuthority.purpose');
  });
});

describe('ED-318 export against the official JSON Schema (ajv, draft-07)', () => {
  it.each([true, false])('the HK catalogue export is schema-valid (extensions: %s)', (extensions) => {
    const doc = exportZones(catalogueZones(), 'ed318', { extensions, issued: '2026-11-25T00:00:00+08:00' });
    expect(schemaErrors(ed318Schema().collection, doc)).toBe('');
  });

  it('exports circles as Point + extent and VHP8 sectors as polygons', () => {
    const warnings: string[] = [];
    const doc = exportZones(catalogueZones(), 'ed318', { onWarning: (m) => warnings.push(m) });
    const geometryOf = (id: string) => getAt(doc, `features.${featureIndex(doc, id)}.geometry`);
    expect(geometryOf('vhr12')).toMatchObject({
      type: 'Point',
      extent: { subType: 'Circle', radius: 2500 },
      layer: { lower: 0, lowerReference: 'AGL', upper: 4000, upperReference: 'AMSL', uom: 'ft' },
    });
    expect(geometryOf('vhp8')).toMatchObject({ type: 'MultiPolygon' });
    expect(warnings).toEqual(['vhp8: circle sectors drawn as polygons (ED-318 circles have no sectors)']);
    for (const f of listAt(doc, 'features'))
      expect(String(getAt(f, 'properties.identifier')).length).toBeLessThanOrEqual(7);
  });

  it('a schedule with solar events and a cross-midnight period is schema-valid and reads back', () => {
    const [base] = catalogueZones();
    const zone: Zone = {
      ...base,
      id: 'night',
      timing: {
        windows: [{ from: '2026-01-01T00:00:00+08:00' }],
        daily: [
          { days: ['FRI', 'SAT'], start: { time: '22:00' }, end: { time: '02:00' } },
          { days: ['ANY'], start: { event: 'SS', offsetMin: 0 }, end: { event: 'SR', offsetMin: 0 } },
        ],
        utcOffset: '+08:00',
      },
    };
    const doc = exportZones([zone], 'ed318', { extensions: false });
    expect(schemaErrors(ed318Schema().collection, doc)).toBe('');
    expect(importZones(doc, 'ed318').zones[0].timing).toEqual(zone.timing);
  });
});

describe('ED-318 codes', () => {
  function circleDoc(): unknown {
    return clone(sharedJson('ed318/examples/Example_GeoZone_Circle.json'));
  }

  it('maps WGS84 heights to AMSL with a warning, and feet', () => {
    const doc = circleDoc();
    setAt(doc, 'features.0.geometry.layer.upperReference', 'WGS84');
    setAt(doc, 'features.0.geometry.layer.uom', 'ft');
    const { zones, warnings } = importZones(doc, 'ed318');
    expect(zones[0].upper).toEqual({ value: 150, unit: 'ft', ref: 'AMSL' });
    expect(warnings.some((w) => w.includes('ellipsoidal'))).toBe(true);
  });

  it.each([
    ['PROHIBITED', 'prohibition'],
    ['REQ_AUTHORIZATION', 'restricted-flying-zone'],
    ['CONDITIONAL', 'advisory'],
    ['NO_RESTRICTION', 'advisory'],
  ])('restriction %s → %s', (type, effect) => {
    const doc = circleDoc();
    setAt(doc, 'features.0.properties.type', type);
    expect(importZones(doc, 'ed318').zones[0].effect).toBe(effect);
  });

  it('picks zh-HK over other Chinese tags and falls back to English with a warning', () => {
    const doc = circleDoc();
    setAt(doc, 'features.0.properties.name', [
      { text: 'Zone', lang: 'en-GB' },
      { text: '区', lang: 'zh-CN' },
      { text: '區', lang: 'zh-HK' },
    ]);
    expect(importZones(doc, 'ed318').zones[0].name).toEqual({ en: 'Zone', zh: '區' });
    setAt(doc, 'features.0.properties.name', [{ text: 'Zone', lang: 'en-GB' }]);
    const r = importZones(doc, 'ed318');
    expect(r.zones[0].name).toEqual({ en: 'Zone', zh: 'Zone' });
    expect(r.warnings.some((w) => w.includes('properties.name: no Chinese text'))).toBe(true);
  });
});

describe('broken ED-318 files name the feature and field', () => {
  const F = 'features.1';
  const cases: [string, (d: unknown) => void, string, RegExp][] = [
    ['missing geometry', (d) => deleteAt(d, `${F}.geometry`), 'geometry', /geometry/],
    ['bad radius', (d) => setAt(d, `${F}.geometry.extent.radius`, -5), 'geometry.extent.radius', /positive/],
    ['missing radius', (d) => deleteAt(d, `${F}.geometry.extent.radius`), 'geometry.extent.radius', /positive/],
    ['unknown uom', (d) => setAt(d, `${F}.geometry.layer.uom`, 'yd'), 'geometry.layer.uom', /unknown unit/],
    [
      'unknown reference',
      (d) => setAt(d, `${F}.geometry.layer.upperReference`, 'XYZ'),
      'geometry.layer.upperReference',
      /vertical reference/,
    ],
    [
      'latitude out of range',
      (d) => setAt(d, `${F}.geometry.coordinates`, [2.6, 150.1]),
      'geometry.coordinates',
      /swapped/,
    ],
    [
      'bad date',
      (d) => setAt(d, `${F}.properties.limitedApplicability`, [{ startDateTime: '2025-13-45T00:00:00Z' }]),
      'properties.limitedApplicability[0].startDateTime',
      /./,
    ],
    [
      'bad time',
      (d) =>
        setAt(d, `${F}.properties.limitedApplicability`, [{ schedule: [{ day: ['MON'], startTime: '25:00:00Z' }] }]),
      'properties.limitedApplicability[0].schedule[0].startTime',
      /time of day/,
    ],
    [
      'bad weekday',
      (d) => setAt(d, `${F}.properties.limitedApplicability`, [{ schedule: [{ day: ['MONDAY'] }] }]),
      'properties.limitedApplicability[0].schedule[0].day[0]',
      /./,
    ],
    [
      'unknown restriction',
      (d) => setAt(d, `${F}.properties.type`, 'FORBIDDEN'),
      'properties.type',
      /unknown restriction/,
    ],
    ['no zone authority', (d) => deleteAt(d, `${F}.properties.zoneAuthority`), 'properties.zoneAuthority', /./],
    ['lower above upper', (d) => setAt(d, `${F}.geometry.layer.lower`, 500), 'geometry.layer.lower', /above the upper/],
  ];
  it.each(cases)('%s', (_name, mutate, field, reason) => {
    const doc = clone(sharedJson('ed318/examples/Example_Collection.json'));
    mutate(doc);
    const err = formatError(() => importZones(doc, 'ed318'));
    expect(err.feature).toEqual({ index: 1, id: 'ABC1234' });
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
    expect(err.message).toContain(`feature 1 (ABC1234): ${field}`);
  });

  it('swapped [lat, lon] in an HK export is caught', () => {
    const doc = exportZones(catalogueZones(), 'ed318');
    const i = featureIndex(doc, 'vhr12');
    const [lon, lat] = getAt(doc, `features.${i}.geometry.coordinates`) as number[];
    setAt(doc, `features.${i}.geometry.coordinates`, [lat, lon]);
    const err = formatError(() => importZones(doc, 'ed318'));
    expect(err.feature).toEqual({ index: i, id: 'vhr12' });
    expect(err.field).toBe('geometry.coordinates');
    expect(err.reason).toMatch(/swapped/);
  });

  it('polygon vertex errors name the ring and position', () => {
    const doc = clone(sharedJson('ed318/examples/Example_Collection.json'));
    setAt(doc, 'features.0.geometry.geometries.0.coordinates.0.2', [Number.NaN, 1]);
    const err = formatError(() => importZones(doc, 'ed318'));
    expect(err.field).toBe('geometry.geometries[0].coordinates[0][2][0]');
  });
});
