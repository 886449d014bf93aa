/**
 * The unit words of the Traditional Chinese text: each unit the engine and the data write after a number, as a
 * word ("m" → "米"), as Hong Kong's Chinese texts write lengths. English writes the symbol. One table for the
 * engine's messages and the client's UI (its `unit.*` texts in 繁中 are these).
 */
export const UNIT_ZH = {
  m: '米',
  ft: '呎',
  km: '公里',
  'km/h': '公里/小時',
  'm/s': '米/秒',
  kt: '節',
  kg: '公斤',
  g: '克',
  s: '秒',
  'm below ground': '米（低於地面）',
  'min outside daylight': '分鐘（日光時間以外）',
  aircraft: '架',
  years: '歲',
} as const satisfies Readonly<Record<string, string>>;

/** A unit the table words. */
export type WordedUnit = keyof typeof UNIT_ZH;

export const isWordedUnit = (unit: string): unit is WordedUnit => Object.hasOwn(UNIT_ZH, unit);

/**
 * A unit worded by `word` (undefined: no word for it): the whole unit ("km/h"), else its first word with the rest
 * kept as written, so a height's vertical reference stays ("ft AGL" → "呎 AGL"); else the unit as written (HKD).
 */
export function wordUnit(unit: string, word: (u: WordedUnit) => string): string {
  if (isWordedUnit(unit)) return word(unit);
  const space = unit.indexOf(' ');
  const head = space > 0 ? unit.slice(0, space) : '';
  return isWordedUnit(head) ? `${word(head)}${unit.slice(space)}` : unit;
}

/** A unit in Traditional Chinese: "m" → "米", "ft AGL" → "呎 AGL", "HKD" → "HKD". */
export const unitZh = (unit: string): string => wordUnit(unit, (u) => UNIT_ZH[u]);
