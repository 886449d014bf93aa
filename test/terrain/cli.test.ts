import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/elevation.js';
import type { Report } from '../../rules/src/model/index.js';
import { formatHeights, formatMeasured } from '../../server/src/cli/commands/check.js';
import { runAll } from '../cli/run-cli.js';
import { MUI_WO, planAlong, pointsAlong, SUNSET_PEAK } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'terrain-cli-'));
const write = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};

describe('CLI: check over the Hong Kong ground (default) or sea level (--ground sea-level)', () => {
  it('a route into Sunset Peak is not flyable (exit 1); over sea level it is judged as flyable; bad --ground is 2', async () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 4);
    const file = write('into-the-hill.json', planAlong(points, [300, 300, 300, 300, 300], 'AMSL', seaLevel));
    const [terrain, flat, bad] = await runAll([
      ['check', file, '--rulebook', 'cap448g-2022', '--json'],
      ['check', file, '--rulebook', 'cap448g-2022', '--json', '--ground', 'sea-level'],
      ['check', file, '--ground', 'moon'],
    ]);
    const report = JSON.parse(terrain.stdout) as Report;
    expect(terrain.code).toBe(1);
    expect(report.verdict).toBe('not-flyable');
    expect(report.findings[0].kind).toBe('ground-clearance');
    expect(report.findings[0].where?.groundM).toBeGreaterThan(300);
    const sea = JSON.parse(flat.stdout) as Report;
    expect(sea.verdict).not.toBe('not-flyable');
    expect(sea.assumptions[0].en).toMatch(/sea-level/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ground: "moon" is not one of terrain, surface, sea-level/);
  }, 60_000);

  it('text output gives heights in both references, rounded as people write them', async () => {
    const points = pointsAlong(MUI_WO, SUNSET_PEAK, 20).slice(0, 3);
    const file = write('high.json', planAlong(points, [120, 120, 120], 'AGL'));
    const [text] = await runAll([['check', file, '--rulebook', 'cap448g-2022']]);
    expect(text.stdout).toMatch(/at leg 1, [\d.]+N [\d.]+E, 120 m AGL · \d+ m AMSL \(ground \d+ m\)/);
    expect(text.stdout).toMatch(/measured 394 ft AGL; limit 300 ft AGL/);
  }, 60_000);

  it('formats heights and measured values as people write them', () => {
    expect(formatHeights(703.4, 643.2)).toBe('60 m AGL · 703 m AMSL (ground 643 m)');
    expect(formatHeights(1203.2, undefined)).toBe('1,203 m AMSL');
    expect(formatMeasured({ value: 2559.06, unit: 'ft AGL' })).toBe('2,559 ft AGL');
    // Just over the limit: one decimal, so the excess stays visible.
    expect(formatMeasured({ value: 300.3, unit: 'ft AGL' }, { value: 300, unit: 'ft AGL' })).toBe('300.3 ft AGL');
    expect(formatMeasured({ value: 12.5, unit: 'km/h' })).toBe('12.5 km/h');
  });
});
