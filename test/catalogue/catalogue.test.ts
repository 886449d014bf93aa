import { readFileSync } from 'node:fs';
import { bearing, booleanPointInPolygon, destination, distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { parseZoneCatalogue } from '../../rules/src/airspace/formats/catalogue.js';
import { Zone } from '../../rules/src/model/zone.js';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../../rules/data/zones/hk-catalogue.json', import.meta.url), 'utf8'),
);
const catalogue = parseZoneCatalogue(raw);
const byId = new Map(catalogue.zones.map((z) => [z.id, z]));

function zone(id: string): Zone {
  const z = byId.get(id);
  if (!z) throw new Error(`catalogue has no zone ${id}`);
  return z;
}

/** Simple 2-D containment for the test (the real index is another module's): boundary inclusive. */
function contains(z: Zone, lat: number, lon: number): boolean {
  const p = point([lon, lat]);
  const g = z.geometry;
  if (g.type === 'Circle') {
    const d = distance(point(g.center), p, { units: 'meters' });
    if (d > g.radiusM) return false;
    if (!g.sectors || d === 0) return true;
    const b = (bearing(point(g.center), p) + 360) % 360;
    return g.sectors.some((s) =>
      s.fromDeg <= s.toDeg ? b >= s.fromDeg && b <= s.toDeg : b >= s.fromDeg || b <= s.toDeg,
    );
  }
  return booleanPointInPolygon(p, g);
}

/** Hong Kong places named in ../shared/domain/hk-drone-law.md (lat, lon as listed there). */
const HK_PLACES: [string, number, number][] = [
  ['HKIA ARP', 22.30889, 113.91472],
  ['Shek Kong ARP', 22.43667, 114.08028],
  ['Shun Tak heliport', 22.28901, 114.15196],
  ['Cheung Chau helipad', 22.2081, 114.0312],
  ['Stanley Fort VHP8', 22.19833, 114.21778],
  ["Penny's Bay VHR12", 22.31543, 114.04556],
  ['Kau Shat Wan VHR13', 22.272, 114.0205],
  ['VHD5 north vertex', 22.44806, 113.96167],
  ['VHD11 south-east corner', 22.26667, 114.5],
  ['San Uk Ling', 22.523, 114.1255],
  ['Shek Pik Prison', 22.222, 113.89],
  ['Cyberport', 22.2606, 114.1298],
  ['HKSTP', 22.4265, 114.2105],
  ['Lamma Yung Shue Wan', 22.227, 114.11],
  ['Ma Wan', 22.35, 114.06],
  ['Tung Chung', 22.289, 113.9415],
  ['North District Hospital', 22.4966, 114.1245],
  ['Po Toi O', 22.2925, 114.2865],
  ['HK Observatory', 22.302, 114.1743],
  ['Tung Ping Chau (Mirs Bay)', 22.545, 114.43],
];

describe('HK zone catalogue file', () => {
  it('validates every zone against the Zone schema', () => {
    expect(catalogue.zones.length).toBeGreaterThan(20);
    for (const z of catalogue.zones) expect(Zone.safeParse(z).success).toBe(true);
  });

  it('has a date-based version', () => {
    expect(catalogue.version).toMatch(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/);
  });

  it('has unique ids', () => {
    expect(new Set(catalogue.zones.map((z) => z.id)).size).toBe(catalogue.zones.length);
  });

  it('names every zone in English and Traditional Chinese, with provenance', () => {
    for (const z of catalogue.zones) {
      expect(z.name.en, z.id).toMatch(/[A-Za-z]/);
      expect(z.name.zh, z.id).toMatch(/[\u4e00-\u9fff]/);
      expect(z.provenance.source, z.id).not.toBe('');
      expect(z.provenance.note, z.id).toBeTruthy();
    }
  });

  it('cites s.18 for restricted flying zones, Cap. 448E for the prohibition, eAIP ENR 5.1 for AIP areas', () => {
    for (const z of catalogue.zones) {
      if (z.effect === 'restricted-flying-zone')
        expect(z.legalBasis, z.id).toMatchObject({ instrument: 'Cap. 448G', section: 's.18' });
      if (z.class === 'prohibition-448e') expect(z.legalBasis?.instrument, z.id).toBe('Cap. 448E');
      if (z.class.startsWith('aip-')) {
        expect(z.effect, z.id).toBe('advisory');
        expect(z.legalBasis?.section, z.id).toBe('ENR 5.1');
        expect(z.provenance.accuracy, z.id).toBe('official');
      }
    }
  });

  it('keeps vertical limits as published (VHR12 SFC–4,000 ft ALT; VHP8 GND–1,000 ft ALT)', () => {
    expect(zone('vhr12').lower).toEqual({ value: 0, unit: 'ft', ref: 'AGL' });
    expect(zone('vhr12').upper).toEqual({ value: 4000, unit: 'ft', ref: 'AMSL' });
    expect(zone('vhp8').upper).toEqual({ value: 1000, unit: 'ft', ref: 'AMSL' });
    expect(zone('pennys-bay-448e').upper).toEqual({ value: 4000, unit: 'ft', ref: 'AMSL' });
    for (const z of catalogue.zones.filter((x) => x.effect === 'restricted-flying-zone')) {
      expect(z.lower.value, z.id).toBe(0);
      expect(z.upper, z.id).toBeNull();
    }
  });

  it('keeps circles as circles (VHP8 with its two sectors)', () => {
    const g = zone('vhp8').geometry;
    expect(g.type).toBe('Circle');
    if (g.type !== 'Circle') return;
    expect(g.radiusM).toBeCloseTo(3000 * 0.3048, 6);
    expect(g.sectors).toEqual([
      { fromDeg: 90, toDeg: 120 },
      { fromDeg: 230, toDeg: 270 },
    ]);
  });

  it('marks the 448E zone as a derived proxy of VHR12', () => {
    const p = zone('pennys-bay-448e');
    expect(p.effect).toBe('prohibition');
    expect(p.geometry).toEqual(zone('vhr12').geometry);
    expect(p.provenance.accuracy).toBe('derived');
  });

  it('gives temporary restrictions their real validity windows in HKT', () => {
    const sevens = zone('tfr-2025-hk-sevens-kai-tak').timing?.windows ?? [];
    expect(sevens).toHaveLength(3);
    expect(sevens[1]).toEqual({ from: '2025-03-29T08:30:00+08:00', to: '2025-03-29T21:30:00+08:00' });
    const kaiTak = zone('tfr-2025-hkff-kai-tak-youth').timing?.windows ?? [];
    expect(kaiTak.filter((w) => w.from?.startsWith('2025-07-23'))).toHaveLength(2);
    for (const w of [...sevens, ...kaiTak]) expect(Date.parse(w.to ?? '')).toBeGreaterThan(Date.parse(w.from ?? ''));
  });
});

