import { z } from 'zod';
import { FT_TO_M } from '../model/units.js';
import { defineKind, EnclosedAreaExempt, exceeds, HeightLimit, type Margin, narrowMargin, round2 } from './types.js';

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
  // One threshold on a height that stays between its end values (linear on flat ground): same side throughout
  // when the ends agree, worst at an end. Over terrain, where it need not, the stretch's walked range decides:
  // never above the limit (no hits between), or above it throughout with the worst at an end. The leg's own
  // extremes are always-checked samples, so the worst point of a leg is judged.
  steady: (a, b, _ctx, p, stretch) => {
    if (stretch.linearHeights) return true;
    const r = stretch.heights;
    if (!r) return false;
    const agl = p.limit.ref === 'AGL';
    const toUnit = (m: number) => (p.limit.unit === 'ft' ? m / FT_TO_M : m);
    const lo = toUnit(agl ? r.minAglM : r.minAmslM);
    const hi = toUnit(agl ? r.maxAglM : r.maxAmslM);
    if (!exceeds(hi, p.limit.value)) return true;
    const atEnds = Math.max(toUnit(agl ? a.aglM : a.altAmslM), toUnit(agl ? b.aglM : b.altAmslM));
    return exceeds(lo, p.limit.value) && hi <= atEnds + 1e-9;
  },
  // The hits depend on one height only: when the caller keeps separate AGL / altitude bounds (a live
  // monitor over terrain), only that one is narrowed; otherwise the shared heightM bounds both.
  margin(s, _ctx, p, into) {
    const agl = p.limit.ref === 'AGL';
    const metres = agl ? s.aglM : s.altAmslM;
    const limitM = p.limit.unit === 'ft' ? p.limit.value * FT_TO_M : p.limit.value;
    const bound = Math.abs(limitM - metres);
    if (!splitsHeights(into)) narrowMargin(into, { heightM: bound });
    else if (agl) into.aglM = Math.min(into.aglM, bound);
    else into.amslM = Math.min(into.amslM, bound);
  },
});

/** A margin with separate AGL and altitude bounds (the engine's LiveMargin when asked for them). */
interface SplitHeightMargin extends Margin {
  aglM: number;
  amslM: number;
}
function splitsHeights(m: Margin): m is SplitHeightMargin {
  const x: Margin & { aglM?: unknown; amslM?: unknown } = m;
  return typeof x.aglM === 'number' && typeof x.amslM === 'number';
}
