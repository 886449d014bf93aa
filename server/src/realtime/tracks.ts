import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import { assumption } from '@sua-sandbox/rules/engine';
import type { Aircraft, Assumption, Operation, Permission, RemotePilot } from '@sua-sandbox/rules/model';
import {
  AircraftFlag,
  type AircraftInfo,
  type AircraftState,
  type ApiIssue,
  type TelemetryProfile,
  type TelemetrySample,
} from '@sua-sandbox/rules/protocol';
import type { MonitoredAircraft, MonitorSample } from '@sua-sandbox/rules/sim';
import { enuDelta, haversineM, headingOf } from '@sua-sandbox/rules/sim';
import { limitError, type RealtimeBudgets } from './budgets.js';

/**
 * What the monitor assumes about an aircraft it only knows from telemetry (no plan): a registered,
 * labelled A2 multirotor with a registered adult pilot, flown in VLOS. Stated in the session as an assumption.
 */
export const TELEMETRY_AIRCRAFT: Aircraft = {
  model: 'unknown (telemetry)',
  mass: { value: 0.9, unit: 'kg' },
  maxDimensionM: 0.5,
  equipment: { flightLog: true, geoAwareness: true, failSafe: true, remoteId: true },
  registration: 'telemetry',
  labelled: true,
  a1Exemption: false,
};
export const TELEMETRY_PILOT: RemotePilot = { age: 30, registered: true, advancedRating: false };

function telemetryOperation(pilot: [number, number], declared: TelemetryProfile['operation'] = {}): Operation {
  return {
    purpose: 'other',
    vlos: true,
    aircraftPerPilot: 1,
    dangerousGoods: false,
    droppingArticles: false,
    carriesPersonsOrAnimals: false,
    whollyInEnclosedArea: false,
    minDistanceFromUninvolvedM: 30,
    ...declared,
    pilotPosition: pilot,
  };
}

export interface Track {
  id: string;
  source: string;
  info: AircraftInfo;
  sample: MonitorSample;
  state: AircraftState;
  /** what the source declared about the aircraft, if anything (else the defaults above) */
  profile?: TelemetryProfile;
  /** session wall clock when last heard from */
  heardAtMs: number;
  /** the operational intent the source declared it flies (kept until another is declared) */
  intentId?: string;
}

/** A track as another node continues it (server/src/cluster): heard `ageMs` ago rather than at a node's wall clock. */
export type CarriedTrack = Omit<Track, 'heardAtMs'> & { ageMs: number };

/** Telemetry aircraft ids are namespaced so they never collide with simulated flights. */
export const trackId = (aircraftId: string) => `tm:${aircraftId}`;

export function timeOf(sample: TelemetrySample): number {
  return typeof sample.time === 'number' ? sample.time : Date.parse(sample.time);
}

/** Turn a validated sample into the monitor's sample and a viewer state (speed and heading derived if absent). */
export function trackFromSample(
  sample: TelemetrySample,
  prev: Track | undefined,
  elevation: ElevationModel,
  source: string,
  wallMs: number,
): Track {
  const id = trackId(sample.aircraftId);
  const tMs = timeOf(sample);
  const ground = elevation.groundM(sample.lon, sample.lat);
  const altAmslM = sample.altRef === 'AGL' ? sample.alt + ground : sample.alt;
  const pilot = sample.pilot ?? prev?.info.pilot;
  let groundSpeedMps = sample.groundSpeed ?? 0;
  let headingDeg = sample.heading ?? prev?.state.headingDeg ?? 0;
  if (prev && (sample.groundSpeed === undefined || sample.heading === undefined)) {
    const dt = (tMs - prev.sample.tMs) / 1000;
    const [e, n] = enuDelta(prev.sample.lon, prev.sample.lat, sample.lon, sample.lat);
    if (dt > 0 && sample.groundSpeed === undefined) groundSpeedMps = Math.hypot(e, n) / dt;
    if (Math.hypot(e, n) > 0.5 && sample.heading === undefined) headingDeg = headingOf(e, n);
  }
  const verticalSpeedMps =
    prev && tMs > prev.sample.tMs ? (altAmslM - prev.sample.altAmslM) / ((tMs - prev.sample.tMs) / 1000) : 0;
  const profile = sample.profile ?? prev?.profile;
  const info: AircraftInfo =
    prev && !sample.profile
      ? prev.info
      : {
          id,
          flightId: id,
          label: sample.aircraftId,
          source: 'telemetry',
          model: profile ? profile.aircraft.model : TELEMETRY_AIRCRAFT.model,
          permissions: profile?.permissions ?? [],
        };
  if (pilot) info.pilot = pilot;
  return {
    id,
    source,
    info,
    profile,
    heardAtMs: wallMs,
    intentId: sample.intentId ?? prev?.intentId,
    sample: {
      id,
      lon: sample.lon,
      lat: sample.lat,
      altAmslM,
      tMs,
      groundSpeedMps,
      airborne: altAmslM - ground > 0.5 || groundSpeedMps > 0.5,
      pilotLon: pilot?.[0],
      pilotLat: pilot?.[1],
    },
    state: {
      id,
      lon: sample.lon,
      lat: sample.lat,
      altAmslM,
      aglM: altAmslM - ground,
      headingDeg,
      groundSpeedMps,
      verticalSpeedMps,
      mode: 'telemetry',
      flags: AircraftFlag.telemetry,
      pilotDistanceM: pilot ? haversineM(sample.lon, sample.lat, pilot[0], pilot[1]) : null,
    },
  };
}

