import { describe, expect, it } from 'vitest';
import { checkExpectations, runScenario } from '../../rules/src/sim/headless.js';
import { loadScenarios } from '../../server/src/data/scenarios.js';
import { loadTrafficParams } from '../../server/src/data/traffic.js';
import { runOptions } from './fixtures.js';

const scenarios = loadScenarios();

describe('built-in scenarios', () => {
  it('there are at least ten, with exactly one default', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
    expect(scenarios.filter((s) => s.default)).toHaveLength(1);
  });

  it('every real place has a source', () => {
    for (const s of scenarios)
      for (const p of s.provenance) expect(p.source.length, `${s.id}: ${p.place}`).toBeGreaterThan(3);
  });

  it('the default scenario is lively: several aircraft and findings within the first 30 s', () => {
    const s = scenarios.find((x) => x.default);
    expect(s).toBeDefined();
    if (!s) return;
    const result = runScenario(s, runOptions(s));
    const startMs = Date.parse(s.start);
    const early = result.flights.flatMap((f) => f.findings).filter((f) => Date.parse(f.openedAt) - startMs <= 30_000);
    expect(result.flights.length).toBeGreaterThanOrEqual(4);
    expect(early.length).toBeGreaterThanOrEqual(5);
  });

  for (const s of scenarios)
    it(`${s.id}: runs headless in fast time and produces exactly its expected outcomes`, () => {
      // with the traffic params, as live sessions: flights declaring an operational intent are watched
      const result = runScenario(s, { ...runOptions(s), traffic: loadTrafficParams() });
      expect(result.steps).toBe(Math.ceil((s.durationS * 1000) / s.stepMs));
      expect(checkExpectations(s, result)).toEqual([]);
      // Every finding carries a citation and the rulebook version it was made under (intent findings: the
      // traffic parameters, a trial of their own).
      for (const f of result.flights.flatMap((x) => x.findings)) {
        expect(f.finding.provision.url).toMatch(/^https?:\/\//);
        const version = f.finding.kind === 'intent-conformance' ? 'traffic-params' : result.rulebook;
        expect(f.finding.rulebookVersion).toBe(version);
      }
    });
});
