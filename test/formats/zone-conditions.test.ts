import { describe, expect, it } from 'vitest';
import { importZones } from '../../rules/src/airspace/formats/index.js';
import type { Report, Zone } from '../../rules/src/model/index.js';
import { BASE, boundaryZone, check, createPlan, east, lineRoute, north, squareZone } from '../engine/helpers.js';
import { clone, formatError, sharedJson } from './helpers.js';

const SAMPLE = 'ed269/cis_source_sample_ed269.json';

/** The InterUSS ED-269 sample with its first zone's members replaced. */
function ed269With(members: Record<string, unknown>): { UASZoneList: Record<string, unknown>[] } {
  const doc = clone(sharedJson(SAMPLE)) as { UASZoneList: Record<string, unknown>[] };
  Object.assign(doc.UASZoneList[0], members);
  return doc;
}

describe('ED-269 as publishers write it', () => {
  it('the InterUSS sample with an array-valued uSpaceClass imports with a warning; the classes are kept', () => {
    const { zones, warnings } = importZones(ed269With({ uSpaceClass: ['EUROCONTROL', 'CORUS'] }), 'ed269');
    expect(zones).toHaveLength(1);
    expect(zones[0].conditions).toEqual({ uSpaceClasses: ['EUROCONTROL', 'CORUS'], other: ['RST02'] });
    expect(warnings).toContain(
      'feature 0 (LSXX): uSpaceClass: a list where ED-269 has one code; read as the classes EUROCONTROL, CORUS',
    );
  });

  it('a single uSpaceClass is read without a list warning; the untouched sample keeps its condition code', () => {
    const one = importZones(ed269With({ uSpaceClass: 'EUROCONTROL' }), 'ed269');
    expect(one.zones[0].conditions?.uSpaceClasses).toEqual(['EUROCONTROL']);
    expect(one.warnings.some((w) => w.includes('uSpaceClass'))).toBe(false);
    const asIs = importZones(sharedJson(SAMPLE), 'ed269');
    expect(asIs.zones[0].conditions).toEqual({ other: ['RST02'] });
  });

  it('a reason written as one code and extra members are accepted, each with a warning', () => {
    const { zones, warnings } = importZones(ed269With({ reason: 'AIR_TRAFFIC', publisherNote: 'x' }), 'ed269');
    expect(zones[0].class).toBe('airport');
    expect(warnings).toContain('feature 0 (LSXX): reason: one code where ED-269 has a list; read as a list of one');
    expect(warnings).toContain('feature 0 (LSXX): members not in the standard ignored: publisherNote');
  });

  it.each([
    [{ uSpaceClass: 42 }, 'uSpaceClass'],
    [{ uSpaceClass: ['EUROCONTROL', 7] }, 'uSpaceClass'],
    [{ restrictionConditions: { when: 'BVLOS' } }, 'restrictionConditions'],
    [{ reason: [{ code: 'AIR_TRAFFIC' }] }, 'reason'],
  ])('refuses %j naming the field', (members, field) => {
    const err = formatError(() => importZones(ed269With(members), 'ed269'));
    expect(err.field.startsWith(field)).toBe(true);
  });
});

describe('ED-318 as publishers write it', () => {
  it('a list of restrictionConditions and an ED-269 uSpaceClass are kept, each with a warning', () => {
    const doc = clone(sharedJson('ed269/cis_source_sample_ed318.json')) as {
      features: { properties: Record<string, unknown> }[];
    };
    Object.assign(doc.features[0].properties, { restrictionConditions: ['BVLOS', 'RST02'], uSpaceClass: 'CORUS' });
    const { zones, warnings } = importZones(doc, 'ed318');
    expect(zones[0].conditions).toEqual({ operations: ['BVLOS'], uSpaceClasses: ['CORUS'], other: ['RST02'] });
    expect(warnings.filter((w) => /restrictionConditions|uSpaceClass/.test(w))).toEqual([
      'feature 0 (LSZB003): properties.restrictionConditions: a list where ED-318 has one string; each entry read as a condition',
      "feature 0 (LSZB003): properties.uSpaceClass: an ED-269 member, not ED-318; kept as the zone's U-space classes",
      'feature 0 (LSZB003): properties.restrictionConditions: BVLOS read as: the zone applies to BVLOS operations only',
    ]);
    // The Swiss sample's own free-text condition is kept as written.
    expect(zones[1].conditions?.other?.[0]).toMatch(/exemption permit/);
  });
});

