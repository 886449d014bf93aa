import { describe, expect, it } from 'vitest';
import { buildZoneIndex, isActiveAt } from '../../rules/src/airspace/index.js';
import { compileTiming, nextTimingChange } from '../../rules/src/airspace/timing.js';
import { Timing } from '../../rules/src/model/time.js';
import { makeZone } from './fixtures.js';

const HK: [number, number] = [114.17, 22.3];
const at = (iso: string) => Date.parse(iso);
const active = (timing: Timing | undefined, iso: string) => isActiveAt(timing, at(iso), HK[0], HK[1]);

describe('isActiveAt: validity windows', () => {
  const timing = Timing.parse({ windows: [{ from: '2026-03-01T10:00:00+08:00', to: '2026-03-01T12:00:00+08:00' }] });
  it('is closed at both ends', () => {
    expect(active(timing, '2026-03-01T10:00:00+08:00')).toBe(true);
    expect(active(timing, '2026-03-01T12:00:00+08:00')).toBe(true);
    expect(active(timing, '2026-03-01T09:59:59.999+08:00')).toBe(false);
    expect(active(timing, '2026-03-01T12:00:00.001+08:00')).toBe(false);
  });
  it('treats an open end as unbounded, and no timing as always active', () => {
    const open = Timing.parse({ windows: [{ from: '2026-03-01T10:00:00+08:00' }] });
    expect(active(open, '2030-01-01T00:00:00Z')).toBe(true);
    expect(active(open, '2026-03-01T01:59:59Z')).toBe(false);
    expect(active(undefined, '1999-01-01T00:00:00Z')).toBe(true);
  });
});

describe('isActiveAt: daily periods in local time', () => {
  // 2026-01-02 is a Friday.
  const fridayNight = Timing.parse({ daily: [{ days: ['FRI'], start: { time: '22:00' }, end: { time: '02:00' } }] });
  it('runs past midnight into the next day, counted as the starting day', () => {
    expect(active(fridayNight, '2026-01-02T21:59+08:00')).toBe(false);
    expect(active(fridayNight, '2026-01-02T22:00+08:00')).toBe(true);
    expect(active(fridayNight, '2026-01-02T23:30+08:00')).toBe(true);
    expect(active(fridayNight, '2026-01-03T01:00+08:00')).toBe(true); // Saturday 01:00 belongs to Friday's period
    expect(active(fridayNight, '2026-01-03T02:00+08:00')).toBe(true);
    expect(active(fridayNight, '2026-01-03T02:00:00.001+08:00')).toBe(false);
    expect(active(fridayNight, '2026-01-02T01:00+08:00')).toBe(false); // Friday 01:00 belongs to Thursday
    expect(active(fridayNight, '2026-01-03T22:30+08:00')).toBe(false); // Saturday evening
  });
  it('uses the utcOffset for local time', () => {
    const utcNoon = Timing.parse({
      daily: [{ days: ['ANY'], start: { time: '12:00' }, end: { time: '13:00' } }],
      utcOffset: '+00:00',
    });
    expect(active(utcNoon, '2026-01-05T12:30:00Z')).toBe(true);
    expect(active(utcNoon, '2026-01-05T12:30:00+08:00')).toBe(false);
  });
  it('treats an end of 23:59 as the end of the day', () => {
    const allDay = Timing.parse({ daily: [{ days: ['MON'], start: { time: '00:00' }, end: { time: '23:59' } }] });
    expect(active(allDay, '2026-01-05T23:59:30+08:00')).toBe(true);
    expect(active(allDay, '2026-01-06T00:00:00+08:00')).toBe(true);
    expect(active(allDay, '2026-01-06T00:00:00.001+08:00')).toBe(false);
  });
  it('combines windows and daily periods (both must hold)', () => {
    const t = Timing.parse({
      windows: [{ from: '2026-01-05T00:00:00+08:00', to: '2026-01-06T23:59:59+08:00' }],
      daily: [{ days: ['ANY'], start: { time: '09:00' }, end: { time: '17:00' } }],
    });
    expect(active(t, '2026-01-05T10:00+08:00')).toBe(true);
    expect(active(t, '2026-01-05T18:00+08:00')).toBe(false);
    expect(active(t, '2026-01-07T10:00+08:00')).toBe(false);
  });
});

