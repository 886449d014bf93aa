import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TrafficParams } from '../../rules/src/traffic/params.js';
import { Volume4D } from '../../rules/src/traffic/volume.js';
import { loadTrafficParams } from '../../server/src/data/traffic.js';

const PARAMS_FILE = fileURLToPath(new URL('../../rules/data/traffic/params.yaml', import.meta.url));
const rawParams = () => parse(readFileSync(PARAMS_FILE, 'utf8'));

describe('traffic parameters as data', () => {
  it('cite the sandbox as a trial parameter, not law, with emergency > medical delivery > the rest', () => {
    const p = loadTrafficParams();
    expect(p.provision).toMatchObject({ section: null, secondary: true });
    expect(p.provision.instrument).toMatch(/Sandbox X.*not law/);
    const c = p.priorities.classes;
    expect(c.emergency).toBeGreaterThan(c['medical-delivery']);
    expect(c['medical-delivery']).toBeGreaterThan(c[p.priorities.default]);
  });

  it('a missing value is an error naming the field, never a silent default', () => {
    const raw = rawParams();
    delete raw.buffers.lateralM;
    raw.priorities.byPurpose.delivery = 'express';
    const r = TrafficParams.safeParse(raw);
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('buffers.lateralM');
    expect(paths).toContain('priorities.byPurpose.delivery');
  });

  it('the loader names the file and line of a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'traffic-'));
    const file = join(dir, 'params.yaml');
    writeFileSync(file, readFileSync(PARAMS_FILE, 'utf8').replace('lateralM: 50', 'lateralM: -5'));
    expect(() => loadTrafficParams(file)).toThrow(/params\.yaml[\s\S]*line \d+: buffers\.lateralM/);
  });
});

describe('Volume4D (F3548 naming)', () => {
  const alt = (value: number) => ({ value, reference: 'W84' as const, units: 'M' as const });
  const base = {
    volume: {
      outline_circle: { center: { lat: 22.3, lng: 114.17 }, radius: { value: 50, units: 'M' as const } },
      altitude_lower: alt(0),
      altitude_upper: alt(100),
    },
    time_start: { value: '2026-03-16T02:00:00Z', format: 'RFC3339' as const },
    time_end: { value: '2026-03-16T02:10:00Z', format: 'RFC3339' as const },
  };

  it('accepts a circle volume', () => {
    expect(Volume4D.safeParse(base).success).toBe(true);
  });

  it('refuses no outline, an inverted band and an empty window, each with its path', () => {
    const r = Volume4D.safeParse({
      volume: { altitude_lower: alt(100), altitude_upper: alt(50) },
      time_start: base.time_end,
      time_end: base.time_start,
    });
    const issues = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'volume: give exactly one of outline_circle and outline_polygon',
        'volume.altitude_lower: altitude_lower is above altitude_upper',
      ]),
    );
    const w = Volume4D.safeParse({ ...base, time_end: base.time_start });
    expect(w.error?.issues.map((i) => i.path.join('.'))).toEqual(['time_end']);
  });
});