/** An ED-269 zone of about 400 m square around BASE, restricted (REQ_AUTHORISATION) under these conditions. */
function conditionalZone(restrictionConditions: string[]): Zone {
  const [lon, lat] = BASE;
  const ring = [
    [east(lon, lat, -200), north(lat, -200)],
    [east(lon, lat, 200), north(lat, -200)],
    [east(lon, lat, 200), north(lat, 200)],
    [east(lon, lat, -200), north(lat, 200)],
    [east(lon, lat, -200), north(lat, -200)],
  ];
  const doc = ed269With({
    identifier: 'HKX01',
    restrictionConditions,
    geometry: [
      {
        uomDimensions: 'M',
        lowerLimit: 0,
        lowerVerticalReference: 'AGL',
        upperLimit: 150,
        upperVerticalReference: 'AGL',
        horizontalProjection: { type: 'Polygon', coordinates: [ring] },
      },
    ],
  });
  return importZones(doc, 'ed269').zones[0];
}

const route = lineRoute([east(BASE[0], BASE[1], -500), BASE[1]], [east(BASE[0], BASE[1], 500), BASE[1]]);
const zoneFindings = (r: Report, id: string) => r.findings.filter((f) => f.zoneId === id).map((f) => f.ruleId);
const notes = (r: Report) => r.assumptions.map((a) => a.en).filter((a) => a.includes('HKX01'));

describe('a zone restricted to some operations applies only to those', () => {
  const bvlosOnly = conditionalZone(['BVLOS']);
  const vlos = createPlan({ route });
  const bvlos = createPlan({ route, operation: { vlos: false } });

  it('a VLOS flight through a BVLOS-only zone gets no zone finding, and the report says why', () => {
    const r = check(vlos, { zones: [boundaryZone(), bvlosOnly] });
    expect(zoneFindings(r, 'HKX01')).toEqual([]);
    expect(notes(r)).toEqual([
      'Zone LSXX City Sample (HKX01) applies only to BVLOS operations: this flight (category A2, VLOS) is not subject to it.',
    ]);
  });

  it('a BVLOS flight through the same zone is caught by it', () => {
    const r = check(bvlos, { zones: [boundaryZone(), bvlosOnly] });
    expect(zoneFindings(r, 'HKX01')).toEqual(['rfz']);
    expect(notes(r)).toEqual([]);
  });

  it('conditions with no meaning in Hong Kong law are applied and stated, never dropped', () => {
    const zone = conditionalZone(['RST02', 'class C2']);
    const r = check(vlos, { zones: [boundaryZone(), zone] });
    expect(zoneFindings(r, 'HKX01')).toEqual(['rfz']);
    expect(notes(r)).toEqual([
      'Zone LSXX City Sample (HKX01) states conditions with no meaning in Hong Kong law, not evaluated: UAS class C2; RST02. The zone is applied to this flight as if they held.',
    ]);
  });

  it('a zone for some categories applies only to those (native zone conditions)', () => {
    const forB = squareZone('cat-b-only', 'restricted-flying-zone', BASE, 200, { conditions: { categories: ['B'] } });
    expect(zoneFindings(check(vlos, { zones: [boundaryZone(), forB] }), 'cat-b-only')).toEqual([]);
    const heavy = createPlan({ route, aircraft: { mass: { value: 10, unit: 'kg' } } });
    const r = check(heavy, { zones: [boundaryZone(), forB] });
    expect(r.category).toBe('B');
    expect(zoneFindings(r, 'cat-b-only')).toEqual(['rfz']);
  });
});