describe('isActiveAt: sunrise / sunset (hk-drone-law.md §7.2, 1st of each month, HKT)', () => {
  const table: [string, string, string][] = [
    ['01', '07:04', '17:51'],
    ['02', '07:03', '18:12'],
    ['03', '06:46', '18:28'],
    ['04', '06:17', '18:39'],
    ['05', '05:52', '18:50'],
    ['06', '05:40', '19:04'],
    ['07', '05:43', '19:12'],
    ['08', '05:56', '19:05'],
    ['09', '06:07', '18:42'],
    ['10', '06:15', '18:13'],
    ['11', '06:28', '17:47'],
    ['12', '06:47', '17:39'],
  ];
  const day = Timing.parse({
    daily: [{ days: ['ANY'], start: { event: 'SR', offsetMin: 0 }, end: { event: 'SS', offsetMin: 0 } }],
  });
  const shift = (iso: string, min: number) => new Date(at(iso) + min * 60_000).toISOString();
  it.each(table)('month %s: sunrise %s and sunset %s within 2 minutes', (month, sr, ss) => {
    const rise = `2026-${month}-01T${sr}:00+08:00`;
    const set = `2026-${month}-01T${ss}:00+08:00`;
    expect(active(day, shift(rise, -2))).toBe(false);
    expect(active(day, shift(rise, 2))).toBe(true);
    expect(active(day, shift(set, -2))).toBe(true);
    expect(active(day, shift(set, 2))).toBe(false);
  });
  it('applies offsets and crosses midnight for a night period (SS+30 to SR−30)', () => {
    const night = Timing.parse({
      daily: [{ days: ['ANY'], start: { event: 'SS', offsetMin: 30 }, end: { event: 'SR', offsetMin: -30 } }],
    });
    expect(active(night, '2026-01-01T18:15+08:00')).toBe(false); // sunset 17:51 + 30 = 18:21
    expect(active(night, '2026-01-01T18:25+08:00')).toBe(true);
    expect(active(night, '2026-01-02T03:00+08:00')).toBe(true);
    expect(active(night, '2026-01-02T06:30+08:00')).toBe(true); // sunrise ≈ 07:04 − 30 = 06:34
    expect(active(night, '2026-01-02T06:40+08:00')).toBe(false);
  });
});

describe('ZoneIndex.isActive and pointQuery honour timing', () => {
  const zone = makeZone(
    'NIGHT',
    { type: 'Circle', center: HK, radiusM: 500 },
    {
      timing: { daily: [{ days: ['ANY'], start: { event: 'SS', offsetMin: 0 }, end: { event: 'SR', offsetMin: 0 } }] },
    },
  );
  const index = buildZoneIndex([zone]);
  const out = new Int32Array(4);
  it('uses the zone centre for solar events', () => {
    expect(index.isActive(0, at('2026-01-01T12:00+08:00'))).toBe(false);
    expect(index.isActive(0, at('2026-01-01T23:00+08:00'))).toBe(true);
    expect(index.pointQuery(HK[0], HK[1], 10, at('2026-01-01T12:00+08:00'), out)).toBe(0);
    expect(index.pointQuery(HK[0], HK[1], 10, at('2026-01-01T23:00+08:00'), out)).toBe(1);
  });
});

describe('nextTimingChange: when activity may change next (for live margins)', () => {
  const next = (timing: Timing | undefined, iso: string) => nextTimingChange(compileTiming(timing), at(iso));
  it('finds the next window or daily boundary, an end counting as one (ends are inclusive)', () => {
    const timing = Timing.parse({
      windows: [{ from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' }],
      daily: [{ days: ['MON'], start: { time: '09:00' }, end: { time: '17:30' } }],
    });
    expect(next(timing, '2026-03-02T08:00:00+08:00')).toBe(at('2026-03-02T09:00:00+08:00'));
    expect(next(timing, '2026-03-02T12:00:00+08:00')).toBe(at('2026-03-02T17:30:00+08:00'));
    expect(next(timing, '2026-03-02T17:30:00+08:00')).toBe(at('2026-03-02T17:30:00+08:00'));
    expect(next(timing, '2026-03-31T23:00:00+08:00')).toBe(at('2026-03-31T23:59:59+08:00'));
    expect(next(undefined, '2026-03-02T12:00:00+08:00')).toBe(Number.POSITIVE_INFINITY);
  });
  it('never lets an activity change pass unseen (checked minute by minute over a week)', () => {
    const timing = Timing.parse({
      daily: [
        { days: ['FRI'], start: { time: '22:00' }, end: { time: '02:00' } },
        { days: ['ANY'], start: { time: '07:15' }, end: { time: '08:45' } },
      ],
    });
    const c = compileTiming(timing);
    // one expect at the end (an expect per minute checked made this take 12 s on an idle machine)
    const missed: string[] = [];
    for (let t = at('2026-01-01T00:00:00+08:00'); t < at('2026-01-08T00:00:00+08:00'); t += 60_000) {
      const until = nextTimingChange(c, t);
      const now = isActiveAt(timing, t, HK[0], HK[1]);
      for (let u = t + 60_000; u < Math.min(until, t + 3 * 3_600_000); u += 60_000)
        if (isActiveAt(timing, u, HK[0], HK[1]) !== now)
          missed.push(`${new Date(t).toISOString()} -> ${new Date(u).toISOString()}`);
    }
    expect(missed.slice(0, 5)).toEqual([]);
  });
  it('makes no promise with sunrise or sunset periods', () => {
    const solar = Timing.parse({
      daily: [{ days: ['ANY'], start: { event: 'SR', offsetMin: 0 }, end: { time: '12:00' } }],
    });
    expect(next(solar, '2026-03-02T10:00:00+08:00')).toBe(at('2026-03-02T10:00:00+08:00'));
  });
});
