import { z } from 'zod';
import { lengthToMetres } from '../model/units.js';
import {
  below,
  defineKind,
  distanceMargin,
  EnclosedAreaExempt,
  type Hit,
  LengthLimit,
  type Margin,
  narrowMargin,
  round2,
  sideAlong,
} from './types.js';

/**
 * Minimum lateral distance from uninvolved people, structures, vehicles and vessels: the plan's declared
 * closest approach, and the horizontal distance from every `uninvolved-persons` zone (e.g. a crowd).
 * Exactly the limit is lawful ("at least").
 */
export const lateralDistance = defineKind({
  kind: 'lateral-distance',
  summary: 'The aircraft must keep at least the minimum lateral distance from uninvolved persons and property.',
  params: z.object({ limit: LengthLimit, enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx, p) {
    const limitM = lengthToMetres(p.limit);
    const declared = ctx.operation.minDistanceFromUninvolvedM;
    if (!below(declared, limitM)) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: 'lateral-distance',
        msg: { code: 'lateral-distance.declared' },
        measured: { value: round2(declared), unit: 'm' },
        limit: { value: round2(limitM), unit: 'm' },
      },
    ];
  },
  checkSample(s, _ctx, p) {
    const limitM = lengthToMetres(p.limit);
    const hits: Hit[] = [];
    for (const { zone, distanceM } of s.distanceToZones('uninvolved-persons')) {
      if (!below(distanceM, limitM)) continue;
      hits.push({
        effect: 'requires-permission',
        trigger: 'lateral-distance',
        msg: { code: 'lateral-distance.zone', data: { zone: zone.name, zoneId: zone.id } },
        measured: { value: round2(distanceM), unit: 'm' },
        limit: { value: round2(limitM), unit: 'm' },
        worse: 'min',
        zoneId: zone.id,
      });
    }
    return hits;
  },
  // Steady only when every zone stays clearly farther than the limit (the closest point of a stretch to a
  // zone may lie between its ends, so a stretch near a zone is sampled densely).
  steady(a, b, _ctx, p, stretch) {
    if (!stretch.activityConstant('uninvolved-persons')) return false;
    const limitM = lengthToMetres(p.limit);
    const near = [...a.distanceToZones('uninvolved-persons'), ...b.distanceToZones('uninvolved-persons')];
    return near.every((d) => sideAlong(d.distanceM, stretch.lengthM, limitM) === 'above');
  },
  // Zones the point is inside are left only by a change of zones (which a monitor always re-checks).
  margin(s, _ctx, p, into) {
    const limitM = lengthToMetres(p.limit);
    const m: Partial<Margin> = { untilMs: s.activityStableUntil('uninvolved-persons') };
    for (const { distanceM } of s.distanceToZones('uninvolved-persons'))
      if (distanceM > 0) m.distanceM = Math.min(m.distanceM ?? Infinity, distanceMargin(distanceM, limitM));
    narrowMargin(into, m);
  },
});
