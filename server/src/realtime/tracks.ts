import type { ElevationModel } from '@sua-sandbox/rules/airspace';
import {
  AircraftFlag,
  type AircraftInfo,
  type AircraftState,
  type TelemetryProfile,
  type TelemetrySample,
} from '@sua-sandbox/rules/protocol';
import type { MonitorSample } from '@sua-sandbox/rules/sim';
import { enuDelta, haversineM, headingOf } from '@sua-sandbox/rules/sim';
import { TELEMETRY_AIRCRAFT } from './monitored-track.js';

export interface Track {
  id: string;
  source: string;
  info: AircraftInfo;
  sample: MonitorSample;
  state: AircraftState;
  /** what the source declared about the aircraft, if anything (else the defaults in monitored-track.ts) */
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
