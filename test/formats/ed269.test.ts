import { describe, expect, it } from 'vitest';
import { exportZones, importZones } from '../../rules/src/airspace/formats/index.js';
import { catalogueZones, clone, deleteAt, formatError, getAt, listAt, setAt, sharedJson } from './helpers.js';

describe('ED-269 samples (../shared/data/ed269)', () => {
  it('imports the UASZoneList sample (applicability with an empty dailyPeriod = permanent)', () => {
    const { zones, format, warnings } = importZones(sharedJson('ed269/cis_source_sample_ed269.json'), 'auto');
    expect(format).toBe('ed269');
    expect(zones).toHaveLength(1);
    const [z] = zones;
    expect(z).toMatchObject({
      id: 'LSXX',
      effect: 'restricted-flying-zone',
      class: 'airport',
      designatedBy: 'LSXX City Sample',
    });
    expect(z.timing).toBeUndefined();
    expect(z.lower).toEqual({ value: 0, unit: 'm', ref: 'AGL' });
    expect(z.upper).toBeNull();
    expect(z.geometry.type).toBe('Polygon');
    expect(z.description?.en).toBe('MSG01 Conditions: RST02');
    expect(warnings.some((w) => w.includes('single-language'))).toBe(true);
  });

  it('imports the ED-318 conversion of the same CIS data (tab-indented, multilingual)', () => {
    const { zones, format } = importZones(sharedJson('ed269/cis_source_sample_ed318.json'), 'auto');
    expect(format).toBe('ed318');
    expect(zones.map((z) => z.id)).toEqual(['LSZB003', 'BLns058', 'LSTB002']);
    expect(zones[0].lower).toEqual({ value: 60, unit: 'm', ref: 'AGL' });
    expect(zones[0].upper).toEqual({ value: 99999, unit: 'm', ref: 'AGL' });
    expect(zones[1].class).toBe('aip-restricted');
    expect(zones[0].designatedBy).toBe('Skyguide');
    expect(zones[0].provenance.source).toBe('https://skyguide.ch/services/special-flights');
  });
});

describe('ED-269 layouts', () => {
  it.each(['features', 'UASZoneList'] as const)('%s layout: schedules and circles read back', (layout) => {
    const zones = catalogueZones().filter((z) => z.id === 'vhr12' || z.id.startsWith('tfr-'));
    const doc = exportZones(zones, 'ed269', { layout, extensions: false });
    const list = listAt(doc, layout);
    const named = (prefix: string) => list.find((z) => String(z.name).startsWith(prefix));
    expect(getAt(named('Temporary RFZ: Hong Kong Sevens'), 'applicability.0')).toEqual({
      permanent: 'NO',
      startDateTime: '2025-03-28T09:30:00+08:00',
      endDateTime: '2025-03-28T22:00:00+08:00',
    });
    expect(getAt(named('VHR12'), 'geometry.0.horizontalProjection')).toEqual({
      type: 'Circle',
      center: [114.04556, 22.31543],
      radius: 2500,
    });
    const back = importZones(doc, 'auto');
    expect(back.format).toBe('ed269');
    expect(back.zones.map((z) => z.timing)).toEqual(zones.map((z) => z.timing));
    expect(back.zones.map((z) => z.geometry)).toEqual(zones.map((z) => z.geometry));
  });

  it('reads `schedule` (features) and `dailyPeriod` (UASZoneList) with ED-269 time strings', () => {
    const zone = {
      identifier: 'T1',
      country: 'HKG',
      name: 'Test',
      restriction: 'REQ_AUTHORISATION',
      applicability: [
        {
          permanent: 'NO',
          startDateTime: '2025-07-29T00:00:00+08:00',
          endDateTime: '2025-07-31T23:59:59+08:00',
          schedule: [{ day: ['ANY'], startTime: '00:30:00.00Z', endTime: '05:40Z' }],
        },
      ],
      geometry: [
        {
          uomDimensions: 'FT',
          lowerLimit: '0',
          lowerVerticalReference: 'AGL',
          upperLimit: 400,
          upperVerticalReference: 'AGL',
          horizontalProjection: { type: 'Circle', center: [114.2035, 22.3215], radius: 2000 },
        },
      ],
    };
    const features = importZones({ features: [zone] }, 'auto').zones[0];
    expect(features.timing?.daily).toEqual([{ days: ['ANY'], start: { time: '00:30' }, end: { time: '05:40' } }]);
    expect(features.timing?.utcOffset).toBe('+00:00');
    expect(features.upper).toEqual({ value: 400, unit: 'ft', ref: 'AGL' });
    const { schedule, ...rest } = zone.applicability[0];
    const listed = importZones(
      { UASZoneList: [{ ...zone, applicability: [{ ...rest, dailyPeriod: schedule }] }] },
      'auto',
    ).zones[0];
    expect(listed.timing).toEqual(features.timing);
  });

  it('converts mixed UTC offsets to one local time, shifting weekdays across midnight', () => {
    const zone = {
      identifier: 'T2',
      country: 'HKG',
      name: 'Mixed',
      restriction: 'NO_RESTRICTION',
      applicability: [
        {
          permanent: 'NO',
          schedule: [
            { day: ['MON'], startTime: '09:00+08:00', endTime: '10:00+08:00' },
            { day: ['MON'], startTime: '20:00Z', endTime: '21:00Z' },
          ],
        },
      ],
      geometry: [
        {
          uomDimensions: 'M',
          lowerLimit: 0,
          lowerVerticalReference: 'AGL',
          upperLimit: null,
          upperVerticalReference: 'AGL',
          horizontalProjection: { type: 'Circle', center: [114.2, 22.3], radius: 100 },
        },
      ],
    };
    const [z] = importZones({ features: [zone] }, 'ed269').zones;
    expect(z.timing?.utcOffset).toBe('+08:00');
    expect(z.timing?.daily?.[1]).toEqual({ days: ['TUE'], start: { time: '04:00' }, end: { time: '05:00' } });
  });
});

