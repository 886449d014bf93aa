import * as SunCalc from 'suncalc';
import { z } from 'zod';
import { localClock } from './local-time.js';
import { defineKind, EnclosedAreaExempt, narrowMargin, round2 } from './types.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/** How "night" is defined: the law does not say (a rulebook parameter). */
export const NightDefinition = z.enum(['sunset-sunrise', 'civil-twilight']);
export type NightDefinition = z.infer<typeof NightDefinition>;

/** How messages word each definition of night (the enum value is an id, not words for a reader). */
export const NIGHT_DEFINITION_WORDS: Readonly<Record<NightDefinition, { en: string; zh: string }>> = {
  'sunset-sunrise': { en: 'sunset to sunrise', zh: '日落至日出' },
  'civil-twilight': { en: 'civil twilight', zh: '民用曙暮光' },
};

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
type SunDay = { sunrise: number; sunset: number; up: boolean } | null;
const cache = new Map<string, SunDay>();
/** The last three days looked up: consecutive samples of a route mostly ask for the same days and place. */
let last: { today: number; lat: number; lon: number; days: [SunDay, SunDay, SunDay] } | undefined;

/**
 * The three days around, per (solar day, rounded cell) under a numeric key: thousands of live aircraft in
 * different cells would otherwise miss `last` and build three string keys each per check.
 */
const around = new Map<number, [SunDay, SunDay, SunDay]>();

function daysAround(today: number, lat: number, lon: number): [SunDay, SunDay, SunDay] {
  if (last && last.today === today && last.lat === lat && last.lon === lon) return last.days;
  // lat, lon are multiples of 1/ROUND: integer cell indices, unique for |lat| ≤ 90, |lon| ≤ 180.
  const key = (today * 36_001 + Math.round(lon * ROUND) + 18_000) * 18_001 + Math.round(lat * ROUND) + 9_000;
  let days = around.get(key);
  if (!days) {
    days = [sunDay(today - 1, lat, lon), sunDay(today, lat, lon), sunDay(today + 1, lat, lon)];
    if (around.size > 50_000) around.clear();
    around.set(key, days);
  }
  last = { today, lat, lon, days };
  return days;
}

function sunDay(day: number, lat: number, lon: number): SunDay {
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
  const today = solarDay(tMs, lo);
  let best: SunJudgement | undefined;
  let bestGap = Number.POSITIVE_INFINITY;
  const days = daysAround(today, la, lo);
  for (let k = 0; k < 3; k++) {
    const sun = days[k];
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

function solarDay(tMs: number, roundedLon: number): number {
  return Math.floor((tMs + (roundedLon / 360) * DAY_MS) / DAY_MS);
}

/** Well inside one day's daylight at both ends: sun times between differ by far less than this. */
const CLEAR_MS = 30 * MIN_MS;

function clearlyDaylight(ta: number, ja: SunJudgement, tb: number, jb: SunJudgement): boolean {
  return (
    ja.daylight &&
    jb.daylight &&
    Math.abs(ja.from - jb.from) < CLEAR_MS &&
    Math.abs(ja.to - jb.to) < CLEAR_MS &&
    ta - ja.from >= CLEAR_MS &&
    ja.to - ta >= CLEAR_MS &&
    tb - jb.from >= CLEAR_MS &&
    jb.to - tb >= CLEAR_MS
  );
}

/**
 * Does the judgement stay the same from (ta, a) to (tb, b) along a straight stretch flown forward in time?
 * Either both ends are well inside the same day's daylight and the stretch is short (under 0.1°, away from
 * the poles, where sun times change by a minute or two at most), or sun times are those of one rounded
 * position all along and every day around has a sunrise and sunset, so the daylight periods form one ordered
 * sequence: when both ends lie in (or on the same side of) the same period, so does every instant between,
 * and the minutes outside daylight change monotonically.
 */
export function daylightSteady(
  ta: number,
  latA: number,
  lonA: number,
  tb: number,
  latB: number,
  lonB: number,
  night: NightDefinition,
): boolean {
  if (tb < ta) return false;
  const short = Math.abs(latA - latB) < 0.1 && Math.abs(lonA - lonB) < 0.1 && Math.abs(latA) < 60;
  if (short && clearlyDaylight(ta, judgeDaylight(ta, latA, lonA, night), tb, judgeDaylight(tb, latB, lonB, night)))
    return true;
  const la = Math.round(latA * ROUND) / ROUND;
  const lo = Math.round(lonA * ROUND) / ROUND;
  if (la !== Math.round(latB * ROUND) / ROUND || lo !== Math.round(lonB * ROUND) / ROUND) return false;
  const first = solarDay(ta, lo) - 2;
  const lastDay = solarDay(tb, lo) + 2;
  if (lastDay - first > 8) return false;
  for (let day = first; day <= lastDay; day++) if (sunDay(day, la, lo) === null) return false;
  const ja = judgeDaylight(ta, latA, lonA, night);
  const jb = judgeDaylight(tb, latB, lonB, night);
  return ja.daylight === jb.daylight && ja.from === jb.from && ja.to === jb.to && ta > ja.to === tb > jb.to;
}

/**
 * How long, and how far, the daylight judgement at (t, lat, lon) is sure to stay the same. Moving
 * DAYLIGHT_REACH_M shifts sun times by well under a minute at latitudes below 60° (4 min per degree of
 * longitude, less per degree of latitude there; 5 km is under 0.06°), and the judgement is trusted only until
 * DAYLIGHT_GUARD_MS before the nearest sun event. After dusk (the nearest daylight behind) the next event is
 * the next day's dawn, over half a night away (hours below 60°): re-judged every DAYLIGHT_NIGHT_RECHECK_MS
 * rather than computed.
 */
const DAYLIGHT_REACH_M = 5000;
const DAYLIGHT_GUARD_MS = 2 * MIN_MS;
const DAYLIGHT_NIGHT_RECHECK_MS = 10 * MIN_MS;

export function daylightMargin(
  tMs: number,
  lat: number,
  lon: number,
  night: NightDefinition,
): { distanceM: number; untilMs: number } {
  if (Math.abs(lat) >= 60) return { distanceM: 0, untilMs: tMs };
  const j = judgeDaylight(tMs, lat, lon, night);
  const next = j.daylight ? j.to : tMs < j.from ? j.from : tMs + DAYLIGHT_NIGHT_RECHECK_MS + DAYLIGHT_GUARD_MS;
  return { distanceM: DAYLIGHT_REACH_M, untilMs: Math.max(tMs, next - DAYLIGHT_GUARD_MS) };
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
            night: NIGHT_DEFINITION_WORDS[p.night],
          },
        },
        measured: { value: round2((after ? s.tMs - j.to : j.from - s.tMs) / MIN_MS), unit: 'min outside daylight' },
        limit: { value: 0, unit: 'min outside daylight' },
        worse: 'max',
      },
    ];
  },
  steady: (a, b, _ctx, p) => daylightSteady(a.tMs, a.lat, a.lon, b.tMs, b.lat, b.lon, p.night),
  margin(s, _ctx, p, into) {
    narrowMargin(into, daylightMargin(s.tMs, s.lat, s.lon, p.night));
  },
});