/**
 * The monitor's view of a telemetry aircraft: its declared profile (permission ids resolved against `known`,
 * which the caller has checked), else the default one; aircraft with the same profile share one evaluator.
 */
export function monitoredTrack(t: Track, known: readonly Permission[] = []): MonitoredAircraft {
  const pilot = t.info.pilot ?? [t.sample.lon, t.sample.lat];
  const p = t.profile;
  return {
    id: t.id,
    flightId: t.id,
    aircraft: p?.aircraft ?? TELEMETRY_AIRCRAFT,
    pilot: p?.pilot ?? TELEMETRY_PILOT,
    responsiblePerson: p?.responsiblePerson,
    operation: telemetryOperation([pilot[0], pilot[1]], p?.operation),
    permissions: known.filter((k) => p?.permissions.includes(k.id)),
    profileKey: p ? `telemetry:${JSON.stringify(p)}` : 'telemetry-default',
  };
}

/**
 * Issues for declared permission ids the session does not know, or the sender may not declare (the same words:
 * another organisation's permission does not exist for it). Paths from the sample's index in the batch.
 */
export function unknownPermissions(
  samples: readonly TelemetrySample[],
  known: readonly Permission[],
  mayDeclare: (permissionId: string) => boolean = () => true,
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  samples.forEach((s, i) => {
    s.profile?.permissions.forEach((id, k) => {
      if (!mayDeclare(id) || !known.some((p) => p.id === id))
        issues.push({ path: [i, 'profile', 'permissions', k], message: `unknown permission "${id}"` });
    });
  });
  return issues;
}

/** The telemetry aircraft of a session, by track id, with how many each source feeds. */
export class TelemetryTracks {
  private readonly byId = new Map<string, Track>();
  private readonly perSource = new Map<string, number>();