describe('known places fall in the right zones', () => {
  const cases: [string, number, number, string, boolean][] = [
    ['HKIA ARP', 22.30889, 113.91472, 'hkia-rfz', true],
    ['Shek Pik Prison', 22.222, 113.89, 'hkia-rfz', false],
    ['Shek Pik Prison', 22.222, 113.89, 'shek-pik-prison', true],
    ['Shek Kong ARP', 22.43667, 114.08028, 'shek-kong-rfz', true],
    ['Hong Kong Disneyland', 22.313, 114.0413, 'vhr12', true],
    ['Hong Kong Disneyland', 22.313, 114.0413, 'pennys-bay-448e', true],
    ['Ma Wan', 22.35, 114.06, 'pennys-bay-448e', false],
    ['mid-harbour', 22.288, 114.17, 'victoria-harbour', true],
    ['Victoria Peak', 22.2759, 114.1455, 'victoria-harbour', false],
    ['Victoria Peak', 22.2759, 114.1455, 'victoria-peak', true],
    ['Stanley Prison', 22.214, 114.2165, 'vhp8', false],
    ['Stanley Prison', 22.214, 114.2165, 'stanley-prison', true],
    ['LegCo', 22.2815, 114.1662, 'cgo-legco-central-barracks', true],
    ['Central Barracks', 22.2823, 114.166, 'cgo-legco-central-barracks', true],
    ['Kai Tak main stadium', 22.3225, 114.2005, 'tfr-2025-hk-sevens-kai-tak', true],
    ['HK Stadium', 22.2755, 114.191, 'tfr-2025-hkff-hk-stadium', true],
    ['HKSTP', 22.4265, 114.2105, 'tfr-2025-hkff-kai-tak-youth', false],
    ['Shenzhen city centre', 22.543, 114.058, 'hksar-boundary', false],
    ['Macau', 22.19, 113.54, 'hksar-boundary', false],
  ];
  it.each(cases)('%s in %s? (%s)', (_name, lat, lon, id, expected) => {
    expect(contains(zone(id), lat, lon)).toBe(expected);
  });

  it('VHP8 contains points in its sectors and not between them', () => {
    const g = zone('vhp8').geometry;
    if (g.type !== 'Circle') throw new Error('VHP8 must be a circle');
    const at = (brg: number, m: number) =>
      destination(point(g.center), m, brg, { units: 'meters' }).geometry.coordinates;
    const inside = (brg: number, m: number) => {
      const [lon, lat] = at(brg, m);
      return contains(zone('vhp8'), lat, lon);
    };
    expect(inside(100, 500)).toBe(true);
    expect(inside(250, 900)).toBe(true);
    expect(inside(180, 500)).toBe(false);
    expect(inside(100, 950)).toBe(false);
  });

  it.each(HK_PLACES)('the HKSAR boundary contains %s', (_name, lat, lon) => {
    expect(contains(zone('hksar-boundary'), lat, lon)).toBe(true);
  });

  it('the HKSAR boundary contains every other zone (circle centres and polygon vertices)', () => {
    const boundary = zone('hksar-boundary');
    for (const z of catalogue.zones) {
      if (z.id === boundary.id) continue;
      const g = z.geometry;
      const pts =
        g.type === 'Circle' ? [g.center] : g.type === 'Polygon' ? g.coordinates[0] : g.coordinates.flatMap((p) => p[0]);
      for (const [lon, lat] of pts) expect(contains(boundary, lat, lon), `${z.id} at ${lat},${lon}`).toBe(true);
    }
  });
});
