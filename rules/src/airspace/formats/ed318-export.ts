import type { Zone } from '../../model/zone.js';
import { DEFAULT_AUTHORITY, purposeFromEffect, reasonsFromClass, restrictionFromEffect } from './codes.js';
import { layerOut } from './ed318-schema.js';
import type { ExportWarnings } from './errors.js';
import { EXTENSION_KEY, zoneExtension } from './extension.js';
import { asPolygonal, roundPosition } from './geometry.js';
import { edIdentifiers } from './ids.js';
import { periodsFromTiming } from './schedule.js';
import { toLangTexts } from './text.js';

export interface Ed318ExportOptions extends ExportWarnings {
  /** Embed the exact zone in `extendedProperties.suaSandbox` (default true) for lossless re-import. */
  extensions?: boolean;
  /** ISO 3166-1 alpha-3 country code (default HKG). */
  country?: string;
  /** Collection name (default "sua-sandbox zones"). */
  name?: string;
  /** metadata.issued, an instant with offset (omitted by default so exports are reproducible). */
  issued?: string;
  /** metadata.provider (default "sua-sandbox"). */
  provider?: string;
}

/** ED-318 text fields hold at most 200 characters. */
const SHORT_TEXT = 200;

function geometryOut(zone: Zone, warnAbout: (m: string) => void) {
  const g = zone.geometry;
  const layer = layerOut(zone.lower, zone.upper, warnAbout);
  if (g.type === 'Circle' && !g.sectors) {
    return {
      type: 'Point',
      coordinates: roundPosition(g.center),
      extent: { subType: 'Circle', radius: g.radiusM },
      layer,
    };
  }
  if (g.type === 'Circle') warnAbout('circle sectors drawn as polygons (ED-318 circles have no sectors)');
  return { ...asPolygonal(g), layer };
}

/**
 * One zone as an ED-318 Feature. Pure function of the zone and these options, so the importer can
 * re-project an extension and compare it with the standard fields.
 */
export function ed318Feature(
  zone: Zone,
  o: { identifier: string; country: string; extensions: boolean; onWarning?: (m: string) => void },
): Record<string, unknown> {
  const warnAbout = (m: string) => o.onWarning?.(`${zone.id}: ${m}`);
  const periods = periodsFromTiming(zone.timing, 'ed318', warnAbout);
  const properties = {
    identifier: o.identifier,
    country: o.country,
    name: toLangTexts(zone.name, SHORT_TEXT, warnAbout, 'name'),
    type: restrictionFromEffect(zone.effect, 'ed318'),
    variant: 'COMMON',
    reason: reasonsFromClass(zone.class),
    ...(zone.description ? { message: toLangTexts(zone.description, SHORT_TEXT, warnAbout, 'description') } : {}),
    zoneAuthority: [
      { name: [{ text: zone.designatedBy ?? DEFAULT_AUTHORITY, lang: 'en' }], purpose: purposeFromEffect(zone.effect) },
    ],
    ...(periods ? { limitedApplicability: periods } : {}),
    ...(o.extensions ? { extendedProperties: { [EXTENSION_KEY]: zoneExtension(zone) } } : {}),
  };
  return { type: 'Feature', id: zone.id, geometry: geometryOut(zone, warnAbout), properties };
}

/** Zones as an ED-318 GeoZone FeatureCollection (validates against the official JSON Schema). */
export function exportEd318(zones: readonly Zone[], opts: Ed318ExportOptions = {}): Record<string, unknown> {
  const identifiers = edIdentifiers(zones.map((z) => z.id));
  const country = opts.country ?? 'HKG';
  const extensions = opts.extensions ?? true;
  return {
    type: 'FeatureCollection',
    name: opts.name ?? 'sua-sandbox zones',
    metadata: {
      ...(opts.issued ? { issued: opts.issued } : {}),
      provider: [{ text: opts.provider ?? 'sua-sandbox', lang: 'en' }],
    },
    features: zones.map((z, i) =>
      ed318Feature(z, { identifier: identifiers[i], country, extensions, onWarning: opts.onWarning }),
    ),
  };
}