  values(): Track[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The operational intent a track declared it flies, if any. */
  intentOf(id: string): string | undefined {
    return this.byId.get(id)?.intentId;
  }

  /** The source feeding a track, if it exists. */
  sourceOf(id: string): string | undefined {
    return this.byId.get(id)?.source;
  }

  /** Tracks last fed by `source`. */
  countOf(source: string): number {
    return this.perSource.get(source) ?? 0;
  }

  private count(source: string, delta: number): void {
    const n = (this.perSource.get(source) ?? 0) + delta;
    if (n > 0) this.perSource.set(source, n);
    else this.perSource.delete(source);
  }

  /** Update tracks from samples; returns the tracks that are new, and those whose declared profile changed. */
  ingest(
    samples: readonly TelemetrySample[],
    source: string,
    wallMs: number,
    elevation: ElevationModel,
  ): { fresh: Track[]; reprofiled: Track[] } {
    const fresh: Track[] = [];
    const reprofiled = new Map<string, Track>();
    for (const s of samples) {
      const id = trackId(s.aircraftId);
      const prev = this.byId.get(id);
      const track = trackFromSample(s, prev, elevation, source, wallMs);
      this.byId.set(id, track);
      if (prev?.source !== source) {
        if (prev) this.count(prev.source, -1);
        this.count(source, 1);
      }
      if (!prev) fresh.push(track);
      else if (s.profile && JSON.stringify(s.profile) !== JSON.stringify(prev.profile)) reprofiled.set(id, track);
    }
    // A track both new and re-declared in one batch is simply new (with its last profile).
    for (const t of fresh) reprofiled.delete(t.id);
    const latest = (t: Track) => this.byId.get(t.id) ?? t;
    return { fresh: fresh.map(latest), reprofiled: [...reprofiled.values()].map(latest) };
  }

  /** Tracks another node fed (a takeover): they stay until their timeout, as they would have there. */
  resume(carried: readonly CarriedTrack[], wallMs: number): Track[] {
    const out: Track[] = [];
    for (const { ageMs, ...t } of carried) {
      const track: Track = { ...t, heardAtMs: wallMs - ageMs };
      if (!this.byId.has(track.id)) this.count(track.source, 1);
      this.byId.set(track.id, track);
      out.push(track);
    }
    return out;
  }

  /** Every track as another node would continue it, at session wall time `wallMs`. */
  carry(wallMs: number): CarriedTrack[] {
    return this.values().map(({ heardAtMs, ...t }) => ({ ...t, ageMs: wallMs - heardAtMs }));
  }

  /** Remove tracks not heard from for `timeoutMs` of wall time; returns their ids. */
  expire(wallMs: number, timeoutMs: number): string[] {
    const gone: Track[] = [];
    for (const t of this.byId.values()) if (wallMs - t.heardAtMs > timeoutMs) gone.push(t);
    for (const t of gone) {
      this.byId.delete(t.id);
      this.count(t.source, -1);
    }
    return gone.map((t) => t.id);
  }
}

/**
 * Issues for samples about an aircraft another source is feeding: a source moves and declares only its own
 * aircraft (issue 12). The id is free again once that source's track expires.
 */
export function foreignTracks(
  tracks: TelemetryTracks,
  samples: readonly TelemetrySample[],
  source: string,
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  samples.forEach((s, i) => {
    const owner = tracks.sourceOf(trackId(s.aircraftId));
    if (owner !== undefined && owner !== source)
      issues.push({ path: [i, 'aircraftId'], message: `aircraft "${s.aircraftId}" is reported by another source` });
  });
  return issues;
}

/** Refuse a batch that would start more tracks than the source, or the session, may have (nothing is taken). */
export function checkTrackBudget(
  tracks: TelemetryTracks,
  samples: readonly TelemetrySample[],
  source: string,
  budgets: Pick<RealtimeBudgets, 'tracksPerSource' | 'aircraftPerSession'>,
  sessionId: string,
): void {
  const fresh = new Set<string>();
  for (const s of samples) if (!tracks.has(trackId(s.aircraftId))) fresh.add(s.aircraftId);
  if (fresh.size === 0) return;
  const mine = tracks.countOf(source) + fresh.size;
  if (mine > budgets.tracksPerSource)
    throw limitError(
      'tracksPerSource',
      budgets.tracksPerSource,
      mine,
      `telemetry from ${source} would feed ${mine} aircraft`,
    );
  const all = tracks.size + fresh.size;
  if (all > budgets.aircraftPerSession)
    throw limitError(
      'aircraftPerSession',
      budgets.aircraftPerSession,
      all,
      `session "${sessionId}" would hold ${all} telemetry aircraft`,
    );
}

/** How a batch's altitudes were read, for the sender (the report assumptions' telemetry counterpart). */
export function telemetryAssumptions(samples: readonly TelemetrySample[], model: string): Assumption[] {
  const agl = samples.filter((s) => s.altRef === 'AGL').length;
  const out: Assumption[] = [];
  if (agl > 0) out.push(assumption('assumption.telemetry-agl', { count: agl, model }));
  if (samples.length > agl) out.push(assumption('assumption.telemetry-amsl', { count: samples.length - agl, model }));
  return out;
}
