import { describe, expect, it } from 'vitest';
import { exportZones, importZones } from '../../rules/src/airspace/formats/index.js';
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
} from './helpers.js';

const FIXTURE = 'cad-dronemap-synthetic.json';

describe('CAD Drone Map export (synthetic fixture)', () => {
  it('is detected and imported as restricted flying zones under s.18', () => {
    const { zones, format } = importZones(fixture(FIXTURE), 'auto');
    expect(format).toBe('cad-dronemap');
    expect(zones).toHaveLength(4);
    for (const z of zones) {
      expect(z.effect).toBe('restricted-flying-zone');
      expect(z.legalBasis).toMatchObject({ instrument: 'Cap. 448G', section: 's.18' });
      expect(z.lower).toEqual({ value: 0, unit: 'm', ref: 'AGL' });
      expect(z.upper).toBeNull();
    }
  });

  it('splits "English / 中文" names and maps descriptions and link', () => {
    const [police] = importZones(fixture(FIXTURE), 'cad-dronemap').zones;
    expect(police).toMatchObject({
      id: 'cad-tst-police',
      name: { en: 'Tsim Sha Tsui Police Station', zh: '尖沙咀警署' },
      class: 'security-facility',
      description: { en: 'Restricted flying zone: permission from CAD required.', zh: '限制飛行區：須獲民航處許可。' },
    });
    expect(police.provenance.source).toBe('https://esua.cad.gov.hk/web/droneMap');
    expect(police.timing).toEqual({ windows: [{ from: '2022-06-01T00:00:00+08:00' }], utcOffset: '+08:00' });
  });

  it('reads several effectiveDateTime ranges in HKT', () => {
    const zones = importZones(fixture(FIXTURE), 'cad-dronemap').zones;
    const sevens = zones.find((z) => z.id === 'cad-tfr-sevens-2025');
    expect(sevens?.class).toBe('temporary-restriction');
    expect(sevens?.timing?.windows).toEqual([
      { from: '2025-03-28T09:30:00+08:00', to: '2025-03-28T22:00:00+08:00' },
      { from: '2025-03-29T08:30:00+08:00', to: '2025-03-29T21:30:00+08:00' },
      { from: '2025-03-30T09:00:00+08:00', to: '2025-03-30T20:30:00+08:00' },
    ]);
  });

  it('guesses classes from names, makes ids, and warns for one-language names', () => {
    const { zones, warnings } = importZones(fixture(FIXTURE), 'cad-dronemap');
    expect(zones[1]).toMatchObject({ id: 'cad-chai-wan-hospital-helipad', class: 'heliport' });
    expect(zones[3]).toMatchObject({ class: 'security-facility', name: { en: '昂船洲軍營', zh: '昂船洲軍營' } });
    expect(zones[3].geometry.type).toBe('MultiPolygon');
    expect(warnings.some((w) => w.startsWith('feature 3: properties.name: one language only'))).toBe(true);
  });

  const F = 'features.0';
  const broken: [string, (d: unknown) => void, string, RegExp][] = [
    ['missing geometry', (d) => deleteAt(d, `${F}.geometry`), 'geometry', /geometry/],
    [
      'a circle is not a Drone Map shape',
      (d) => setAt(d, `${F}.geometry`, { type: 'Point', coordinates: [114.17, 22.3] }),
      'geometry.type',
      /unsupported/,
    ],
    [
      'swapped coordinates',
      (d) => setAt(d, `${F}.geometry.coordinates.0.0`, [22.2968, 114.1712]),
      'geometry.coordinates[0][0]',
      /swapped/,
    ],
    [
      'bad date',
      (d) => setAt(d, `${F}.properties.effectiveDateTime`, '31/2/2022 – '),
      'properties.effectiveDateTime',
      /no such date/,
    ],
    [
      'reversed range',
      (d) => setAt(d, `${F}.properties.effectiveDateTime`, '2/6/2022 – 1/6/2022'),
      'properties.effectiveDateTime',
      /ends before/,
    ],
    ['missing name', (d) => deleteAt(d, `${F}.properties.name`), 'properties.name', /./],
  ];
  it.each(broken)('%s fails naming feature and field', (_n, mutate, field, reason) => {
    const doc = clone(fixture(FIXTURE));
    mutate(doc);
    const err = formatError(() => importZones(doc, 'cad-dronemap'));
    expect(err.feature).toEqual({ index: 0, id: 'cad-tst-police' });
    expect(err.field).toBe(field);
    expect(err.reason).toMatch(reason);
  });

  it('exports circles as polygons and warns about what the map cannot show', () => {
    const warnings: string[] = [];
    const doc = exportZones(catalogueZones(), 'cad-dronemap', {
      extensions: false,
      onWarning: (m) => warnings.push(m),
    });
    for (const f of listAt(doc, 'features')) expect(['Polygon', 'MultiPolygon']).toContain(getAt(f, 'geometry.type'));
    expect(warnings).toContain('vhr12: circle drawn as a polygon');
    expect(warnings).toContain('vhr12: vertical limits are not representable');
    const sevens = featureIndex(doc, 'tfr-2025-hk-sevens-kai-tak');
    expect(getAt(doc, `features.${sevens}.properties.effectiveDateTime`)).toBe(
      '28/3/2025 09:30 – 28/3/2025 22:00; 29/3/2025 08:30 – 29/3/2025 21:30; 30/3/2025 09:00 – 30/3/2025 20:30',
    );
  });
});
