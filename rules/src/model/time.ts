import { z } from 'zod';

/** An instant with an explicit UTC offset, e.g. "2026-03-01T10:00:00+08:00". */
export const Instant = z.iso.datetime({ offset: true }).meta({ id: 'Instant' });
export type Instant = z.infer<typeof Instant>;

/** Hong Kong Time is UTC+08:00 all year (Cap. 1 s.67(2); no daylight saving since 1979). */
export const HK_UTC_OFFSET = '+08:00';

export const TimeWindow = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .refine((w) => !w.from || !w.to || Date.parse(w.from) <= Date.parse(w.to), {
    message: '"from" must not be after "to"',
    path: ['to'],
  })
  .meta({ id: 'TimeWindow', description: 'Closed interval; an open end is unbounded.' });
export type TimeWindow = z.infer<typeof TimeWindow>;

export const Weekday = z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'ANY']);
export type Weekday = z.infer<typeof Weekday>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected local time HH:MM (00:00–23:59)');

/** A point in the local day: a clock time, or a solar event (ED-318 SR/SS) with an offset in minutes. */
export const DayPoint = z
  .union([
    z.object({ time: HHMM }),
    z.object({ event: z.enum(['SR', 'SS']), offsetMin: z.number().int().min(-720).max(720) }),
  ])
  .meta({ id: 'DayPoint' });
export type DayPoint = z.infer<typeof DayPoint>;

/**
 * A recurring daily period in local time (ED-318 `dailyPeriod`). An end before the start
 * crosses midnight: the period runs into the next day.
 */
export const DailyPeriod = z
  .object({ days: z.array(Weekday).min(1), start: DayPoint, end: DayPoint })
  .meta({ id: 'DailyPeriod' });
export type DailyPeriod = z.infer<typeof DailyPeriod>;

export const Timing = z
  .object({
    windows: z.array(TimeWindow).optional().describe('the zone is active only inside one of these windows'),
    daily: z.array(DailyPeriod).optional().describe('and, within them, only during one of these periods'),
    utcOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/)
      .default(HK_UTC_OFFSET)
      .describe('local time for daily periods'),
  })
  .meta({ id: 'Timing' });
export type Timing = z.infer<typeof Timing>;
