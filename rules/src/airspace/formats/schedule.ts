import { type DailyPeriod, type DayPoint, HK_UTC_OFFSET, Instant, type Timing, Weekday } from '../../model/time.js';
import { fail, parseAt, type ReadContext, warn } from './errors.js';

/** A daily period as ED-318 (`schedule`) and ED-269 (`schedule` / `dailyPeriod`) write it. */
export interface RawDaily {
  day?: readonly string[] | null;
  startTime?: string | null;
  endTime?: string | null;
  startEvent?: string | null;
  endEvent?: string | null;
}

/** A time period (ED-318 `limitedApplicability[]`, ED-269 `applicability[]`). */
export interface RawPeriod {
  startDateTime?: string | null;
  endDateTime?: string | null;
  permanent?: string | null;
  daily?: readonly RawDaily[] | null;
}

type Point =
  | { kind: 'clock'; minutes: number; offsetMin: number | null }
  | { kind: 'event'; event: 'SR' | 'SS'; offsetMin: number };

const DAY_MIN = 1440;
const END_OF_DAY = 23 * 60 + 59;
const WEEK: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
/** Civil twilight in Hong Kong lasts about 22–25 minutes; BMCT/EECT are approximated from SR/SS. */
const TWILIGHT_MIN = 25;

function parseOffset(text: string): number {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return Number.NaN;
  const v = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -v : v;
}

export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Parses "16:00:00Z", "09:30:00.00+08:00", "09:30+0800" or "09:30" (no offset: null). */
export function parseClockTime(
  text: string,
  ctx: ReadContext,
  field: string,
): { minutes: number; offsetMin: number | null } {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  const sec = Number(m?.[3] ?? '0');
  if (!m || h > 23 || min > 59 || sec > 59)
    return fail(ctx, field, `expected a time of day hh:mm[:ss][Z|±hh:mm], got "${text}"`);
  if (sec !== 0 && !(h === 23 && min === 59 && sec === 59)) warn(ctx, `${field}: seconds dropped from "${text}"`);
  const offsetMin = m[4] === undefined ? null : parseOffset(m[4]);
  if (offsetMin !== null && (!Number.isFinite(offsetMin) || Math.abs(offsetMin) > 14 * 60))
    return fail(ctx, field, `bad UTC offset in "${text}"`);
  return { minutes: h * 60 + min, offsetMin };
}

function eventPoint(code: string, ctx: ReadContext, field: string): Point {
  switch (code) {
    case 'SR':
    case 'SS':
      return { kind: 'event', event: code, offsetMin: 0 };
    case 'BMCT':
      warn(ctx, `${field}: BMCT approximated as sunrise − ${TWILIGHT_MIN} min`);
      return { kind: 'event', event: 'SR', offsetMin: -TWILIGHT_MIN };
    case 'EECT':
      warn(ctx, `${field}: EECT approximated as sunset + ${TWILIGHT_MIN} min`);
      return { kind: 'event', event: 'SS', offsetMin: TWILIGHT_MIN };
    default:
      return fail(ctx, field, `unknown daylight event "${code}" (expected SR, SS, BMCT or EECT)`);
  }
}

function readPoint(raw: RawDaily, end: boolean, ctx: ReadContext, field: string): Point {
  const time = end ? raw.endTime : raw.startTime;
  const event = end ? raw.endEvent : raw.startEvent;
  const which = end ? 'end' : 'start';
  if (event) {
    if (time) warn(ctx, `${field}.${which}Time: both a time and an event given; using the event`);
    return eventPoint(event, ctx, `${field}.${which}Event`);
  }
  if (time) return { kind: 'clock', ...parseClockTime(time, ctx, `${field}.${which}Time`) };
  return { kind: 'clock', minutes: end ? END_OF_DAY : 0, offsetMin: null };
}

function readDays(raw: RawDaily, ctx: ReadContext, field: string): Weekday[] {
  const days = raw.day ?? [];
  if (days.length === 0) {
    warn(ctx, `${field}.day: empty day list read as ANY`);
    return ['ANY'];
  }
  return days.map((d, k) => parseAt(Weekday, typeof d === 'string' ? d.toUpperCase() : d, ctx, `${field}.day[${k}]`));
}

