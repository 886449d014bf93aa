import * as SunCalc from 'suncalc';
import type { DayPoint, Timing, Weekday } from '../model/time.js';

/**
 * Zone activity in time.
 * - No timing: always active. `windows` absent or empty: no window restriction; otherwise active only
 *   inside one of the closed windows [from, to] (an open end is unbounded).
 * - `daily` absent or empty: no daily restriction; otherwise active only during one of the periods, in local
 *   time given by `utcOffset`. A period runs from its start to its end on the same local day; when the end
 *   is before the start it runs on into the next day, and that after-midnight part belongs to the day the
 *   period STARTED (e.g. a FRI 22:00–02:00 period covers Saturday 01:00, not Friday 01:00).
 *   Both ends are inclusive. An end of "23:59" means the end of the day (24:00), since HH:MM cannot say 24:00.
 * - Solar events SR/SS (+ offsetMin) are sunrise/sunset from suncalc (upper limb at −0.833°, refraction
 *   included) for that local date at the zone's reference point; a day without the event has no period.
 */
export interface CompiledTiming {
  /** [from, to] epoch-ms pairs, or null when unrestricted. */
  windows: Float64Array | null;
  /** 6 numbers per period: dayMask, startKind, startValue, endKind, endValue, unused; or null. */
  periods: Float64Array | null;
  offsetMs: number;
  needsSun: boolean;
}

const DAY_MS = 86_400_000;
const KIND_CLOCK = 0;
const KIND_SR = 1;
const KIND_SS = 2;
const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

function parseOffsetMs(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new RangeError(`timing.utcOffset: expected ±HH:MM, got "${offset}"`);
  const v = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '-' ? -v : v;
}

function dayPoint(p: DayPoint, isEnd: boolean): [number, number] {
  if ('time' in p) {
    const [h, min] = p.time.split(':').map(Number);
    const minutes = h * 60 + min;
    return [KIND_CLOCK, isEnd && minutes === 23 * 60 + 59 ? 1440 : minutes];
  }
  return [p.event === 'SR' ? KIND_SR : KIND_SS, p.offsetMin];
}

export function compileTiming(timing: Timing | undefined): CompiledTiming | null {
  if (!timing) return null;
  const ws = timing.windows ?? [];
  const ds = timing.daily ?? [];
  if (ws.length === 0 && ds.length === 0) return null;
  const windows = ws.length > 0 ? new Float64Array(ws.length * 2) : null;
  if (windows) {
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      windows[2 * i] = w.from ? Date.parse(w.from) : Number.NEGATIVE_INFINITY;
      windows[2 * i + 1] = w.to ? Date.parse(w.to) : Number.POSITIVE_INFINITY;
    }
  }
  let periods: Float64Array | null = null;
  let needsSun = false;
  if (ds.length > 0) {
    periods = new Float64Array(ds.length * 6);
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i];
      let mask = 0;
      for (const day of d.days) mask |= day === 'ANY' ? 0x7f : 1 << WEEKDAYS.indexOf(day);
      const [sk, sv] = dayPoint(d.start, false);
      const [ek, ev] = dayPoint(d.end, true);
      if (sk !== KIND_CLOCK || ek !== KIND_CLOCK) needsSun = true;
      periods.set([mask, sk, sv, ek, ev, 0], i * 6);
    }
  }
  return { windows, periods, offsetMs: parseOffsetMs(timing.utcOffset ?? '+08:00'), needsSun };
}

/**
 * Per-location cache of sunrise/sunset, so that repeated queries allocate nothing after the first per day.
 * Direct-mapped on the local day number modulo 4: [day, sunriseMs, sunsetMs] × 4.
 */
export function createSunCache(): Float64Array {
  return new Float64Array(12).fill(Number.NaN);
}

