import { z } from 'zod';
import type { MessageCode } from '../messages/index.js';
import { lengthToMetres } from '../model/units.js';
import { defineKind, EnclosedAreaExempt, exceeds, type Hit, LengthLimit, round2 } from './types.js';

/**
 * Size of the aircraft: longest dimension ≤ `limit`; for rotorcraft the distance between any two
 * rotor-blade tips may be up to `rotorTipLimit`. Our reading [I]: when the longest dimension is the
 * rotor-tip span itself, the rotor-tip limit is the one that applies.
 */
export const maxDimension = defineKind({
  kind: 'max-dimension',
  summary: 'The aircraft must not be larger than the maximum dimension (rotor-tip span has its own limit).',
  params: z
    .object({ limit: LengthLimit, rotorTipLimit: LengthLimit.optional(), enclosedAreaExempt: EnclosedAreaExempt })
    .strict(),
  checkPlan(ctx, p) {
    const limitM = lengthToMetres(p.limit);
    const tipLimitM = p.rotorTipLimit ? lengthToMetres(p.rotorTipLimit) : undefined;
    const tip = ctx.aircraft.rotorTipSpanM;
    const dim = ctx.aircraft.maxDimensionM;
    const hits: Hit[] = [];
    const hit = (code: MessageCode, measured: number, limit: number): Hit => ({
      effect: 'requires-permission',
      trigger: 'size',
      msg: { code },
      measured: { value: round2(measured), unit: 'm' },
      limit: { value: round2(limit), unit: 'm' },
    });
    if (tip !== undefined && tipLimitM !== undefined) {
      if (exceeds(tip, tipLimitM)) hits.push(hit('max-dimension.rotor-tips', tip, tipLimitM));
      // When the rotor-tip span is the longest dimension, the rotor-tip limit is the one that applies.
      if (dim <= tip) return hits;
    }
    if (exceeds(dim, limitM)) hits.push(hit('max-dimension.exceeded', dim, limitM));
    return hits;
  },
});
