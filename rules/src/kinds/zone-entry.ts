import { z } from 'zod';
import { Trigger } from '../model/trigger.js';
import { ZoneClass, ZoneEffect, zoneAppliesToFlight } from '../model/zone.js';
import { defineKind, EnclosedAreaExempt, type Hit } from './types.js';

/**
 * Being inside an active zone with the given legal effect: a restricted flying zone (s.18) needs
 * permission; the Cap. 448E prohibition area is prohibited whatever SUA permission is held.
 * @example params: { zoneEffect: restricted-flying-zone, outcome: requires-permission, trigger: restricted-flying-zone, enclosedAreaExempt: true }
 */
export const zoneEntry = defineKind({
  kind: 'zone-entry',
  summary: 'Flying inside an active zone with the given effect needs permission or is prohibited.',
  params: z
    .object({
      zoneEffect: ZoneEffect,
      zoneClasses: z.array(ZoneClass).min(1).optional().describe('only zones of these classes; absent: any class'),
      outcome: z.enum(['prohibited', 'requires-permission', 'advisory']),
      trigger: Trigger.optional(),
      enclosedAreaExempt: EnclosedAreaExempt,
    })
    .strict()
    .refine((p) => p.outcome !== 'requires-permission' || p.trigger !== undefined, {
      message: 'a zone rule whose outcome is requires-permission must name its trigger',
      path: ['trigger'],
    }),
  checkSample(s, ctx, p) {
    const hits: Hit[] = [];
    const flight = { category: ctx.category, vlos: ctx.operation.vlos };
    for (const zone of s.zones) {
      // The operator's own geofence is not law: engine/operator-fence.ts checks it.
      if (zone.effect !== p.zoneEffect || zone.fence) continue;
      if (p.zoneClasses && !p.zoneClasses.includes(zone.class)) continue;
      // A zone published for some categories or operation types only (zone.conditions) binds only those.
      if (!zoneAppliesToFlight(zone.conditions, flight)) continue;
      hits.push({
        effect: p.outcome,
        trigger: p.outcome === 'requires-permission' ? p.trigger : undefined,
        msg: { code: `zone-entry.${p.outcome}`, data: { zone: zone.name, zoneId: zone.id } },
        zoneId: zone.id,
      });
    }
    return hits;
  },
  // Depends on the zones alone, which do not change along a stretch.
  steady: () => true,
  margin: () => {},
});
