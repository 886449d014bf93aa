import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seaLevel } from '../../rules/src/airspace/index.js';
import { compileScenario, ScenarioError } from '../../rules/src/sim/compile.js';
import { scenarioFromPlans } from '../../rules/src/sim/from-plans.js';
import { checkExpectations, runScenario } from '../../rules/src/sim/headless.js';
import { parsePermissionList } from '../../rules/src/sim/permission-list.js';
import { parseScenario } from '../../rules/src/sim/scenario.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadScenarioFile } from '../../server/src/data/scenarios.js';
import { runOptions } from './fixtures.js';
import { createScenario, createScenarioInput } from './helpers.js';

describe('scenario validation', () => {
  it('names the field of every problem', () => {
    const input = createScenarioInput();
    const bad = {
      ...input,
      start: '2025-06-06 11:00',
      flights: [{ ...input.flights[0], aircraft: 'nope', route: { ...input.flights[0].route, altitudeRef: 'MSL' } }],
    };
    const r = parseScenario(bad);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('start');
    expect(paths).toContain('flights.0.route.altitudeRef');
  });

  it('rejects references to unknown flights, aircraft and crew', () => {
    const input = createScenarioInput();
    const r = parseScenario({
      ...input,
      flights: [{ ...input.flights[0], pilot: 'ghost' }],
      events: [{ type: 'lost-link', atS: 5, flight: 'f9' }],
    });
    const paths = r.ok ? [] : r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['flights.0.pilot', 'events.0.flight']));
  });

  it('an unknown permission id is an error naming the flight and index', () => {
    const input = createScenarioInput();
    const s = createScenario({ flights: [{ ...input.flights[0], permissions: ['sandbox.nope'] }] });
    expect(() => compileScenario(s, { elevation: seaLevel, permissions: loadBuiltinPermissions() })).toThrow(
      ScenarioError,
    );
    try {
      compileScenario(s, { elevation: seaLevel, permissions: [] });
    } catch (err) {
      expect((err as ScenarioError).path).toEqual(['flights', 0, 'permissions', 0]);
    }
  });

  it('a file with an error is reported with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sua-scn-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'id: bad\ntitle: { en: x, zh: y }\ndurationS: -5\n');
    expect(() => loadScenarioFile(file)).toThrow(/line 3: durationS/);
  });

  it('expectations that are not met are reported (the checker can fail)', () => {
    const s = createScenario({
      expect: {
        findings: [{ flight: 'f1', ruleId: 'rfz', count: 1 }],
        outcomes: [{ flight: 'f1', outcome: 'returned-home' }],
      },
    });
    const problems = checkExpectations(s, runScenario(s, runOptions(s)));
    expect(problems).toEqual([
      'f1: rfz opened 0 time(s), expected exactly 1',
      'f1: outcome completed, expected returned-home',
    ]);
  });
});

describe('sandbox pilot projects', () => {
  const projects = loadBuiltinPermissions();

  it('cover the first-batch projects named in the domain notes', () => {
    const ids = projects.map((p) => p.id);
    for (const id of [
      'sandbox.keeta.hkstp-ma-on-shan',
      'sandbox.sf-ha.cyberport-cheung-chau',
      'sandbox.clp.pylon-inspection',
      'sandbox.mtr.night-inspection',
      'sandbox.hkstp.facade-cleaning',
      'sandbox.cyberport.lamma',
      'sandbox.cyberport.ma-wan',
    ])
      expect(ids).toContain(id);
  });

  it('each has provenance with a source, marks invented details, and cites a legal basis', () => {
    for (const p of projects) {
      expect(p.kind).toBe('sandbox-project');
      expect(p.provenance.source).toMatch(/^https?:\/\//);
      expect(p.provenance.illustrative).toBe(true);
      expect(p.legalBasis.url).toMatch(/^https?:\/\//);
      if (p.legalBasis.section === null) expect(p.legalBasis.secondary).toBe(true);
      expect(p.covers.length).toBeGreaterThan(0);
    }
  });

  it('a list with a duplicate id or a bad area is rejected with the field named', () => {
    const p = projects[0];
    const r = parsePermissionList({
      permissions: [p, { ...p, area: { type: 'Corridor', line: [[114, 22]], halfWidthM: 10 } }],
    });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['permissions.1.area.line', 'permissions.1.id']));
  });
});

describe('sessions from stored plans', () => {
  it('flies each plan at its own start time, relative to the earliest', () => {
    const s = createScenario();
    const plan = compileScenario(s, { elevation: seaLevel, permissions: [] }).flights[0].plan;
    const later = { ...plan, id: 'later', start: '2025-06-06T11:02:00+08:00' };
    const scenario = scenarioFromPlans([plan, later]);
    expect(scenario.flights.map((f) => f.startS)).toEqual([0, 120]);
    expect(scenario.start).toBe(plan.start);
    const result = runScenario(scenario, runOptions(scenario));
    expect(result.flights.map((f) => f.outcome)).toEqual(['completed', 'completed']);
  });
});
