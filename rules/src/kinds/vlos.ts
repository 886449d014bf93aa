import { z } from 'zod';
import { distanceM } from '../airspace/geodesy.js';
import { lengthToMetres } from '../model/units.js';
import { defineKind, EnclosedAreaExempt, exceeds, LengthLimit, round2 } from './types.js';

/**
 * Full-time unaided visual line of sight. The plan's declaration decides; when the rulebook sets a
 * maximum VLOS range (the law gives none), the horizontal pilot–aircraft distance is checked as well.
 */
export const vlos = defineKind({
  kind: 'vlos',
  summary: 'The aircraft must be kept within visual line of sight of the remote pilot.',
  params: z.object({ maxRange: LengthLimit.nullable().default(null), enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkPlan(ctx) {
    if (ctx.operation.vlos) return [];
    return [{ effect: 'requires-permission', trigger: 'bvlos', msg: { code: 'vlos.declared-bvlos' } }];
  },
  checkSample(s, _ctx, p) {
    if (!p.maxRange || s.pilotLon === undefined || s.pilotLat === undefined) return [];
    const d = distanceM(s.pilotLon, s.pilotLat, s.lon, s.lat);
    const limitM = lengthToMetres(p.maxRange);
    if (!exceeds(d, limitM)) return [];
    return [
      {
        effect: 'requires-permission',
        trigger: 'bvlos',
        msg: { code: 'vlos.range' },
        measured: { value: round2(d), unit: 'm' },
        limit: { value: round2(limitM), unit: 'm' },
        worse: 'max',
      },
    ];
  },
});
