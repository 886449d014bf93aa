import type { Aircraft, Operation, Permission, RemotePilot } from '@sua-sandbox/rules/model';
import type { TelemetryProfile } from '@sua-sandbox/rules/protocol';
import type { MonitoredAircraft } from '@sua-sandbox/rules/sim';
import type { Track } from './tracks.js';

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
