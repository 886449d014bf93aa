import { describe, expect, it } from 'vitest';
import { Draft } from '../../rules/src/model/draft.js';
import type { MonitorEvent } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { draftSeparation, type TrafficData } from '../../rules/src/traffic/traffic-draft.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { runOptions } from '../sim/fixtures.js';
import { createParams } from './helpers.js';
import { minimaDraft, twoHovering } from './separation-fixture.js';

/**
 * Separation minima are traffic trial parameters (params.yaml `separation`, illustrative 50 m / 15 m): a draft's
 * `set-traffic-parameter separation.*` changes the minima the live monitor judges with.
 */
const base = (): TrafficData => ({ params: createParams(), network: loadRouteNetwork() });

function minimaOf(h: unknown, v: unknown) {
  const r = draftSeparation(base(), Draft.parse(minimaDraft('any', h, v)).changes);
  if (!r.ok || !r.minima) throw new Error(`draft does not give minima: ${JSON.stringify(r)}`);
  return r.minima;
}

/** Run until both hover; the separation findings opened on the way. */
function separationOpened(run: ScenarioRun, untilS = 60): Extract<MonitorEvent, { type: 'opened' }>[] {
  const out: MonitorEvent[] = [];
  while (run.sim.elapsedMs < untilS * 1000) out.push(...run.step().monitor);
  return out.filter(
    (e): e is Extract<MonitorEvent, { type: 'opened' }> => e.type === 'opened' && e.finding.kind === 'separation',
  );
}

describe('separation minima as a draftable traffic parameter', () => {
  it('the built-in minima are the scenario defaults (50 m, 15 m)', () => {
    expect(createParams().separation).toEqual({ horizontalM: 50, verticalM: 15 });
  });

  it('a draft halving the minima clears two aircraft 40 m apart; the scenario minima flag them', () => {
    const s = twoHovering(40);
    const flagged = separationOpened(new ScenarioRun(s, runOptions(s)));
    expect(flagged.map((e) => e.aircraftId).sort()).toEqual(['east', 'west']);
    expect(flagged[0].finding.limit).toEqual({ value: 50, unit: 'm' });
    const halved = new ScenarioRun(s, { ...runOptions(s), separation: minimaOf(25, 7.5) });
    expect(separationOpened(halved)).toEqual([]);
  });

  it('a draft doubling the minima flags two aircraft 80 m apart, mid-run, and swapping back closes it', () => {
    const s = twoHovering(80);
    const opts = runOptions(s);
    const run = new ScenarioRun(s, opts);
    expect(separationOpened(run)).toEqual([]);
    const swapped = run.setRulebook(opts.rulebook, minimaOf(100, 30));
    const opened = swapped.filter((e) => e.type === 'opened' && e.finding.kind === 'separation');
    expect(opened).toHaveLength(2);
    const f = opened[0].type === 'opened' ? opened[0].finding : undefined;
    expect(f?.limit).toEqual({ value: 100, unit: 'm' });
    expect(f?.measured?.value).toBeGreaterThan(79);
    expect(f?.measured?.value).toBeLessThan(81);
    const back = run.setRulebook(opts.rulebook);
    expect(back.filter((e) => e.type === 'closed').map((e) => e.type === 'closed' && e.reason)).toEqual([
      'rulebook-changed',
      'rulebook-changed',
    ]);
  });

  it("a draft that does not touch separation gives no minima (sessions keep their scenario's)", () => {
    const r = draftSeparation(base(), [{ op: 'set-traffic-parameter', path: 'buffers.lateralM', value: 25 }]);
    expect(r).toEqual({ ok: true });
  });

  it.each([
    ['separation.horizontalM', -5, 0],
    ['separation.horizontalM', 0, 0],
    ['separation.verticalM', 'high', 1],
    ['separation.horizontalM', 1e6, 0],
  ])('refuses %s = %s, naming the field and the change', (field, value, index) => {
    const changes = Draft.parse(
      minimaDraft('any', field.endsWith('horizontalM') ? value : 50, field.endsWith('verticalM') ? value : 15),
    ).changes;
    const r = draftSeparation(base(), changes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].path).toEqual(['changes', index, 'value']);
    expect(r.issues[0].message).toContain(`"${field}"`);
  });

  it('refuses an unknown separation field', () => {
    const r = draftSeparation(base(), [{ op: 'set-traffic-parameter', path: 'separation.lateralM', value: 5 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/separation/);
  });
});
