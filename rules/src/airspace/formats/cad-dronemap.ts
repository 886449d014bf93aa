import { z } from 'zod';
import type { LocalizedText } from '../../model/text.js';
import type { Zone, ZoneClass, ZoneEffect } from '../../model/zone.js';
import { formatEffectiveDateTime, parseEffectiveDateTime } from './cad-dates.js';
import { parseAt, type ReadContext, warn } from './errors.js';
import { EXTENSION_KEY, withoutExtension, zoneExtension, zoneFromExtension } from './extension.js';
import { asPolygonal, readPolygonal } from './geometry.js';
import { fnv1a, IdRegistry, slug, toZoneId } from './ids.js';
import { hasCjk } from './text.js';
import { finishZone, type ImportOptions, startContext } from './zone-build.js';

/*
 * The CAD eSUA Drone Map export (GeoJSON; per feature `name`, `effectiveDateTime`, `description`,
 * `description2`, `link`; polygons). No public sample exists: this mapping is our reading of
 * hk-drone-law.md §5.1 and is exercised by a SYNTHETIC fixture (test/formats/fixtures).
 *
 * | CAD property       | our zone                                                                  |
 * |--------------------|---------------------------------------------------------------------------|
 * | name               | "English / 中文" → name.en / name.zh (one language: used for both)        |
 * | effectiveDateTime  | timing.windows (cad-dates.ts), HKT                                        |
 * | description        | description.en (or .zh when it is Chinese)                                |
 * | description2       | description in the other language                                         |
 * | link               | provenance.source                                                         |
 * | (none)             | effect restricted-flying-zone, Cap. 448G s.18, SFC–unlimited, class from  |
 * |                    | keywords in the name (NAME_RULES); VHxx names → advisory AIP area,        |
 * |                    | "Prohibition Area" → Cap. 448E prohibition, "boundary" → HKSAR boundary   |
 */

const NAME_RULES: [RegExp, ZoneClass, ZoneEffect][] = [
  [/\bVHP\d+\b/, 'aip-prohibited', 'advisory'],
  [/\bVHR\d+\b/, 'aip-restricted', 'advisory'],
  [/\bVHD\d+\b/, 'aip-danger', 'advisory'],
  [/prohibition area|禁飛區/i, 'prohibition-448e', 'prohibition'],
  [/\bboundary\b|界線/i, 'hksar-boundary', 'boundary'],
  [/temporary|臨時/i, 'temporary-restriction', 'restricted-flying-zone'],
  [/heliport|helipad|直升機/i, 'heliport', 'restricted-flying-zone'],
  [/airfield|石崗/i, 'airfield', 'restricted-flying-zone'],
  [/airport|機場/i, 'airport', 'restricted-flying-zone'],
  [/harbour|維多利亞港/i, 'harbour', 'restricted-flying-zone'],
  [/\bpeak\b|hill site|山頂|鳳凰山|大東山|扯旗山/i, 'hill-site', 'restricted-flying-zone'],
  [
    /prison|correctional|reception centre|holding centre|police|barracks|government|legco|liaison|naval|監獄|懲教|警|軍營|政府|禮賓府|聯絡辦/i,
    'security-facility',
    'restricted-flying-zone',
  ],
];

const S18 = {
  instrument: 'Cap. 448G',
  instrumentZh: '《小型無人機令》（第448G章）',
  section: 's.18',
  url: 'https://www.elegislation.gov.hk/hk/cap448G',
  secondary: false,
};
/** Default provenance source; deliberately not a bare URL, so it is not exported back as a `link`. */
const DRONE_MAP = 'CAD Drone Map export (https://esua.cad.gov.hk/web/droneMap)';

const Feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.record(z.string(), z.unknown(), { error: 'a zone needs a geometry object' }),
  properties: z.object({
    name: z.string().min(1, 'a zone needs a name'),
    effectiveDateTime: z.string().nullish(),
    description: z.string().nullish(),
    description2: z.string().nullish(),
    link: z.string().nullish(),
  }),
});
const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

function splitName(name: string, ctx: ReadContext): LocalizedText {
  const cut = name.lastIndexOf(' / ');
  if (cut > 0 && hasCjk(name.slice(cut + 3))) return { en: name.slice(0, cut).trim(), zh: name.slice(cut + 3).trim() };
  warn(ctx, 'properties.name: one language only; used for both English and Chinese');
  return { en: name, zh: name };
}

