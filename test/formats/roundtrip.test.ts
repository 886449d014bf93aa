import { describe, expect, it } from 'vitest';
import {
  type ExportOptions,
  exportZones,
  importZones,
  type ZoneFormat,
} from '../../rules/src/airspace/formats/index.js';
import type { Zone } from '../../rules/src/model/zone.js';
import { catalogueZones, ed318Schema, featureIndex, schemaErrors, setAt } from './helpers.js';

const VARIANTS: [string, ZoneFormat, ExportOptions][] = [
  ['geojson (circles as points)', 'geojson', {}],
  ['geojson (circles as polygons for display)', 'geojson', { circles: 'polygon' }],
  ['ed318', 'ed318', {}],
  ['ed269 features', 'ed269', { layout: 'features' }],
  ['ed269 UASZoneList', 'ed269', { layout: 'UASZoneList' }],
  ['cad-dronemap', 'cad-dronemap', {}],
];

/**
 * What each format cannot hold without our extension member (zone fields that differ after
 * export → import of the HK catalogue). Keep in step with the report and the codes.ts tables.
 */
const LOSSES: Record<string, string[]> = {
  'geojson (circles as points)': [],
  'geojson (circles as polygons for display)': [],
  // class partly (codes.ts table), boundary → advisory, VHP8 sectors → polygons, no legal basis/provenance/appliesTo
  ed318: ['appliesTo', 'class', 'designatedBy', 'effect', 'geometry', 'legalBasis', 'provenance'],
  // as ED-318, plus: single-language name and message (Chinese lost), 7-character identifier instead of our id
  'ed269 features': [
    'appliesTo',
    'class',
    'description',
    'designatedBy',
    'effect',
    'geometry',
    'id',
    'legalBasis',
    'name',
    'provenance',
  ],
  'ed269 UASZoneList': [
    'appliesTo',
    'class',
    'description',
    'designatedBy',
    'effect',
    'geometry',
    'id',
    'legalBasis',
    'name',
    'provenance',
  ],
  // polygons only, no vertical limits, no daily periods, no authority; class/effect guessed from the name
  'cad-dronemap': ['appliesTo', 'designatedBy', 'geometry', 'legalBasis', 'lower', 'provenance', 'upper'],
};

function differingFields(a: readonly Zone[], b: readonly Zone[]): string[] {
  const keys = new Set<string>();
  a.forEach((za, i) => {
    const x = za as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) keys.add(k);
    }
  });
  return [...keys].sort();
}

describe.each(VARIANTS)('%s on the HK catalogue', (label, format, opts) => {
  it('export → import is lossless with our extension member (default)', () => {
    const zones = catalogueZones();
    const back = importZones(exportZones(zones, format, opts), format);
    expect(back.zones).toEqual(zones);
    expect(back.warnings.filter((w) => w.includes('suaSandbox'))).toEqual([]);
  });

  it.each([true, false])('export → import → export is stable (extensions: %s)', (extensions) => {
    const first = exportZones(catalogueZones(), format, { ...opts, extensions });
    const again = exportZones(importZones(first, format).zones, format, { ...opts, extensions });
    expect(again).toEqual(first);
  });

  it('without extensions, loses exactly the documented fields', () => {
    const zones = catalogueZones();
    const back = importZones(exportZones(zones, format, { ...opts, extensions: false }), format).zones;
    expect(back).toHaveLength(zones.length);
    expect(differingFields(zones, back)).toEqual(LOSSES[label]);
  });

  it('is detected by importZones(…, "auto")', () => {
    expect(importZones(exportZones(catalogueZones(), format, opts), 'auto').format).toBe(format);
  });
});

describe('what the standard formats keep without extensions', () => {
  it.each(['ed318', 'ed269'] as const)(
    '%s keeps circles (except sectors), limits and validity windows exactly',
    (format) => {
      const zones = catalogueZones();
      const back = importZones(exportZones(zones, format, { extensions: false }), format).zones;
      const geometryChanged = zones.filter((z, i) => JSON.stringify(z.geometry) !== JSON.stringify(back[i].geometry));
      expect(geometryChanged.map((z) => z.id)).toEqual(['vhp8']);
      expect(back.map((z) => [z.lower, z.upper, z.timing])).toEqual(zones.map((z) => [z.lower, z.upper, z.timing]));
      const effectChanged = zones.filter((z, i) => z.effect !== back[i].effect);
      expect(effectChanged.map((z) => `${z.effect}→${back[zones.indexOf(z)].effect}`)).toEqual(['boundary→advisory']);
    },
  );

  it('ED-318 keeps our ids (Feature.id) and both languages', () => {
    const zones = catalogueZones();
    const back = importZones(exportZones(zones, 'ed318', { extensions: false }), 'ed318').zones;
    expect(back.map((z) => [z.id, z.name, z.description])).toEqual(zones.map((z) => [z.id, z.name, z.description]));
  });

  it('an edited standard field wins over a stale extension, with a warning', () => {
    const doc = exportZones(catalogueZones(), 'ed318');
    setAt(doc, `features.${featureIndex(doc, 'vhr12')}.geometry.extent.radius`, 3000);
    const { zones, warnings } = importZones(doc, 'ed318');
    const vhr12 = zones.find((z) => z.id === 'vhr12');
    expect(vhr12?.geometry).toMatchObject({ radiusM: 3000 });
    expect(vhr12?.provenance.accuracy).toBe('user');
    expect(warnings).toContain(
      'feature 7 (vhr12): suaSandbox: extension disagrees with the standard fields (edited file?); using the standard fields',
    );
  });

  it('a schema-invalid export would be caught by the ED-318 schema check', () => {
    const doc = exportZones(catalogueZones(), 'ed318');
    setAt(doc, 'features.0.properties.identifier', 'TOOLONG8');
    setAt(doc, 'features.1.geometry.layer.uom', 'yd');
    expect(schemaErrors(ed318Schema().collection, doc)).toMatch(/maxLength[\s\S]*enum|enum[\s\S]*maxLength/);
  });
});
