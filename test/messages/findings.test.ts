import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/elevation.js';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { diffRulebooks, evaluate, validatePlan } from '../../rules/src/engine/index.js';
import { declaredParams, MessageCode, MessageParams, renderBoth } from '../../rules/src/messages/index.js';
import { type FlightPlanInput, Report } from '../../rules/src/model/index.js';
import { runScenario } from '../../rules/src/sim/headless.js';
import { loadCatalogue } from '../../server/src/data/airspace.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { BASE, check, createPermission, createPlan, east, rulebooks, squareZone } from '../engine/helpers.js';
import { runOptions } from '../sim/fixtures.js';
import { catalogueOver, MUI_WO, planAlong, pointsAlong, SUNSET_PEAK, terrain } from '../terrain/helpers.js';

interface Worded {
  code: string;
  params: Record<string, unknown>;
  message?: { en: string; zh: string };
  en?: string;
  zh?: string;
}

/** What is wrong with one worded item: text that is not the catalogue's, or params its code does not declare. */
function problems(where: string, w: Worded): string[] {
  const out: string[] = [];
  const declared = declaredParams(w.code);
  if (declared.length === 0 && Object.keys(w.params).length > 0) out.push(`${where}: ${w.code} takes no params`);
  for (const k of Object.keys(w.params))
    if (!declared.includes(k)) out.push(`${where}: ${w.code} does not declare ${k}`);
  const text = w.message ?? { en: w.en, zh: w.zh };
  const expected = renderBoth(MessageCode.parse(w.code), MessageParams.parse(w.params));
  if (text.en !== expected.en || text.zh !== expected.zh)
    out.push(`${where}: ${w.code} text differs from the catalogue`);
  return out;
}

function reportProblems(name: string, r: Report): string[] {
  expect(Report.safeParse(r).success, name).toBe(true);
  return [
    ...r.findings.flatMap((f, i) => problems(`${name} finding ${i}`, f)),
    ...r.permissionsRequired.flatMap((p, i) => problems(`${name} permission ${i}`, p)),
    ...r.assumptions.flatMap((a, i) => problems(`${name} assumption ${i}`, a)),
  ];
}

const seen = new Set<string>();
function judged(name: string, r: Report): string[] {
  for (const x of [...r.findings, ...r.permissionsRequired, ...r.assumptions]) seen.add(x.code);
  return reportProblems(name, r);
}

const PLANS = fileURLToPath(new URL('../../scenarios/plans/', import.meta.url));

describe('every example plan: each finding, permission entry and assumption is its code + params, worded', () => {
  const { rb2022, rb2025 } = rulebooks();
  const catalogue = loadCatalogue();
  const airspace = buildZoneIndex(catalogue.zones, { version: catalogue.version });
  const permissions = loadBuiltinPermissions();
  for (const file of readdirSync(PLANS).filter((f) => f.endsWith('.json')))
    it(file, () => {
      const v = validatePlan(JSON.parse(readFileSync(join(PLANS, file), 'utf8')));
      if (!v.ok) throw new Error(file);
      for (const rulebook of [rb2022, rb2025]) {
        const r = evaluate(v.plan, { rulebook, airspace, permissions });
        expect(r.findings.length + r.assumptions.length).toBeGreaterThan(0);
        expect(judged(`${file}@${rulebook.version}`, r)).toEqual([]);
      }
    });
});

const [lon, lat] = BASE;
const high = (over: Parameters<typeof createPlan>[0] = {}): FlightPlanInput => {
  const p = createPlan(over);
  p.route.coordinates = p.route.coordinates.map(([x, y]) => [x, y, 110]);
  return p;
};

/** Engine fixtures that reach the wording outside the rule kinds. */
const fixtures: [string, () => Report][] = [
  ['enclosed area', () => check(high({ operation: { whollyInEnclosedArea: true } }))],
  [
    'permission conditions and aircraft envelope',
    () =>
      check(
        high({
          permissions: [
            createPermission({
              conditions: { maxHeight: { value: 100, unit: 'm', ref: 'AGL' }, requireRemoteId: true },
              aircraft: { maxMass: { value: 0.5, unit: 'kg' }, models: ['Other'] },
            }),
          ],
        }),
      ),
  ],
  [
    'permission outside its times',
    () =>
      check(
        high({
          permissions: [
            createPermission({ validity: [{ from: '2020-01-01T00:00:00+08:00', to: '2020-01-02T00:00:00+08:00' }] }),
          ],
        }),
      ),
  ],
  ['unknown permission', () => check(high({ permissions: ['no-such-permission'] }))],
  [
    'operator fences',
    () =>
      check(
        createPlan({
          extraZones: [
            squareZone('fence-in', 'advisory', BASE, 50, { fence: 'inclusion' }),
            squareZone('fence-out', 'advisory', [east(lon, lat, 150), lat], 20, { fence: 'exclusion' }),
          ],
        }),
      ),
  ],
  ['waypoint times and leg speeds', () => check(createPlan({ route: { waypointTimesS: [0, 30, 60] } }))],
  ['A1 exemption on an A2 aircraft', () => check(createPlan({ aircraft: { a1Exemption: true, model: 'Not listed' } }))],
  [
    'invalid plan',
    () => {
      const plan = createPlan();
      plan.route.coordinates = plan.route.coordinates.slice(0, 1);
      return check(plan);
    },
  ],
  [
    'route into the ground',
    () => {
      const points = pointsAlong(MUI_WO, SUNSET_PEAK, 4);
      const plan = planAlong(
        points,
        points.map(() => 300),
        'AMSL',
        seaLevel,
      );
      return evaluate(plan, { rulebook: rulebooks().rb2022, airspace: catalogueOver(terrain) });
    },
  ],
];

describe('engine fixtures: the same holds for wording outside the kinds', () => {
  for (const [name, run] of fixtures) it(name, () => expect(judged(name, run())).toEqual([]));

  it('the fixtures reach the engine-worded codes', () => {
    for (const code of [
      'enclosed.exempt',
      'permission.condition',
      'permission.aircraft',
      'permission.envelope-left',
      'operator-fence.leaves-inclusion',
      'operator-fence.enters-exclusion',
      'assumption.unknown-permission',
      'assumption.times-and-speeds',
      'input.invalid',
      'permission.required',
      'ground-clearance.meets-ground',
    ])
      expect(seen, code).toContain(code);
    expect([...seen].some((c) => c.startsWith('assumption.a1-'))).toBe(true);
  });
});

describe('live-monitor findings of the built-in scenarios', () => {
  it('carry code + params, worded by the catalogues', () => {
    const codes = new Set<string>();
    const found: string[] = [];
    for (const s of loadScenarios())
      for (const flight of runScenario(s, runOptions(s)).flights)
        for (const f of flight.findings) {
          codes.add(f.finding.code);
          found.push(...problems(`${s.id} ${flight.flight}`, f.finding));
        }
    expect(found).toEqual([]);
    expect([...codes].filter((c) => c.startsWith('monitor.')).sort()).toEqual([
      'monitor.off-altitude',
      'monitor.off-route',
      'monitor.separation',
    ]);
  });
});

describe('rulebook differences', () => {
  it('each change summary is its code + params, worded', () => {
    const { rb2022, rb2025 } = rulebooks();
    const changes = diffRulebooks(rb2022, rb2025);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.flatMap((c, i) => problems(`change ${i}`, { ...c, message: c.summary }))).toEqual([]);
  });
});
