import {
  Altitude,
  LocalizedText,
  Provenance,
  Provision,
  Timing,
  type ZoneClass,
  type ZoneEffect,
} from '@sua-sandbox/rules/model';
import { z } from 'zod';

/**
 * A zone as the client knows it: the catalogue fields the popup and legend need, read leniently from the
 * properties of GET /api/zones?display=1 (a field that does not parse is left out, never invented).
 */
export interface ZoneInfo {
  id: string;
  name: LocalizedText;
  class: ZoneClass | string;
  effect: ZoneEffect | string;
  lower?: Altitude;
  upper?: Altitude | null;
  timing?: Timing;
  provenance?: Provenance;
  legalBasis?: Provision;
  description?: LocalizedText;
  designatedBy?: string;
  appliesTo?: string;
  /** The original circle, when the server turned it into a polygon for drawing. */
  circle?: { center: [number, number]; radiusM: number };
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

function pick<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** maplibre hands nested properties back as JSON strings; the API hands objects. Accept both. */
function unwrap(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (!s.startsWith('{') && !s.startsWith('[')) return value;
  try {
    return JSON.parse(s);
  } catch {
    return value;
  }
}

const CircleProp = z.object({ center: z.tuple([z.number(), z.number()]), radiusM: z.number() });
const DisplayGeometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
]);

/** A zone feature as GET /api/zones declares it (ZoneFeature in @sua-sandbox/rules/api); properties read leniently. */
export function zoneFromFeature(feature: {
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}): ZoneInfo | undefined {
  const p = feature.properties ?? {};
  const id = typeof feature.id === 'string' ? feature.id : typeof p.id === 'string' ? p.id : undefined;
  const geometry = pick(DisplayGeometry, feature.geometry) as ZoneInfo['geometry'] | undefined;
  if (!id || !geometry) return undefined;
  const name = pick(LocalizedText, unwrap(p.name)) ?? { en: id, zh: id };
  return {
    id,
    name,
    class: typeof p.class === 'string' ? p.class : 'unknown',
    effect: typeof p.effect === 'string' ? p.effect : 'advisory',
    lower: pick(Altitude, unwrap(p.lower)),
    upper: p.upper === null ? null : pick(Altitude, unwrap(p.upper)),
    timing: pick(Timing, unwrap(p.timing)),
    provenance: pick(Provenance, unwrap(p.provenance)),
    legalBasis: pick(Provision, unwrap(p.legalBasis)),
    description: pick(LocalizedText, unwrap(p.description)),
    designatedBy: typeof p.designatedBy === 'string' ? p.designatedBy : undefined,
    appliesTo: typeof p.appliesTo === 'string' ? p.appliesTo : undefined,
    circle: pick(CircleProp, unwrap(p.circle)),
    geometry,
  };
}

/** A zone is "temporary" when it has validity windows: it appears and disappears with time. */
export function isTemporary(z: ZoneInfo): boolean {
  return (z.timing?.windows?.length ?? 0) > 0 || z.class === 'temporary-restriction';
}

/** Active at `tMs` by its validity windows (daily periods are left to the server's `at=` filter). */
export function activeByWindows(z: ZoneInfo, tMs: number): boolean {
  const windows = z.timing?.windows;
  if (!windows || windows.length === 0) return true;
  return windows.some((w) => (!w.from || Date.parse(w.from) <= tMs) && (!w.to || tMs <= Date.parse(w.to)));
}
