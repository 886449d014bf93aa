import type { ElevationModel } from '../airspace/types.js';
import { speedToKmh } from '../model/units.js';
import type { Zone } from '../model/zone.js';
import { AIRCRAFT_MODES, AircraftFlag, type AircraftState, type StatePacker } from '../protocol/aircraft-state.js';
import type { CompiledFlight, CompiledScenario } from './compile.js';
import { haversineM, headingOf, planarLength, toRad } from './geo.js';
import {
  engageFailSafe,
  initialNavState,
  isAirborne,
  modeOf,
  type NavEnv,
  type NavState,
  resumeMission,
  stepNav,
  takeOff,
} from './kinematics.js';
import { createPrng, deriveSeed, type Prng } from './prng.js';
import { SampleTable } from './sample-table.js';

export interface SimAircraft {
  /** its place in `Simulation.aircraft` and row in the sample table */
  readonly row: number;
  flight: CompiledFlight;
  nav: NavState;
  prng: Prng;
  linkLost: boolean;
  lowBattery: boolean;
  gnssE: number;
  gnssN: number;
  gustE: number;
  gustN: number;
}

/** Something that happened in the world during a step (zones appearing, links failing). */
export type WorldEvent =
  | { type: 'zone-added'; zone: Zone }
  | { type: 'zone-removed'; zoneId: string }
  | { type: 'lost-link' | 'link-restored' | 'low-battery' | 'take-off' | 'landed'; aircraftId: string };

interface TimedAction {
  atMs: number;
  order: number;
  run(out: WorldEvent[]): void;
}

/** Relative gust strength (share of the mean wind) and how fast gusts decorrelate per second. */
const GUST_SHARE = 0.15;
const GUST_DECAY_PER_S = 0.2;

/**
 * The simulated world of one scenario: aircraft, wind, GNSS errors and scenario zones, advanced in fixed
 * steps. Pure and deterministic: the same compiled scenario and seed give the same states, step by step.
 */
export class Simulation {
  readonly aircraft: SimAircraft[];
  /** every aircraft's sample now (row i: aircraft i), written as each is stepped */
  readonly samples: SampleTable;
  readonly stepMs: number;
  elapsedMs = 0;
  windE = 0;
  windN = 0;
  private readonly actions: TimedAction[] = [];
  /** the environment stepNav sees, rewritten for each aircraft and substep */
  private readonly env: NavEnv = { windE: 0, windN: 0, gnssE: 0, gnssN: 0, groundM: 0 };
  private cursor = 0;
  private readonly present = new Map<string, Zone>();

  constructor(
    readonly compiled: CompiledScenario,
    private readonly elevation: ElevationModel,
  ) {
    const s = compiled.scenario;
    this.stepMs = s.stepMs;
    if (s.wind) this.setWind(speedToKmh(s.wind.speed) / 3.6, s.wind.fromDeg);
    this.aircraft = compiled.flights.map((flight, row) => {
      const [lon, lat] = flight.flown.xyz;
      return {
        row,
        flight,
        nav: initialNavState(flight.flown, flight.home, elevation.groundM(lon, lat)),
        prng: createPrng(deriveSeed(s.seed, flight.id)),
        linkLost: false,
        lowBattery: false,
        gnssE: 0,
        gnssN: 0,
        gustE: 0,
        gustN: 0,
      };
    });
    this.samples = new SampleTable(this.aircraft.length);
    this.samples.count = this.aircraft.length;
    this.aircraft.forEach((a, i) => {
      this.samples.ids[i] = a.flight.id;
    });
    this.schedule();
    this.runDue([]);
    for (let i = 0; i < this.aircraft.length; i++) this.writeSample(i);
    this.samples.tMs.fill(this.simTimeMs);
  }

  /** Row i of the sample table from aircraft i's state (its time: written for all rows at the end of a step). */
  private writeSample(i: number): void {
    const a = this.aircraft[i];
    const n = a.nav;
    const t = this.samples;
    t.lon[i] = n.lon;
    t.lat[i] = n.lat;
    t.altAmslM[i] = n.alt;
    t.groundSpeedMps[i] = planarLength(n.groundE, n.groundN);
    t.airborne[i] = isAirborne(n) ? 1 : 0;
    t.leg[i] = Math.max(0, Math.min(n.wp - 1, a.flight.flown.count - 2));
  }

