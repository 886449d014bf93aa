import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { evaluate, loadRulebook, validatePlan } from '../../rules/src/engine/index.js';
import type { Rulebook } from '../../rules/src/model/index.js';
import { Monitor } from '../../rules/src/sim/monitor.js';
import { comparePlan } from '../../server/src/services/impact/compare.js';
import { rulebooks, squareZone } from '../engine/helpers.js';
import { planAlong, surface, terrain } from './helpers.js';

/** Admiralty, Hong Kong Island: towers that stand ~100 m above the terrain in the SRTM surface model. */
const ADMIRALTY: [number, number] = [114.164, 22.277];

function withGround(base: Rulebook, reference: string): Rulebook {
  const copy = structuredClone(base);
  copy.id = `${base.id}-${reference}`;
  copy.parameters.groundReference.value = reference;
  const loaded = loadRulebook(copy);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.rulebook;
}

describe('groundReference: a rulebook parameter a draft can change', () => {
  const rb = rulebooks().rb2022;
  const airspace = buildZoneIndex([squareZone('hk', 'boundary', ADMIRALTY, 5_000)], {
    version: 't',
    elevation: terrain,
  });
  // 120 m above the terrain, over the rooftops: a few metres above (or within) the surface model.
  const points: [number, number][] = [ADMIRALTY, [ADMIRALTY[0] + 0.0001, ADMIRALTY[1]]];
  const plan = planAlong(points, [120, 120], 'AMSL');

  it('the built-in rulebooks measure from the terrain and say so among the assumptions', () => {
    expect(rb.parameters.groundReference.value).toBe('terrain');
    const r = evaluate(plan, { rulebook: rb, airspace });
    expect(r.findings.some((f) => f.ruleId === 'op.height.a2')).toBe(true);
    const text = r.assumptions.map((a) => a.en).join('\n');
    expect(text).toMatch(/elevation model "terrain"/);
    expect(text).toMatch(/70 m data/);
    expect(text).toMatch(/vertical accuracy about ±10 m/);
    expect(text).toMatch(/groundReference = "terrain"/);
  });

  it('a draft measuring from the surface drops the height finding; the impact comparison shows it', () => {
    const draft = withGround(rb, 'surface');
    expect(surface.groundM(...ADMIRALTY) - terrain.groundM(...ADMIRALTY)).toBeGreaterThan(90);
    const before = evaluate(plan, { rulebook: rb, airspace });
    const after = evaluate(plan, { rulebook: draft, airspace });
    expect(after.findings.some((f) => f.ruleId === 'op.height.a2')).toBe(false);
    expect(after.assumptions.map((a) => a.en).join('\n')).toMatch(/elevation model "surface"/);
    const impact = comparePlan({ seq: 0, key: 'admiralty', name: null }, before, after);
    expect(impact.changed).toBe(true);
    expect(impact.rules.find((d) => d.ruleId === 'op.height.a2')).toMatchObject({ ruleId: 'op.height.a2' });
  });

  it('over sea level (chosen on purpose) the parameter changes nothing', () => {
    const flat = buildZoneIndex([squareZone('hk', 'boundary', ADMIRALTY, 5_000)], { version: 't' });
    const a = evaluate(plan, { rulebook: rb, airspace: flat });
    const b = evaluate(plan, { rulebook: withGround(rb, 'surface'), airspace: flat });
    const gist = (r: typeof a) => r.findings.map((f) => [f.ruleId, f.measured, f.where]);
    expect(gist(b)).toEqual(gist(a));
    expect(b.assumptions[0].en).toMatch(/elevation model "sea-level"/);
  });
});

describe('groundReference in live monitoring', () => {
  const rb = rulebooks().rb2022;
  const airspace = buildZoneIndex([squareZone('hk', 'boundary', ADMIRALTY, 5_000)], {
    version: 't',
    elevation: terrain,
  });
  const v = validatePlan(planAlong([ADMIRALTY, [ADMIRALTY[0] + 0.001, ADMIRALTY[1]]], [120, 120], 'AMSL'));
  if (!v.ok) throw new Error('bad plan');
  const p = v.plan;

  /** An aircraft hovering 120 m above the terrain over Admiralty's towers, by telemetry (no plan), 5 ticks. */
  function heightFindings(rulebook: Rulebook): string[] {
    const monitor = new Monitor({
      rulebook,
      airspace,
      separation: { horizontalM: 50, verticalM: 15 },
      conformance: { lateralM: 50, verticalM: 15 },
    });
    const t0 = Date.parse(p.start);
    monitor.add({
      id: 'uav',
      flightId: 'f',
      aircraft: p.aircraft,
      pilot: p.pilot,
      operation: p.operation,
      permissions: [],
    });
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      const events = monitor.observe(
        [
          {
            id: 'uav',
            lon: ADMIRALTY[0],
            lat: ADMIRALTY[1],
            altAmslM: terrain.groundM(...ADMIRALTY) + 120,
            tMs: t0 + i * 1000,
            groundSpeedMps: 0,
            airborne: true,
          },
        ],
        t0 + i * 1000,
      );
      for (const e of events) if (e.type === 'opened') opened.push(e.finding.ruleId);
    }
    return opened;
  }

  it('judges AGL from the ground the rulebook names, as route checks do', () => {
    expect(heightFindings(rb)).toContain('op.height.a2');
    expect(heightFindings(withGround(rb, 'surface'))).not.toContain('op.height.a2');
  });
});