function shiftDays(days: Weekday[], shift: number): Weekday[] {
  if (shift === 0 || days.includes('ANY')) return days;
  return days.map((d) => WEEK[(WEEK.indexOf(d) + shift + 7) % 7]);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Converts a point into local time at `target` offset; returns the DayPoint and the day shift of the start. */
function toDayPoint(p: Point, target: number): [DayPoint, number] {
  if (p.kind === 'event') return [{ event: p.event, offsetMin: p.offsetMin }, 0];
  if (p.offsetMin === null || p.offsetMin === target) return [{ time: hhmm(p.minutes) }, 0];
  const local = p.minutes - p.offsetMin + target;
  const shift = Math.floor(local / DAY_MIN);
  return [{ time: hhmm(local - shift * DAY_MIN) }, shift];
}

const isEmptyDaily = (d: RawDaily) =>
  (d.day ?? []).length === 0 && !d.startTime && !d.endTime && !d.startEvent && !d.endEvent;

/**
 * Reads time periods into our Timing. Periods whose daily schedules differ cannot share one Timing
 * (windows ∩ daily), so the result has one Timing per distinct schedule (undefined = always active);
 * the caller splits the zone when there is more than one.
 * @param names field names of the list and of its daily periods, for messages
 */
export function timingsFromPeriods(
  periods: readonly RawPeriod[] | null | undefined,
  ctx: ReadContext,
  names: { list: string; daily: string },
): (Timing | undefined)[] {
  if (!periods || periods.length === 0) return [undefined];
  const read = periods.map((p, i) => {
    const base = `${names.list}[${i}]`;
    const from = p.startDateTime ? parseAt(Instant, p.startDateTime, ctx, `${base}.startDateTime`) : undefined;
    const to = p.endDateTime ? parseAt(Instant, p.endDateTime, ctx, `${base}.endDateTime`) : undefined;
    if (from && to && Date.parse(from) > Date.parse(to)) fail(ctx, `${base}.endDateTime`, 'is before startDateTime');
    const dailies = (p.daily ?? [])
      .map((d, j) => ({ d, field: `${base}.${names.daily}[${j}]` }))
      .filter(({ d }) => !isEmptyDaily(d))
      .map(({ d, field }) => ({
        days: readDays(d, ctx, field),
        start: readPoint(d, false, ctx, field),
        end: readPoint(d, true, ctx, field),
      }));
    return { window: from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : null, dailies };
  });
  const clocks = read.flatMap((r) => r.dailies.flatMap((d) => [d.start, d.end]));
  const explicit = clocks.find((p) => p.kind === 'clock' && p.offsetMin !== null);
  const anyClockGiven = periods.some((p) => (p.daily ?? []).some((d) => d.startTime || d.endTime));
  let target = parseOffset(HK_UTC_OFFSET);
  if (explicit?.kind === 'clock' && explicit.offsetMin !== null) target = explicit.offsetMin;
  else if (anyClockGiven) {
    target = 0;
    warn(ctx, `${names.list}: times of day without a UTC offset; assumed UTC`);
  }
  const groups = new Map<
    string,
    { windows: { from?: string; to?: string }[]; unbounded: boolean; daily: DailyPeriod[] }
  >();
  for (const r of read) {
    const daily = r.dailies.map((d): DailyPeriod => {
      const [start, shift] = toDayPoint(d.start, target);
      const [end] = toDayPoint(d.end, target);
      return { days: shiftDays(d.days, shift), start, end };
    });
    const key = JSON.stringify(daily);
    const g = groups.get(key) ?? { windows: [], unbounded: false, daily };
    if (r.window) g.windows.push(r.window);
    else g.unbounded = true;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const windows = g.unbounded ? [] : g.windows;
    if (windows.length === 0 && g.daily.length === 0) return undefined;
    return {
      ...(windows.length > 0 ? { windows } : {}),
      ...(g.daily.length > 0 ? { daily: g.daily } : {}),
      utcOffset: formatOffset(target),
    };
  });
}

/** An exported time period; `schedule` holds the daily periods (ED-269 UASZoneList renames it). */
export interface PeriodOut {
  startDateTime?: string;
  endDateTime?: string;
  schedule?: DailyOut[];
}
export interface DailyOut {
  day: string[];
  startTime?: string;
  startEvent?: string;
  endTime?: string;
  endEvent?: string;
}

function pointOut(
  p: DayPoint,
  which: 'start' | 'end',
  offset: string,
  style: 'ed318' | 'ed269',
  onWarning?: (m: string) => void,
) {
  if ('time' in p) return { [`${which}Time`]: `${p.time}:00${style === 'ed269' ? '.00' : ''}${offset}` };
  if (p.offsetMin !== 0)
    onWarning?.(
      `${which} ${p.event}${p.offsetMin > 0 ? '+' : ''}${p.offsetMin} min: the offset from the solar event is lost`,
    );
  return { [`${which}Event`]: p.event };
}

/** Timing → one period per window, each carrying the daily schedule (ED semantics: period ∩ schedule). */
export function periodsFromTiming(
  timing: Timing | undefined,
  style: 'ed318' | 'ed269',
  onWarning?: (m: string) => void,
): PeriodOut[] | undefined {
  const windows = timing?.windows ?? [];
  const daily = timing?.daily ?? [];
  if (!timing || (windows.length === 0 && daily.length === 0)) return undefined;
  const offset = timing.utcOffset ?? HK_UTC_OFFSET;
  const schedule = daily.map(
    (d): DailyOut => ({
      day: [...d.days],
      ...pointOut(d.start, 'start', offset, style, onWarning),
      ...pointOut(d.end, 'end', offset, style, onWarning),
    }),
  );
  return (windows.length > 0 ? windows : [{}]).map((w) => ({
    ...(w.from ? { startDateTime: w.from } : {}),
    ...(w.to ? { endDateTime: w.to } : {}),
    ...(schedule.length > 0 ? { schedule } : {}),
  }));
}

/** True when some validity window ends: such zones are temporary. */
export function hasEndDate(timing: Timing | undefined): boolean {
  return (timing?.windows ?? []).some((w) => w.to !== undefined);
}
