import { describe, expect, it } from 'vitest';
import type { MonitorEvent, MonitoredAircraft, MonitorSample, OpenFinding } from '../../rules/src/sim/monitor-types.js';
import { ScenarioRun } from '../../rules/src/sim/run.js';
import { monitoredFlight } from '../../rules/src/sim/run-parts.js';
import { ShardedMonitorCore, separationMinima } from '../../rules/src/sim/sharded/index.js';
import { runOptions } from './fixtures.js';
import { denseScenario, firstDifference, inProcessShards, streamHash } from './sharded-helpers.js';

const STEPS = 60;
const TRACKS = 6;
/** the steps at which compare() changes something between ticks */
const CONTROL_STEPS = new Set([3, 15, 20, 28, 34, 40, 46]);

/** A telemetry-like aircraft flying west to east across the dense sky (over every tile border), at 90–140 m. */
function trackSample(k: number, step: number, tMs: number): MonitorSample {
  return {
    id: `trk-${k}`,
    lon: 114.15 + 0.0008 * step + 0.002 * k,
    lat: 22.305 + 0.005 * k,
    altAmslM: 90 + 10 * k,
    tMs,
    groundSpeedMps: 14,
    airborne: true,
  };
}

/**
 * The single monitor and a sharded one through what a live session does between ticks: telemetry aircraft joining
 * (and one leaving and coming back under a new registry index), a declared profile changing, a permission
 * withdrawn and reinstated, and a rulebook change with wider separation minima (the halo follows). Each step
 * compares the events, the flags, the open findings and the zone occupancy.
 */
async function compare(shards: number) {
  const base = denseScenario(1500, 21);
  const opts0 = runOptions(base);
  const permission = opts0.permissions[0];
  const scenario = {
    ...base,
    flights: base.flights.map((f, i) => (i % 3 === 0 ? { ...f, permissions: [permission.id] } : f)),
  };
  const opts = { ...opts0, sharedEvaluators: true };
  const single = new ScenarioRun(scenario, opts);
  const driver = new ScenarioRun(scenario, opts);
  const ids = driver.sim.aircraft.map((a) => a.flight.id);
  const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
  const core = new ShardedMonitorCore(inProcessShards(scenario, opts, shards), ids, horizontalM);
  const template = monitoredFlight(single.compiled.flights[0], true);
  const track = (k: number, withPermission = false): MonitoredAircraft => ({
    ...template,
    id: `trk-${k}`,
    flightId: `trk-${k}`,
    declared: undefined,
    permissions: withPermission ? [permission] : [],
    profileKey: withPermission ? 'trk-permitted' : 'trk-default',
  });
  const a: MonitorEvent[] = [];
  const b: MonitorEvent[] = [];
  const live = new Set<number>();
  let mismatches = 0;
  let findingMismatches = 0;
  let zoneMismatches = 0;
  const both = async (one: MonitorEvent[], other: Promise<MonitorEvent[]>) => {
    a.push(...one);
    b.push(...(await other));
  };
  for (let step = 0; step < STEPS; step++) {
    const t = () => single.simTimeMs;
    if (step === 3)
      for (let k = 0; k < TRACKS; k++) {
        single.monitor.add(track(k));
        await core.addAircraft(track(k));
        live.add(k);
      }
    if (step === 15) await both(single.monitor.update(track(2, true), t()), core.control(upd(track(2, true), t())));
    if (step === 20) {
      const w = new Set([permission.id]);
      await both(single.monitor.setWithdrawnPermissions(w, t()), core.control(withdraw(w, t())));
    }
    if (step === 28) {
      const separation = { horizontalM: 3 * scenario.separation.horizontalM, verticalM: 40 };
      const rb = { ...opts.rulebook };
      await both(
        single.monitor.setRulebook(rb, t(), separation),
        core.setRulebook(rb, separation, t(), separationMinima(rb, separation).horizontalM),
      );
    }
    if (step === 34) {
      await both(single.monitor.remove('trk-3', t()), core.control({ type: 'remove', id: 'trk-3', tMs: t() }));
      live.delete(3);
    }
    if (step === 40) {
      single.monitor.add(track(3));
      await core.addAircraft(track(3));
      live.add(3);
    }
    if (step === 46)
      await both(single.monitor.setWithdrawnPermissions(new Set(), t()), core.control(withdraw(new Set(), t())));
    const extra = [...live].map((k) => trackSample(k, step, single.simTimeMs + single.sim.stepMs));
    const { monitor, samples, sharded } = stepBoth(single, driver, core, extra);
    await both(monitor, sharded);
    for (const s of samples) if (single.monitor.flagsOf(s.id) !== core.flagsOf(s.id)) mismatches++;
    // what a snapshot sends of each (a finding waiting out its close hold is still open): which findings every step,
    // their whole content on the steps that changed something between ticks and on the last (the words of every
    // finding are in the events, compared in full; writing out thousands of findings every step was half the run)
    const whole = CONTROL_STEPS.has(step) || step === STEPS - 1;
    const open = (list: OpenFinding[]) =>
      whole
        ? JSON.stringify(list.map(({ clearSinceMs, ...f }) => f))
        : list.map((f) => `${f.aircraftId}|${f.key}|${f.openedAtMs}`).join('\n');
    if (open(single.monitor.openFindings()) !== open(core.openFindings())) findingMismatches++;
    if (JSON.stringify(sorted(single.monitor.occupancy())) !== JSON.stringify(sorted(core.occupancy())))
      zoneMismatches++;
  }
  return { a, b, mismatches, findingMismatches, zoneMismatches };
}

