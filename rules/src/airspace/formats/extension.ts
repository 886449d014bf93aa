import { z } from 'zod';
import type { ZoneGeometry } from '../../model/geo.js';
import { Zone } from '../../model/zone.js';
import { type ReadContext, warn } from './errors.js';
import { stableStringify } from './ids.js';

/**
 * Our own exports may carry the exact zone in an extension member (ED-318/ED-269 `extendedProperties`,
 * CAD `properties`), so that export → import is lossless between sua-sandbox instances while other
 * readers still get the standard fields. The member is only trusted when it agrees with the standard part.
 */
export const EXTENSION_KEY = 'suaSandbox';
const EXTENSION_VERSION = 1;

/** The extension for a zone: everything but polygon geometry (which the standard part carries exactly). */
export function zoneExtension(zone: Zone): Record<string, unknown> {
  const { geometry, ...rest } = zone;
  return { version: EXTENSION_VERSION, zone: geometry.type === 'Circle' ? zone : rest };
}

const Envelope = z.object({ version: z.literal(EXTENSION_VERSION), zone: z.record(z.string(), z.unknown()) });

/**
 * Reads the extension back. It is used only if exporting the zone it describes again (without the
 * extension) reproduces the standard part of the feature exactly; otherwise the file was edited by
 * someone else, the standard part wins, and a warning says so.
 * @param reproject exports a zone the same way the feature was written, without the extension
 * @param standardPart the feature as read, with the extension member removed
 */
export function zoneFromExtension(
  raw: unknown,
  standardGeometry: ZoneGeometry,
  reproject: (zone: Zone) => unknown,
  standardPart: unknown,
  ctx: ReadContext,
): Zone | null {
  if (raw === undefined) return null;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) {
    warn(ctx, `${EXTENSION_KEY}: unreadable extension ignored`);
    return null;
  }
  const zone = Zone.safeParse({ geometry: standardGeometry, ...envelope.data.zone });
  if (!zone.success) {
    warn(ctx, `${EXTENSION_KEY}: extension is not a valid zone (${zone.error.issues[0]?.message}); ignored`);
    return null;
  }
  if (stableStringify(reproject(zone.data)) !== stableStringify(standardPart)) {
    warn(
      ctx,
      `${EXTENSION_KEY}: extension disagrees with the standard fields (edited file?); using the standard fields`,
    );
    return null;
  }
  return zone.data;
}

/** A copy of `obj` without `obj[key][EXTENSION_KEY]`, dropping `obj[key]` when nothing else is left. */
export function withoutExtension(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const holder = obj[key];
  if (!holder || typeof holder !== 'object' || Array.isArray(holder)) return obj;
  const { [EXTENSION_KEY]: _dropped, ...restHolder } = holder as Record<string, unknown>;
  const { [key]: _old, ...rest } = obj;
  return Object.keys(restHolder).length > 0 ? { ...rest, [key]: restHolder } : rest;
}
