import * as SunCalc from 'suncalc';
import { z } from 'zod';
import { localClock } from './local-time.js';
import { defineKind, EnclosedAreaExempt, round2 } from './types.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** How "night" is defined: the law does not say (a rulebook parameter). */
export const NightDefinition = z.enum(['sunset-sunrise', 'civil-twilight']);
export type NightDefinition = z.infer<typeof NightDefinition>;

export interface SunJudgement {
  daylight: boolean;
  /** The daylight period nearest to t (epoch ms), with the margin applied. */
  from: number;
  to: number;
  sunrise: number;
  sunset: number;
}

/** Sun times are looked up per solar day at positions rounded to 0.01° (~1 km, under 3 s of sun time in HK). */
const ROUND = 100;
const cache = new Map<string, { sunrise: number; sunset: number; up: boolean } | null>();

function sunDay(day: number, lat: number, lon: number): { sunrise: number; sunset: number; up: boolean } | null {
  const key = `${day}|${lat}|${lon}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // Local solar noon of that day: suncalc returns the rise and set around it.
  const noon = day * DAY_MS + DAY_MS / 2 - (lon / 360) * DAY_MS;
  const t = SunCalc.getTimes(new Date(noon), lat, lon);
  const value = t.alwaysUp
    ? { sunrise: noon - DAY_MS / 2, sunset: noon + DAY_MS / 2, up: true }
    : t.sunrise && t.sunset
      ? { sunrise: t.sunrise.getTime(), sunset: t.sunset.getTime(), up: false }
      : null;
  if (cache.size > 50_000) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Is `tMs` in daylight at (lat, lon)? "sunset-sunrise": from sunrise to sunset inclusive;
 * "civil-twilight": from 30 minutes before sunrise to 30 minutes after sunset (the historical HK
 * definition of night, ½ hour after sunset to ½ hour before sunrise). Sun times from suncalc.
 */
export function judgeDaylight(tMs: number, lat: number, lon: number, night: NightDefinition): SunJudgement {
  const marginMs = night === 'civil-twilight' ? 30 * MIN_MS : 0;
  const la = Math.round(lat * ROUND) / ROUND;
  const lo = Math.round(lon * ROUND) / ROUND;
  const today = Math.floor((tMs + (lo / 360) * DAY_MS) / DAY_MS);
  let best: SunJudgement | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const day of [today - 1, today, today + 1]) {
    const sun = sunDay(day, la, lo);
    if (!sun) continue;
    const from = sun.sunrise - marginMs;
    const to = sun.sunset + marginMs;
    const gap = tMs < from ? from - tMs : tMs > to ? tMs - to : 0;
    if (gap < bestGap) {
      bestGap = gap;
      best = { daylight: gap === 0, from, to, sunrise: sun.sunrise, sunset: sun.sunset };
    }
  }
  return best ?? { daylight: false, from: tMs, to: tMs, sunrise: tMs, sunset: tMs };
}

/** Daylight only: flying at night needs permission. */
export const daylight = defineKind({
  kind: 'daylight',
  summary: 'The aircraft must fly in daylight only (night is defined by a rulebook parameter).',
  params: z.object({ night: NightDefinition, enclosedAreaExempt: EnclosedAreaExempt }).strict(),
  checkSample(s, ctx, p) {
    const j = judgeDaylight(s.tMs, s.lat, s.lon, p.night);
    if (j.daylight) return [];
    const after = s.tMs > j.to;
    return [
      {
        effect: 'requires-permission',
        trigger: 'night',
        msg: {
          code: after ? 'daylight.after-sunset' : 'daylight.before-sunrise',
          data: {
            time: localClock(s.tMs, ctx.utcOffsetMin),
            sunEvent: localClock(after ? j.sunset : j.sunrise, ctx.utcOffsetMin),
            night: p.night,
          },
        },
        measured: { value: round2((after ? s.tMs - j.to : j.from - s.tMs) / MIN_MS), unit: 'min outside daylight' },
        limit: { value: 0, unit: 'min outside daylight' },
        worse: 'max',
      },
    ];
  },
});