/**
 * One step of the single run (with `extra` telemetry samples) and of the driver whose samples the sharded monitor
 * judges: the zones that appeared or went are passed on to the shards first, as ShardedScenarioRun does.
 */
function stepBoth(single: ScenarioRun, driver: ScenarioRun, core: ShardedMonitorCore, extra: MonitorSample[]) {
  const { world, monitor } = single.step(extra);
  driver.sim.step();
  for (const e of world) {
    if (e.type !== 'zone-added' && e.type !== 'zone-removed') continue;
    core.setZonePresent(e.type === 'zone-added' ? e.zone.id : e.zoneId, e.type === 'zone-added');
    core.airspaceChanged();
  }
  const samples = driver.sim.aircraft.map((x) => driver.sampleOf(x)).concat(extra);
  return { monitor, samples, sharded: core.observe(samples, driver.simTimeMs) };
}

const upd = (aircraft: MonitoredAircraft, tMs: number) => ({ type: 'update' as const, aircraft, tMs });
const withdraw = (ids: ReadonlySet<string>, tMs: number) => ({ type: 'withdraw' as const, permissions: [...ids], tMs });
const sorted = (o: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(o)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => [k, [...v].sort()]),
  );

describe('sharded monitor between ticks: telemetry aircraft, permissions and rulebook as the single monitor', () => {
  for (const shards of [2, 3])
    it(`${shards} shards: identical events, flags, open findings and occupancy`, async () => {
      const r = await compare(shards);
      expect(firstDifference(r.a, r.b)).toBeNull();
      expect(streamHash(r.b)).toBe(streamHash(r.a));
      expect({ flags: r.mismatches, findings: r.findingMismatches, zones: r.zoneMismatches }).toEqual({
        flags: 0,
        findings: 0,
        zones: 0,
      });
      // what the run must exercise: track findings, re-judging reasons and a removal
      const reasons = new Set(r.a.flatMap((e) => (e.type === 'closed' ? [e.reason] : [])));
      for (const reason of ['profile-changed', 'rulebook-changed', 'aircraft-removed'])
        expect(reasons).toContain(reason);
      expect(r.a.some((e) => e.type === 'opened' && e.aircraftId.startsWith('trk-'))).toBe(true);
      expect(
        r.a.some((e) => e.type === 'opened' && e.finding.kind === 'separation' && e.aircraftId.startsWith('trk-')),
      ).toBe(true);
    }, 120_000);
});

