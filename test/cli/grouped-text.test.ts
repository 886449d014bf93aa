import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.js';
import { zh } from '../../client/src/i18n/zh.js';
import { heightsAt, type LegKey, legSpan, legsText, type Translate } from '../../client/src/plan/finding-legs.js';
import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { formatReport } from '../../server/src/cli/commands/check.js';
import { BASE, check, createPlan, east, north } from '../engine/helpers.js';

/** Issue 13 item 4: a finding over a run of legs is shown as one finding, naming its legs and worst value. */
const [lon, lat] = BASE;

/** 500 legs of 50 m near the pilot at 60 m AGL; waypoints 200–240 at 130 m (220 at 140 m): one exceedance. */
function longTrack(): FlightPlanInput {
  const height = (i: number) => (i === 220 ? 140 : i >= 200 && i <= 240 ? 130 : 60);
  return createPlan({
    route: {
      type: 'LineString',
      coordinates: Array.from({ length: 501 }, (_, i): [number, number, number] => [
        east(lon, lat, (i % 2) * 50),
        north(lat, Math.floor(i / 2) % 40),
        height(i),
      ]),
      altitudeRef: 'AGL',
      legSpeeds: Array.from({ length: 500 }, () => ({ value: 30, unit: 'km/h' as const })),
    },
  });
}

const report = check(longTrack());

describe('CLI text report', () => {
  const text = formatReport('track.json', report);
  it('lists the exceedance once, with its run of legs (numbered from 1, as the messages and the client say) and worst value', () => {
    expect(report.findings.find((f) => f.ruleId === 'op.height.a2')?.where?.legs).toEqual({ first: 199, last: 240 });
    expect(text.split('\n').filter((l) => l.includes('op.height.a2:'))).toHaveLength(1);
    expect(text).toContain('      over legs 200–241, worst 459 ft AGL');
    expect(text).toMatch(/ {6}at leg 200, /);
    expect(text).toMatch(/ {6}worst at leg 220, /);
  });
});

describe('client findings list and HTML export (shared wording)', () => {
  const [height] = report.findings.filter((f) => f.kind === 'max-height');
  /** The client's own t(): the UI dictionary of a language with {name} filled. */
  const translate =
    (dict: Record<LegKey, string>): Translate =>
    (key, params) =>
      Object.entries(params).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), dict[key]);
  const qty = (q: { value: number; unit: string }) => `${Math.round(q.value * 10) / 10} ${q.unit}`;

  it('name the run as people read legs (1-based), with the worst value and its leg', () => {
    expect(legSpan(height, translate(en))).toBe('legs 200–241');
    expect(legsText(height, translate(en), qty)).toBe('legs 200–241, worst 459.3 ft AGL on leg 220');
  });

  it('in Chinese too', () => {
    expect(legsText(height, translate(zh), qty)).toBe('第 200–241 段，最嚴重為第 220 段的 459.3 ft AGL');
  });

  it('a finding on one leg stays "leg n"; a finding with no place has no legs', () => {
    const one = { ...height, where: height.where && { ...height.where, legs: { first: 199, last: 199 } } };
    expect(legSpan(one, translate(en))).toBe('leg 200');
    expect(legsText(one, translate(en), qty)).toBe('leg 200');
    expect(legsText({ ...height, where: undefined }, translate(en), qty)).toBe('');
  });
});

describe('the client shows a finding point in both height references (issue 17)', () => {
  const fill = (table: Record<string, string>) => (key: string, params: Record<string, number>) =>
    table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
  it('"<AGL> m AGL · <AMSL> m AMSL (ground <g> m)" at the worst point, rounded, in both languages', () => {
    const height = report.findings.find((f) => f.ruleId === 'op.height.a2');
    const at = height?.where?.worst;
    if (!height || !at || at.groundM === undefined) throw new Error('the height finding names its worst point');
    const agl = Math.round(at.position[2] - at.groundM);
    const text = heightsAt(height, fill(en));
    expect(text).toBe(`${agl} m AGL · ${Math.round(at.position[2])} m AMSL (ground ${Math.round(at.groundM)} m)`);
    expect(agl).toBe(140);
    expect(heightsAt(height, fill(zh))).toContain('離地 140 米');
    const noGround = { ...height, where: { leg: 0, position: at.position, time: height.where?.time ?? '' } };
    expect(heightsAt(noGround, fill(en))).toMatch(/^\d+ m AMSL$/);
  });
});
