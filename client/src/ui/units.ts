import type { MessageKey } from '../i18n/en.js';

/** The UI text of each unit the engine and the data write: the symbol in English, a word in 繁中 ("m" → "米"). */
const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
  m: 'unit.m',
  ft: 'unit.ft',
  km: 'unit.km',
  'km/h': 'unit.kmh',
  'm/s': 'unit.mps',
  kt: 'unit.kt',
  kg: 'unit.kg',
  g: 'unit.g',
  s: 'unit.s',
  'm below ground': 'unit.mBelowGround',
  'min outside daylight': 'unit.minOutsideDaylight',
  aircraft: 'unit.aircraft',
  years: 'unit.years',
};

/**
 * A unit as the UI writes it after a number, worded by `tr` (the UI's `t`): "米" for "m" in 繁中, as the
 * Chinese UI text writes lengths. A height's vertical reference stays as written ("ft AGL" → "呎 AGL"); a unit
 * with no word (HKD) is kept. DOM-free, so it can be tested with a dictionary.
 */
export function unitText(unit: string, tr: (key: MessageKey) => string): string {
  const whole = UNIT_KEYS[unit];
  if (whole) return tr(whole);
  const space = unit.indexOf(' ');
  const head = space > 0 ? UNIT_KEYS[unit.slice(0, space)] : undefined;
  return head ? `${tr(head)}${unit.slice(space)}` : unit;
}
