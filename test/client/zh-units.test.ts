import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/i18n/en.js';
import { zh } from '../../client/src/i18n/zh.js';
import { unitText } from '../../client/src/ui/units.js';
import { formatQuantity, UNIT_ZH, unitZh } from '../../rules/src/messages/index.js';
import { zhHant } from '../../rules/src/messages/zh-hant.js';

/**
 * Units in 繁中: the Chinese UI text writes lengths as 米 ("離地 60 米 · 海拔 703 米"), so a value with its unit
 * beside it is worded the same way ("量度值 22.2 米 · 限值 30 米"), never "22.2 m" next to "海拔 6 米".
 */
const inZh = (unit: string) => unitText(unit, (k: MessageKey) => zh[k]);
const inEn = (unit: string) => unitText(unit, (k: MessageKey) => en[k]);

/** A unit symbol written in Latin script right after a number or a `{param}` in a Chinese text. */
const LATIN_UNIT_AFTER_VALUE = /(?:\d|\})\s?(?:m|s|ft|km|kg|g|min|km\/h|m\/s)(?![A-Za-z])/;

describe('units in 繁中', () => {
  it('no Chinese UI text or message writes a unit symbol after a value (米, 秒, as the rest of it)', () => {
    const offenders = [...Object.entries(zh), ...Object.entries(zhHant)].filter(([, text]) =>
      LATIN_UNIT_AFTER_VALUE.test(text),
    );
    expect(offenders).toEqual([]);
    expect(zh['traffic.halfWidth']).toBe('半寬 {m} 米');
    expect(LATIN_UNIT_AFTER_VALUE.test('半寬 {m} m')).toBe(true);
  });

  it('measured values, limits and heights are worded in Chinese units; a vertical reference stays as written', () => {
    expect(inZh('m')).toBe('米');
    expect(inZh('ft AGL')).toBe('呎 AGL');
    expect(inZh('m AMSL')).toBe('米 AMSL');
    expect(inZh('km/h')).toBe('公里/小時');
    expect(inZh('kg')).toBe('公斤');
    expect(inZh('m below ground')).toBe('米（低於地面）');
    expect(inZh('min outside daylight')).toBe('分鐘（日光時間以外）');
    expect(inZh('HKD')).toBe('HKD');
  });

  it('the UI and the engine messages word every unit from one table (a finding text agrees with its card)', () => {
    for (const [unit, word] of Object.entries(UNIT_ZH)) {
      expect(inZh(unit), unit).toBe(word);
      expect(unitZh(unit), unit).toBe(word);
      expect(formatQuantity({ value: 22.24, unit }, 'zh-Hant')).toBe(`22.24 ${inZh(unit)}`);
      expect(inEn(unit), unit).toBe(unit);
    }
    for (const unit of ['ft AGL', 'm AMSL', 'HKD']) expect(unitZh(unit)).toBe(inZh(unit));
  });

  it('English keeps the symbols', () => {
    for (const unit of ['m', 'ft AGL', 'km/h', 'm/s', 'kg', 'g', 's', 'm below ground', 'HKD'])
      expect(inEn(unit)).toBe(unit);
  });
});
