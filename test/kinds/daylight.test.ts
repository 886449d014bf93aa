import * as SunCalc from 'suncalc';
import { describe, expect, it } from 'vitest';
import { getKind, judgeDaylight } from '../../rules/src/kinds/index.js';
import { renderMessage } from '../../rules/src/messages/index.js';
import { createCtx, createSample, rule } from './helpers.js';

const [lon, lat] = [114.1743, 22.302]; // HK Observatory
const day = new Date('2026-06-01T12:00:00+08:00');
const exactSunset = SunCalc.getTimes(day, lat, lon).sunset?.getTime() ?? Number.NaN;
const exactSunrise = SunCalc.getTimes(day, lat, lon).sunrise?.getTime() ?? Number.NaN;
// The engine looks sun times up at positions rounded to 0.01°: within seconds of the exact ones.
const { sunset, sunrise } = judgeDaylight(day.getTime(), lat, lon, 'sunset-sunrise');

describe('daylight (suncalc at the position)', () => {
  it('sunset on 1 June in Hong Kong is near the published 19:04', () => {
    const hkt = new Date(sunset + 8 * 3600_000).toISOString().slice(11, 16);
    expect(hkt >= '19:00' && hkt <= '19:08').toBe(true);
  });
  it('uses sun times within 5 seconds of suncalc at the exact position', () => {
    expect(Math.abs(sunset - exactSunset)).toBeLessThan(5000);
    expect(Math.abs(sunrise - exactSunrise)).toBeLessThan(5000);
  });
  it('exactly at sunset is still daylight; one second later is night (strict definition)', () => {
    expect(judgeDaylight(sunset, lat, lon, 'sunset-sunrise').daylight).toBe(true);
    expect(judgeDaylight(sunset + 1000, lat, lon, 'sunset-sunrise').daylight).toBe(false);
    expect(judgeDaylight(sunrise, lat, lon, 'sunset-sunrise').daylight).toBe(true);
    expect(judgeDaylight(sunrise - 1000, lat, lon, 'sunset-sunrise').daylight).toBe(false);
  });
  it('civil-twilight: 30 minutes either side count as daylight', () => {
    expect(judgeDaylight(sunset + 29 * 60_000, lat, lon, 'civil-twilight').daylight).toBe(true);
    expect(judgeDaylight(sunset + 31 * 60_000, lat, lon, 'civil-twilight').daylight).toBe(false);
    expect(judgeDaylight(sunrise - 29 * 60_000, lat, lon, 'civil-twilight').daylight).toBe(true);
  });
  it('midnight and noon', () => {
    expect(judgeDaylight(Date.parse('2026-06-01T00:00:00+08:00'), lat, lon, 'sunset-sunrise').daylight).toBe(false);
    expect(judgeDaylight(Date.parse('2026-06-01T12:00:00+08:00'), lat, lon, 'sunset-sunrise').daylight).toBe(true);
  });
  it('the kind reports the local sunset time in its message data', () => {
    const b = getKind('daylight')?.bind({ night: 'sunset-sunrise' });
    if (!b?.ok) throw new Error('bind');
    const hits = b.bound.checkSample?.(createSample({ lon, lat, tMs: sunset + 600_000 }), createCtx(), rule) ?? [];
    expect(hits).toMatchObject([
      {
        trigger: 'night',
        msg: { code: 'daylight.after-sunset' },
        measured: { value: 10, unit: 'min outside daylight' },
      },
    ]);
    expect(hits[0].msg.data?.time).toMatch(/^19:1\d$/);
  });
  it.each([
    ['sunset-sunrise', 'sunset to sunrise', '日落至日出'],
    ['civil-twilight', 'civil twilight', '民用曙暮光'],
  ])('words the night definition %s in each language, not as its id', (night, en, zh) => {
    const b = getKind('daylight')?.bind({ night });
    if (!b?.ok) throw new Error('bind');
    const [hit] = b.bound.checkSample?.(createSample({ lon, lat, tMs: sunset + 7200_000 }), createCtx(), rule) ?? [];
    const words = (locale: 'en' | 'zh-Hant') => renderMessage(hit.msg.code, hit.msg.data, locale);
    expect(words('en')).toContain(`night definition: ${en})`);
    expect(words('zh-Hant')).toContain(`夜間定義：${zh}）`);
    expect(words('zh-Hant')).not.toContain(night);
  });
});