function descriptionOf(a: string | null | undefined, b: string | null | undefined): LocalizedText | undefined {
  const texts = [a, b].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (texts.length === 0) return undefined;
  const zh = texts.find(hasCjk) ?? texts[0];
  const en = texts.find((t) => !hasCjk(t)) ?? texts[0];
  return { en, zh };
}

export function importCadDroneMap(input: unknown, opts: ImportOptions = {}): { zones: Zone[]; warnings: string[] } {
  const ctx: ReadContext = startContext(opts);
  const collection = parseAt(Collection, input, ctx, '');
  const ids = new IdRegistry();
  const zones = collection.features.map((raw, index) => {
    const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    ctx.feature = { index, ...(r.id !== undefined ? { id: String(r.id) } : {}) };
    const f = parseAt(Feature, raw, ctx, '');
    const p = f.properties;
    const name = splitName(p.name, ctx);
    const rule = NAME_RULES.find(([re]) => re.test(name.en) || re.test(name.zh));
    if (!rule) warn(ctx, 'properties.name: zone type not recognised; class security-facility assumed');
    const [, zoneClass, effect] = rule ?? [null, 'security-facility', 'restricted-flying-zone'];
    const windows = p.effectiveDateTime
      ? parseEffectiveDateTime(p.effectiveDateTime, ctx, 'properties.effectiveDateTime')
      : [];
    const description = descriptionOf(p.description, p.description2);
    const id = toZoneId(f.id) ?? `cad-${slug(name.en) || fnv1a(name.zh).toString(36)}`;
    const zone = finishZone(
      {
        id,
        name,
        class: zoneClass,
        effect,
        ...(effect === 'restricted-flying-zone' ? { legalBasis: S18 } : {}),
        geometry: readPolygonal(f.geometry, ctx, 'geometry'),
        lower: { value: 0, unit: 'm', ref: 'AGL' },
        upper: null,
        ...(windows.length > 0 ? { timing: { windows, utcOffset: '+08:00' } } : {}),
        ...(description ? { description } : {}),
        provenance: {
          accuracy: opts.accuracy ?? 'official',
          source: p.link || opts.source || DRONE_MAP,
          note: 'CAD Drone Map export ("for general reference only"); vertical limits not published: surface to unlimited assumed',
        },
      },
      ctx,
    );
    const ext = (r.properties as Record<string, unknown> | undefined)?.[EXTENSION_KEY];
    if (ext !== undefined) {
      const reproject = (z: Zone) => cadFeature(z, { extensions: false });
      const exact = zoneFromExtension(ext, zone.geometry, reproject, withoutExtension(r, 'properties'), ctx);
      if (exact) return { ...exact, id: ids.take(exact.id, (msg) => warn(ctx, msg)) };
    }
    return { ...zone, id: ids.take(zone.id, (msg) => warn(ctx, msg)) };
  });
  return { zones, warnings: ctx.warnings };
}

export interface CadExportOptions {
  /** Add `properties.suaSandbox` with the exact zone (default true). */
  extensions?: boolean;
  onWarning?: (message: string) => void;
}

/** One zone as a Drone Map feature: polygons only, windows only, no vertical limits. */
export function cadFeature(zone: Zone, opts: CadExportOptions): Record<string, unknown> {
  const warnAbout = (m: string) => opts.onWarning?.(`${zone.id}: ${m}`);
  if (zone.geometry.type === 'Circle') warnAbout('circle drawn as a polygon');
  if (zone.timing?.daily?.length) warnAbout('daily periods are not representable; only validity windows exported');
  if (zone.lower.value !== 0 || zone.upper !== null) warnAbout('vertical limits are not representable');
  const windows = zone.timing?.windows ?? [];
  const properties: Record<string, unknown> = {
    name: zone.name.zh === zone.name.en ? zone.name.en : `${zone.name.en} / ${zone.name.zh}`,
    ...(windows.length > 0 ? { effectiveDateTime: formatEffectiveDateTime(windows, warnAbout) } : {}),
    ...(zone.description ? { description: zone.description.en, description2: zone.description.zh } : {}),
    ...(/^https?:\/\//.test(zone.provenance.source) ? { link: zone.provenance.source } : {}),
    ...((opts.extensions ?? true) ? { [EXTENSION_KEY]: zoneExtension(zone) } : {}),
  };
  return { type: 'Feature', id: zone.id, geometry: asPolygonal(zone.geometry), properties };
}

export function exportCadDroneMap(zones: readonly Zone[], opts: CadExportOptions = {}): Record<string, unknown> {
  return { type: 'FeatureCollection', features: zones.map((z) => cadFeature(z, opts)) };
}