function sunEvent(cache: Float64Array, day: number, kind: number, offsetMs: number, lon: number, lat: number): number {
  const slot = (day & 3) * 3;
  if (cache[slot] !== day) {
    // Local noon of that date as the instant: suncalc returns the events of the solar day around it.
    const times = SunCalc.getTimes(new Date(day * DAY_MS + DAY_MS / 2 - offsetMs), lat, lon);
    cache[slot] = day;
    cache[slot + 1] = times.sunrise ? times.sunrise.getTime() : Number.NaN;
    cache[slot + 2] = times.sunset ? times.sunset.getTime() : Number.NaN;
  }
  return cache[slot + kind];
}

function pointMs(
  kind: number,
  value: number,
  day: number,
  offsetMs: number,
  lon: number,
  lat: number,
  cache: Float64Array,
): number {
  if (kind === KIND_CLOCK) return day * DAY_MS + value * 60_000 - offsetMs;
  return sunEvent(cache, day, kind, offsetMs, lon, lat) + value * 60_000;
}

function periodCovers(
  p: Float64Array,
  o: number,
  day: number,
  tMs: number,
  offsetMs: number,
  lon: number,
  lat: number,
  cache: Float64Array,
): boolean {
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 (day 0) was a Thursday; MON = 0
  if ((p[o] & (1 << weekday)) === 0) return false;
  const start = pointMs(p[o + 1], p[o + 2], day, offsetMs, lon, lat, cache);
  let end = pointMs(p[o + 3], p[o + 4], day, offsetMs, lon, lat, cache);
  if (end < start) end = pointMs(p[o + 3], p[o + 4], day + 1, offsetMs, lon, lat, cache);
  return tMs >= start && tMs <= end;
}

/** Evaluates a compiled timing; `cache` from createSunCache() (one per location). Allocation-free. */
export function activeAtCompiled(
  c: CompiledTiming | null,
  tMs: number,
  lon: number,
  lat: number,
  cache: Float64Array,
): boolean {
  if (c === null) return true;
  const w = c.windows;
  if (w !== null) {
    let inside = false;
    for (let i = 0; i < w.length; i += 2) {
      if (tMs >= w[i] && tMs <= w[i + 1]) {
        inside = true;
        break;
      }
    }
    if (!inside) return false;
  }
  const p = c.periods;
  if (p === null) return true;
  const localDay = Math.floor((tMs + c.offsetMs) / DAY_MS);
  for (let o = 0; o < p.length; o += 6) {
    // Periods starting yesterday (crossing midnight) or tomorrow (negative solar offsets) can cover today.
    for (let d = localDay - 1; d <= localDay + 1; d++) {
      if (periodCovers(p, o, d, tMs, c.offsetMs, lon, lat, cache)) return true;
    }
  }
  return false;
}

/**
 * The first instant at or after `tMs` at which the activity may change (a window or period boundary; ends are
 * inclusive, so an end itself is one), or Infinity. A lower bound: every period's ends count, whatever its days.
 * With sunrise/sunset periods it gives no promise (returns `tMs`): their instants depend on the place.
 */
export function nextTimingChange(c: CompiledTiming | null, tMs: number): number {
  if (c === null) return Number.POSITIVE_INFINITY;
  if (c.needsSun) return tMs;
  let next = Number.POSITIVE_INFINITY;
  const consider = (b: number) => {
    if (b >= tMs && b < next) next = b;
  };
  const w = c.windows;
  if (w !== null) for (let i = 0; i < w.length; i++) consider(w[i]);
  const p = c.periods;
  if (p !== null) {
    const localDay = Math.floor((tMs + c.offsetMs) / DAY_MS);
    for (let o = 0; o < p.length; o += 6)
      for (let d = localDay - 1; d <= localDay + 2; d++) {
        const start = d * DAY_MS + p[o + 2] * 60_000 - c.offsetMs;
        let end = d * DAY_MS + p[o + 4] * 60_000 - c.offsetMs;
        if (end < start) end += DAY_MS;
        consider(start);
        consider(end);
      }
  }
  return next;
}

/** Is a zone with this timing active at `tMs` (epoch ms)? (lon, lat) locate sunrise/sunset. */
export function isActiveAt(timing: Timing | undefined, tMs: number, lon: number, lat: number): boolean {
  return activeAtCompiled(compileTiming(timing), tMs, lon, lat, createSunCache());
}
