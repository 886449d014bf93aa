import { describe, expect, it } from 'vitest';
import { evaluate } from '../../rules/src/engine/index.js';
import { formatHeights, formatReport } from '../../server/src/cli/commands/check.js';
import { airspace, BASE, boundaryZone, createPlan, east, lineRoute, rulebooks, squareZone } from '../engine/helpers.js';

/** Issue 13 item 7: every altitude the text report prints says which reference it is measured from. */
const [lon, lat] = BASE;
const { rb2025 } = rulebooks();

/** Every "<number> m|ft" in a line that is not followed by AGL or AMSL and is not the ground height itself. */
function bareHeights(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(-?[\d,]+(?:\.\d+)?) (m|ft)\b(?! (?:AGL|AMSL))/g)) {
    const before = line.slice(0, m.index);
    if (/\(ground $/.test(before)) continue;
    out.push(m[0]);
  }
  return out;
}

describe('text report altitudes carry their reference', () => {
  it('formatHeights: AGL and AMSL with the ground, AMSL alone without it', () => {
    expect(formatHeights(80, 20)).toBe('60 m AGL · 80 m AMSL (ground 20 m)');
    // on the ground, a few centimetres below the model's surface: 0, not "-0"
    expect(formatHeights(19.7, 20)).toBe('0 m AGL · 20 m AMSL (ground 20 m)');
    expect(formatHeights(80, undefined)).toBe('80 m AMSL');
  });

  it('a flight too high, into a zone with an AMSL ceiling: every position and height names AGL or AMSL', () => {
    const zone = squareZone('amsl-zone', 'restricted-flying-zone', [east(lon, lat, 150), lat], 60, {
      upper: { value: 300, unit: 'm', ref: 'AMSL' },
    });
    const plan = createPlan({
      route: lineRoute(BASE, [east(lon, lat, 300), lat], 130),
      operation: { vlos: false },
    });
    const r = evaluate(plan, { rulebook: rb2025, airspace: airspace([boundaryZone(), zone]) });
    const text = formatReport('plan.json', r);
    const heightLines = text.split('\n').filter((l) => /^\s+(at leg|worst at leg|measured)\b/.test(l));
    expect(heightLines.some((l) => /at leg .* m AGL · .* m AMSL/.test(l))).toBe(true);
    expect(heightLines.some((l) => /measured [\d.,]+ ft AGL; limit 300 ft AGL/.test(l))).toBe(true);
    for (const line of heightLines.filter((l) => !/measured/.test(l) || /AGL|AMSL/.test(l)))
      expect(bareHeights(line), line).toEqual([]);
  });

  it('the check catches a bare height (it can fail)', () => {
    expect(bareHeights('      at leg 0, 22.40000N 114.30000E, 20 m, 2026-03-14T10:00:00+08:00')).toEqual(['20 m']);
    expect(bareHeights('      at leg 0, 60 m AGL · 60 m AMSL (ground 0 m)')).toEqual([]);
  });
});