describe('sharded monitor: a telemetry aircraft that leaves and comes back with another profile', () => {
  it('is judged under its new registry index and profile, as the single monitor judges it', async () => {
    const scenario = denseScenario(300, 5);
    const opts = { ...runOptions(scenario), sharedEvaluators: true };
    const permission = opts.permissions[0];
    const single = new ScenarioRun(scenario, opts);
    const driver = new ScenarioRun(scenario, opts);
    const ids = driver.sim.aircraft.map((x) => x.flight.id);
    const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
    const core = new ShardedMonitorCore(inProcessShards(scenario, opts, 2), ids, horizontalM);
    const base = monitoredFlight(single.compiled.flights[0], true);
    // the only telemetry aircraft: its sample's place in the list is the registry index it had before it left
    const as = (heavy: boolean): MonitoredAircraft => ({
      ...base,
      id: 'trk-0',
      flightId: 'trk-0',
      declared: undefined,
      aircraft: heavy ? { ...base.aircraft, mass: { value: 30, unit: 'kg' } } : base.aircraft,
      permissions: heavy ? [permission] : [],
      profileKey: heavy ? 'trk-heavy' : 'trk-light',
    });
    const a: MonitorEvent[] = [];
    const b: MonitorEvent[] = [];
    let live = false;
    for (let step = 0; step < 30; step++) {
      const t = single.simTimeMs;
      if (step === 3 || step === 14) {
        single.monitor.add(as(step === 14));
        await core.addAircraft(as(step === 14));
        live = true;
      }
      if (step === 10) {
        a.push(...single.monitor.remove('trk-0', t));
        b.push(...(await core.control({ type: 'remove', id: 'trk-0', tMs: t })));
        live = false;
      }
      const extra = live ? [trackSample(0, step, single.simTimeMs + single.sim.stepMs)] : [];
      const { monitor, sharded } = stepBoth(single, driver, core, extra);
      a.push(...monitor);
      b.push(...(await sharded));
    }
    const mine = (list: MonitorEvent[]) => list.filter((e) => e.aircraftId === 'trk-0');
    // the heavy profile's findings differ from the light one's: the events tell which profile was judged
    expect(new Set(mine(a).map((e) => e.type === 'opened' && e.key))).not.toEqual(new Set([false]));
    expect(firstDifference(a, b)).toBeNull();
    expect(streamHash(b)).toBe(streamHash(a));
  }, 60_000);
});

describe('sharded monitor: telemetry aircraft that jump across borders or miss samples', () => {
  it('a jump beyond reach is handed over before the tick; a gap after a crossing loses nothing', async () => {
    const scenario = denseScenario(600, 9);
    const opts = { ...runOptions(scenario), sharedEvaluators: true };
    const single = new ScenarioRun(scenario, opts);
    const driver = new ScenarioRun(scenario, opts);
    const ids = driver.sim.aircraft.map((x) => x.flight.id);
    const { horizontalM } = separationMinima(opts.rulebook, scenario.separation);
    let released = 0;
    const links = inProcessShards(scenario, opts, 3).map((l) => ({
      ...l,
      tick: async (t: Parameters<typeof l.tick>[0]) => {
        const r = await l.tick(t);
        released += r.released.length;
        return r;
      },
    }));
    const core = new ShardedMonitorCore(links, ids, horizontalM);
    const base = monitoredFlight(single.compiled.flights[0], true);
    const as = (id: string): MonitoredAircraft => ({
      ...base,
      id,
      flightId: id,
      declared: undefined,
      permissions: [],
      profileKey: 'trk',
    });
    const a: MonitorEvent[] = [];
    const b: MonitorEvent[] = [];
    for (const id of ['jumper', 'gappy']) {
      single.monitor.add(as(id));
      await core.addAircraft(as(id));
    }
    const west = 114.1;
    const east = 114.26;
    let border = 0;
    for (let step = 0; step < 40; step++) {
      const tMs = single.simTimeMs + single.sim.stepMs;
      const at = (id: string, lon: number): MonitorSample => ({
        id,
        lon,
        lat: 22.31,
        altAmslM: 140,
        tMs,
        groundSpeedMps: 20,
        airborne: true,
      });
      // across the whole sky every 4 s: kilometres, far beyond any shard's reach
      const extra = [at('jumper', Math.floor(step / 4) % 2 === 0 ? west : east)];
      // east across the first border at 50 m/s, within reach, without a sample every other second: its state is
      // released after the tick it crossed, and the next tick has no sample of it
      border ||= core.currentTiling?.cuts[0] ?? 0;
      if (border && step % 2 === 0) extra.push(at('gappy', border - 0.004 + 0.0005 * step));
      const { monitor, sharded } = stepBoth(single, driver, core, extra);
      a.push(...monitor);
      b.push(...(await sharded));
    }
    expect(released).toBeGreaterThan(0);
    expect(core.stats.handOffRounds).toBeGreaterThanOrEqual(8);
    expect(a.filter((e) => e.aircraftId === 'jumper' || e.aircraftId === 'gappy').length).toBeGreaterThan(4);
    expect(firstDifference(a, b)).toBeNull();
    expect(streamHash(b)).toBe(streamHash(a));
  }, 60_000);
});
