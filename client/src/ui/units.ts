import { type WordedUnit, wordUnit } from '@sua-sandbox/rules/messages';
import type { MessageKey } from '../i18n/en.js';

/**
 * The UI text of each unit the engine and the data write: the symbol in English, a word in 繁中 ("m" → "米"; the
 * words are the engine's table, UNIT_ZH, so a finding's message and its card word a unit alike).
 */
const UNIT_KEYS: Readonly<Record<WordedUnit, MessageKey>> = {
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
  return wordUnit(unit, (u) => tr(UNIT_KEYS[u]));
}
