import type { ZoneGeometry } from '../../model/geo.js';
import type { Zone } from '../../model/zone.js';
import { DEFAULT_AUTHORITY, purposeFromEffect, reasonsFromClass, restrictionFromEffect } from './codes.js';
import { layerOut } from './ed318-schema.js';
import type { ExportWarnings } from './errors.js';
import { EXTENSION_KEY, zoneExtension } from './extension.js';
import { asPolygonal, roundPosition } from './geometry.js';
import { edIdentifiers } from './ids.js';
import { periodsFromTiming } from './schedule.js';
import { clip } from './text.js';

export type Ed269Layout = 'features' | 'UASZoneList';

export interface Ed269ExportOptions extends ExportWarnings {
  /** `features` (with `schedule`, default) or `UASZoneList` (with `dailyPeriod`). */
  layout?: Ed269Layout;
  /** Embed the exact zone in `extendedProperties.suaSandbox` (default true). */
  extensions?: boolean;
  /** ISO 3166-1 alpha-3 country code (default HKG). */
  country?: string;
  /** `title` of the features layout (default "sua-sandbox zones"). */
  title?: string;
  /** `createdAt` of the UASZoneList layout (omitted by default so exports are reproducible). */
  createdAt?: string;
}

/** ED-269 string members hold at most 200 characters. */
const SHORT_TEXT = 200;

/** ED-269 projections are Circle or Polygon: MultiPolygons become one volume per polygon. */
function projections(g: ZoneGeometry, warnAbout: (m: string) => void): Record<string, unknown>[] {
  if (g.type === 'Circle' && !g.sectors)
    return [{ type: 'Circle', center: roundPosition(g.center), radius: g.radiusM }];
  if (g.type === 'Circle') warnAbout('circle sectors drawn as polygons (ED-269 circles have no sectors)');
  const poly = asPolygonal(g);
  const polys = poly.type === 'Polygon' ? [poly.coordinates] : poly.coordinates;
  return polys.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** One zone as an ED-269 UASZone (pure, so the importer can re-project an extension and compare). */
export function ed269Zone(
  zone: Zone,
  o: { identifier: string; country: string; extensions: boolean; layout: Ed269Layout; onWarning?: (m: string) => void },
): Record<string, unknown> {
  const warnAbout = (m: string) => o.onWarning?.(`${zone.id}: ${m}`);
  if (zone.name.zh !== zone.name.en) warnAbout('Chinese name not representable in ED-269 (single-language name)');
  const layer = layerOut(zone.lower, zone.upper, warnAbout);
  const limits = {
    uomDimensions: layer.uom.toUpperCase(),
    lowerLimit: layer.lower,
    lowerVerticalReference: layer.lowerReference,
    upperLimit: layer.upper ?? null,
    upperVerticalReference: layer.upperReference ?? layer.lowerReference,
  };
  const dailyKey = o.layout === 'UASZoneList' ? 'dailyPeriod' : 'schedule';
  const periods = periodsFromTiming(zone.timing, 'ed269', warnAbout);
  const applicability = periods
    ? periods.map(({ schedule, ...window }) => ({
        permanent: 'NO',
        ...window,
        ...(schedule ? { [dailyKey]: schedule } : {}),
      }))
    : [{ permanent: 'YES' }];
  return {
    identifier: o.identifier,
    country: o.country,
    name: clip(zone.name.en, SHORT_TEXT, warnAbout, 'name'),
    type: 'COMMON',
    restriction: restrictionFromEffect(zone.effect, 'ed269'),
    reason: reasonsFromClass(zone.class),
    ...(zone.description ? { message: clip(zone.description.en, SHORT_TEXT, warnAbout, 'description') } : {}),
    applicability,
    zoneAuthority: [{ name: zone.designatedBy ?? DEFAULT_AUTHORITY, purpose: purposeFromEffect(zone.effect) }],
    geometry: projections(zone.geometry, warnAbout).map((horizontalProjection) => ({
      ...limits,
      horizontalProjection,
    })),
    ...(o.extensions ? { extendedProperties: { [EXTENSION_KEY]: zoneExtension(zone) } } : {}),
  };
}

/** Zones as an ED-269 file in either layout. */
export function exportEd269(zones: readonly Zone[], opts: Ed269ExportOptions = {}): Record<string, unknown> {
  const layout = opts.layout ?? 'features';
  const identifiers = edIdentifiers(zones.map((z) => z.id));
  const country = opts.country ?? 'HKG';
  const extensions = opts.extensions ?? true;
  const list = zones.map((z, i) =>
    ed269Zone(z, { identifier: identifiers[i], country, extensions, layout, onWarning: opts.onWarning }),
  );
  if (layout === 'UASZoneList') {
    return { formatVersion: '1.0.0', ...(opts.createdAt ? { createdAt: opts.createdAt } : {}), UASZoneList: list };
  }
  return { title: opts.title ?? 'sua-sandbox zones', features: list };
}