describe('broken ED-269 files name the feature and field', () => {
  const Z = 'UASZoneList.0';
  const HP = `${Z}.geometry.0.horizontalProjection`;
  const cases: [string, (d: unknown) => void, string, RegExp][] = [
    ['missing geometry', (d) => deleteAt(d, `${Z}.geometry`), 'geometry', /./],
    ['empty geometry', (d) => setAt(d, `${Z}.geometry`, []), 'geometry', /at least one/],
    [
      'bad radius',
      (d) => setAt(d, HP, { type: 'Circle', center: [6.17, 46.21], radius: 0 }),
      'geometry[0].horizontalProjection.radius',
      /positive/,
    ],
    [
      'unknown uom',
      (d) => setAt(d, `${Z}.geometry.0.uomDimensions`, 'YD'),
      'geometry[0].uomDimensions',
      /unknown unit/,
    ],
    [
      'non-numeric limit',
      (d) => setAt(d, `${Z}.geometry.0.lowerLimit`, 'ground'),
      'geometry[0].lowerLimit',
      /expected a number/,
    ],
    [
      'swapped coordinates',
      (d) => setAt(d, `${HP}.coordinates.0.1`, [46.21, 116.17]),
      'geometry[0].horizontalProjection.coordinates[0][1]',
      /swapped/,
    ],
    [
      'bad date',
      (d) => setAt(d, `${Z}.applicability.0.startDateTime`, '30/02/2025'),
      'applicability[0].startDateTime',
      /./,
    ],
    [
      'unknown projection',
      (d) => setAt(d, `${HP}.type`, 'Ellipse'),
      'geometry[0].horizontalProjection.type',
      /unsupported/,
    ],
    ['unknown restriction', (d) => setAt(d, `${Z}.restriction`, 'MAYBE'), 'restriction', /unknown restriction/],
  ];
  it.each(cases)('%s', (_name, mutate, field, reason) => {
    const doc = clone(sharedJson('ed269/cis_source_sample_ed269.json'));
    mutate(doc);
    const err = formatError(() => importZones(doc, 'ed269'));
    expect(err.feature).toEqual({ index: 0, id: 'LSXX' });
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
  });

  it('a file with neither UASZoneList nor features is rejected at the root', () => {
    const err = formatError(() => importZones({ zones: [] }, 'ed269'));
    expect(err.feature).toBeNull();
    expect(err.field).toBe('UASZoneList');
  });
});
