import type { Zone } from '../../model/zone.js';
import { classFromReasons, effectFromRestriction } from './codes.js';
import { codeList, readConditions, warnExtraMembers } from './ed269-conditions.js';
import { ed269Zone } from './ed269-export.js';
import { Ed269Zone, readEd269File, readEd269Volume } from './ed269-schema.js';
import { parseAt, type ReadContext, warn } from './errors.js';
import { EXTENSION_KEY, withoutExtension, zoneFromExtension } from './extension.js';
import { groupVolumes } from './geometry.js';
import { IdRegistry, toZoneId } from './ids.js';
import { hasEndDate, timingsFromPeriods } from './schedule.js';
import { localizedFromString } from './text.js';
import { finishZone, type ImportOptions, startContext } from './zone-build.js';

function conditionsOf(z: Ed269Zone): string | undefined {
  const c = Array.isArray(z.restrictionConditions) ? z.restrictionConditions.join('; ') : z.restrictionConditions;
  return c?.trim() || undefined;
}

function importEd269Zone(
  raw: unknown,
  index: number,
  layout: 'UASZoneList' | 'features',
  ctx: ReadContext,
  ids: IdRegistry,
  defaults: { source: string; accuracy: Zone['provenance']['accuracy'] },
): Zone[] {
  const rawRecord = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
  ctx.feature = { index, ...(typeof rawRecord?.identifier === 'string' ? { id: rawRecord.identifier } : {}) };
  const z = parseAt(Ed269Zone, raw, ctx, '');
  warnExtraMembers(rawRecord, Object.keys(Ed269Zone.shape), ctx);
  const reasons = codeList(z.reason);
  if (z.reason !== null && z.reason !== undefined && !reasons.listed)
    warn(ctx, 'reason: one code where ED-269 has a list; read as a list of one');
  const applicability = readConditions(z, ctx);
  if (z.restriction === 'REQ_AUTHORIZATION') warn(ctx, 'restriction: ED-318 spelling REQ_AUTHORIZATION accepted');
  const effect = effectFromRestriction(z.restriction, ctx, 'restriction');
  const volumes = groupVolumes(z.geometry.map((v, i) => readEd269Volume(v, ctx, `geometry[${i}]`)));
  const dailyKey = layout === 'UASZoneList' ? 'dailyPeriod' : 'schedule';
  const timings = timingsFromPeriods(
    z.applicability?.map((a) => ({ ...a, daily: a.schedule ?? a.dailyPeriod })),
    ctx,
    { list: 'applicability', daily: dailyKey },
  );
  const name = z.name ? localizedFromString(z.name, ctx, 'name') : { en: z.identifier, zh: z.identifier };
  if (!z.name) warn(ctx, 'name: missing; using the identifier');
  const conditions = conditionsOf(z);
  const en = [z.message, conditions ? `Conditions: ${conditions}` : undefined].filter(Boolean).join(' ');
  const authority = z.zoneAuthority?.[0];
  const baseId = toZoneId(z.identifier) ?? `ed269-${index}`;
  const parts = volumes.flatMap((v) => timings.map((t) => ({ v, t })));
  if (parts.length > 1) warn(ctx, `split into ${parts.length} zones (volumes or schedules differ)`);
  const zones = parts.map(({ v, t }, k) =>
    finishZone(
      {
        id: parts.length > 1 ? `${baseId}.${k + 1}` : baseId,
        name,
        class: classFromReasons(reasons.codes, effect, hasEndDate(t), ctx, 'reason'),
        effect,
        geometry: v.geometry,
        lower: v.lower,
        upper: v.upper,
        ...(t ? { timing: t } : {}),
        ...(applicability ? { conditions: applicability } : {}),
        ...(authority?.name ? { designatedBy: authority.name } : {}),
        ...(en ? { description: { en, zh: en } } : {}),
        provenance: {
          accuracy: defaults.accuracy,
          source: authority?.siteURL ?? defaults.source,
          note: `Imported from ED-269 ${z.country}/${z.identifier}`,
        },
      },
      ctx,
    ),
  );
  const ext = z.extendedProperties?.[EXTENSION_KEY];
  if (ext !== undefined && zones.length === 1 && rawRecord) {
    const standardPart = withoutExtension(rawRecord, 'extendedProperties');
    const reproject = (zone: Zone) =>
      ed269Zone(zone, { identifier: z.identifier, country: z.country, extensions: false, layout });
    const exact = zoneFromExtension(ext, zones[0].geometry, reproject, standardPart, ctx);
    if (exact) return [{ ...exact, id: ids.take(exact.id, (msg) => warn(ctx, msg)) }];
  }
  return zones.map((zone) => ({ ...zone, id: ids.take(zone.id, (msg) => warn(ctx, msg)) }));
}

/** Reads either ED-269 JSON layout into zones. */
export function importEd269(input: unknown, opts: ImportOptions = {}): { zones: Zone[]; warnings: string[] } {
  const ctx: ReadContext = startContext(opts);
  const file = readEd269File(input, ctx);
  const source = opts.source ?? `ED-269 file${file.title ? ` "${file.title}"` : ''}`;
  const ids = new IdRegistry();
  const zones = file.zones.flatMap((raw, i) =>
    importEd269Zone(raw, i, file.layout, ctx, ids, { source, accuracy: opts.accuracy ?? 'user' }),
  );
  return { zones, warnings: ctx.warnings };
}
