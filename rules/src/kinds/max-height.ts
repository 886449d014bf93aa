import { z } from 'zod';
import { FT_TO_M } from '../model/units.js';
import { defineKind, EnclosedAreaExempt, exceeds, HeightLimit, narrowMargin, round2 } from './types.js';

/**
 * Maximum height. An AGL limit is compared with the height above the ground model under the aircraft,
 * an AMSL limit with the altitude. Judged at every sample, so route checks and live monitoring agree.
 * @example params: { limit: { value: 300, unit: ft, ref: AGL }, enclosedAreaExempt: true }
 */
export const maxHeight = defineKind({
  kind: 'max-height',
  summary: 'The aircraft must not fly higher than the limit (AGL or AMSL).',
  params: z.object({ limit: HeightLimit, enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkSample(s, _ctx, p) {
    const metres = p.limit.ref === 'AGL' ? s.aglM : s.altAmslM;
    const measured = p.limit.unit === 'ft' ? metres / FT_TO_M : metres;
    if (!exceeds(measured, p.limit.value)) return [];
    const unit = `${p.limit.unit} ${p.limit.ref}`;
    return [
      {
        effect: 'requires-permission',
        trigger: 'height',
        msg: { code: 'max-height.exceeded' },
        measured: { value: round2(measured), unit },
        limit: { value: p.limit.value, unit },
        worse: 'max',
      },
    ];
  },
  // One threshold on a height that changes linearly: crossed at most once, worst at an end.
  steady: (_a, _b, _ctx, _p, stretch) => stretch.linearHeights,
  margin(s, _ctx, p, into) {
    const metres = p.limit.ref === 'AGL' ? s.aglM : s.altAmslM;
    const limitM = p.limit.unit === 'ft' ? p.limit.value * FT_TO_M : p.limit.value;
    narrowMargin(into, { heightM: Math.abs(limitM - metres) });
  },
});
