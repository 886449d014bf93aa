import { z } from 'zod';
import { speedToKmh } from '../model/units.js';
import { defineKind, EnclosedAreaExempt, exceeds, narrowMargin, round2, SpeedLimit } from './types.js';

/** Maximum ground speed [I: the law does not say ground or air speed; we use ground speed]. */
export const maxSpeed = defineKind({
  kind: 'max-speed',
  summary: 'The aircraft must not fly faster than the limit (ground speed).',
  params: z.object({ limit: SpeedLimit, enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkSample(s, _ctx, p) {
    const limitKmh = speedToKmh(p.limit);
    if (!exceeds(s.groundSpeedKmh, limitKmh)) return [];
    const toUnit = p.limit.value / limitKmh;
    return [
      {
        effect: 'requires-permission',
        trigger: 'speed',
        msg: { code: 'max-speed.exceeded' },
        measured: { value: round2(s.groundSpeedKmh * toUnit), unit: p.limit.unit },
        limit: { value: p.limit.value, unit: p.limit.unit },
        worse: 'max',
      },
    ];
  },
  steady: (a, b) => a.groundSpeedKmh === b.groundSpeedKmh,
  margin(s, _ctx, p, into) {
    narrowMargin(into, { speedKmh: Math.abs(speedToKmh(p.limit) - s.groundSpeedKmh) });
  },
});