  get startMs(): number {
    return this.compiled.startMs;
  }

  get simTimeMs(): number {
    return this.compiled.startMs + this.elapsedMs;
  }

  get done(): boolean {
    return this.elapsedMs >= this.compiled.durationMs;
  }

  /** Zones present now (scenario zones whose time has come, crowds that have appeared). */
  zones(): Zone[] {
    return [...this.present.values()];
  }

  private setWind(speedMps: number, fromDeg: number): void {
    // "from" 270° (westerly) blows toward the east.
    this.windE = -Math.sin(toRad(fromDeg)) * speedMps;
    this.windN = -Math.cos(toRad(fromDeg)) * speedMps;
  }

  private byId(id: string): SimAircraft[] {
    return this.aircraft.filter((a) => a.flight.id === id);
  }

  private schedule(): void {
    const { startMs } = this.compiled;
    let order = 0;
    const add = (atMs: number, run: TimedAction['run']) => this.actions.push({ atMs, order: order++, run });
    for (const a of this.aircraft)
      add(a.flight.takeOffMs, (out) => {
        takeOff(a.nav);
        this.writeSample(a.row);
        out.push({ type: 'take-off', aircraftId: a.flight.id });
      });
    for (const z of this.compiled.zones) {
      add(z.fromMs, (out) => {
        this.present.set(z.zone.id, z.zone);
        out.push({ type: 'zone-added', zone: z.zone });
      });
      if (z.toMs !== null)
        add(z.toMs, (out) => {
          if (this.present.delete(z.zone.id)) out.push({ type: 'zone-removed', zoneId: z.zone.id });
        });
    }
    for (const e of this.compiled.events) {
      const at = startMs + e.atS * 1000;
      if (e.type === 'wind') add(at, () => this.setWind(speedToKmh(e.speed) / 3.6, e.fromDeg));
      else if (e.type === 'lost-link') {
        add(at, (out) => this.loseLink(e.flight, out));
        if (e.durationS !== undefined) add(at + e.durationS * 1000, (out) => this.restoreLink(e.flight, out));
      } else if (e.type === 'low-battery')
        add(at, (out) => {
          for (const a of this.byId(e.flight)) {
            a.lowBattery = true;
            engageFailSafe(a.nav, a.flight.flight.failSafe === 'land' ? 'land' : 'return-to-home', this.gnss(a));
            this.writeSample(a.row);
            out.push({ type: 'low-battery', aircraftId: a.flight.id });
          }
        });
      else if (e.type === 'gnss-error') {
        const targets = () => (e.flight ? this.byId(e.flight) : this.aircraft);
        add(at, () => {
          for (const a of targets()) {
            a.gnssE += e.eastM;
            a.gnssN += e.northM;
          }
        });
        if (e.durationS !== undefined)
          add(at + e.durationS * 1000, () => {
            for (const a of targets()) {
              a.gnssE -= e.eastM;
              a.gnssN -= e.northM;
            }
          });
      }
    }
    this.actions.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  }

  private gnss(a: SimAircraft): { east: number; north: number } {
    return { east: a.gnssE, north: a.gnssN };
  }

  private loseLink(flightId: string, out: WorldEvent[]): void {
    for (const a of this.byId(flightId)) {
      a.linkLost = true;
      engageFailSafe(a.nav, a.flight.flight.failSafe, this.gnss(a));
      this.writeSample(a.row);
      out.push({ type: 'lost-link', aircraftId: a.flight.id });
    }
  }

  private restoreLink(flightId: string, out: WorldEvent[]): void {
    for (const a of this.byId(flightId)) {
      a.linkLost = false;
      resumeMission(a.nav);
      this.writeSample(a.row);
      out.push({ type: 'link-restored', aircraftId: a.flight.id });
    }
  }

  private runDue(out: WorldEvent[]): void {
    const now = this.simTimeMs;
    while (this.cursor < this.actions.length && this.actions[this.cursor].atMs <= now) {
      this.actions[this.cursor].run(out);
      this.cursor++;
    }
  }

  /** Advance one fixed step; returns what happened in the world (not the rule findings). */
  step(): WorldEvent[] {
    const out: WorldEvent[] = [];
    const substeps = Math.max(1, Math.ceil(this.stepMs / 500));
    const dt = this.stepMs / 1000 / substeps;
    const windSpeed = planarLength(this.windE, this.windN);
    for (const a of this.aircraft) {
      if (!isAirborne(a.nav)) continue;
      for (let k = 0; k < substeps; k++) {
        if (windSpeed > 0) {
          // Gauss–Markov gusts, one stream per aircraft so runs are reproducible.
          const keep = 1 - GUST_DECAY_PER_S * dt;
          const kick = GUST_SHARE * windSpeed * Math.sqrt(2 * GUST_DECAY_PER_S * dt);
          a.gustE = a.gustE * keep + kick * a.prng.gauss();
          a.gustN = a.gustN * keep + kick * a.prng.gauss();
        }
        // one record rewritten for every aircraft (stepNav only reads it): not an object per aircraft and step
        const env = this.env;
        env.groundM = this.elevation.groundM(a.nav.lon, a.nav.lat);
        env.windE = this.windE + a.gustE;
        env.windN = this.windN + a.gustN;
        env.gnssE = a.gnssE;
        env.gnssN = a.gnssN;
        stepNav(a.nav, a.flight.flown, a.flight.airframe, env, dt);
        if (!isAirborne(a.nav)) {
          out.push({ type: 'landed', aircraftId: a.flight.id });
          break;
        }
      }
      // now, while its state is in the cache (an aircraft on the ground keeps its row)
      this.writeSample(a.row);
    }
    this.elapsedMs += this.stepMs;
    this.samples.tMs.fill(this.simTimeMs, 0, this.aircraft.length);
    this.runDue(out);
    return out;
  }

  /** The state of one aircraft as a viewer sees it (flags from the monitor are added by the caller). */
  stateOf(a: SimAircraft): AircraftState {
    const n = a.nav;
    const op = a.flight.plan.operation;
    return {
      id: a.flight.id,
      lon: n.lon,
      lat: n.lat,
      altAmslM: n.alt,
      aglM: n.alt - this.elevation.groundM(n.lon, n.lat),
      headingDeg: headingNow(n),
      groundSpeedMps: planarLength(n.groundE, n.groundN),
      verticalSpeedMps: n.vs,
      mode: modeOf(n),
      flags: this.flagsOf(a),
      pilotDistanceM: haversineM(n.lon, n.lat, op.pilotPosition[0], op.pilotPosition[1]),
    };
  }

  /** `stateOf`, written straight into a packed block (no object per aircraft on every tick). */
  packState(a: SimAircraft, packer: StatePacker, extraFlags: number): void {
    const n = a.nav;
    const op = a.flight.plan.operation;
    packer.row(
      a.flight.id,
      n.lon,
      n.lat,
      n.alt,
      n.alt - this.elevation.groundM(n.lon, n.lat),
      headingNow(n),
      planarLength(n.groundE, n.groundN),
      n.vs,
      AIRCRAFT_MODES.indexOf(modeOf(n)),
      this.flagsOf(a) | extraFlags,
      haversineM(n.lon, n.lat, op.pilotPosition[0], op.pilotPosition[1]),
    );
  }

  private flagsOf(a: SimAircraft): number {
    let flags = 0;
    if (a.linkLost) flags |= AircraftFlag.lostLink;
    if (a.lowBattery) flags |= AircraftFlag.lowBattery;
    return flags;
  }
}

/** Heading over the ground while moving, else the nose's heading. */
function headingNow(n: NavState): number {
  return planarLength(n.groundE, n.groundN) > 0.3 ? headingOf(n.groundE, n.groundN) : n.headingDeg;
}
