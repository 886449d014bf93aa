import type { OperationalIntent } from './intent.js';
import type { TrafficParams } from './params.js';
import type { IntentStore } from './store.js';
import { timeOf, type Volume4D } from './volume.js';

/** Where a contingent intent's aircraft is (degrees, metres AMSL, ms). */
export interface ContingentPosition {
  lon: number;
  lat: number;
  altAmslM: number;
  tMs: number;
}

/**
 * The intents a contingent one affects, in id order: those whose volumes meet its own (the deconfliction index), and
 * those meeting a circle of the lateral buffer around where its aircraft is, within the vertical buffer, from now to
 * the intent's end. One answer for the live server's intents and for a scenario's simulated ones.
 */
export function affectedIntents(
  store: IntentStore,
  contingent: OperationalIntent,
  at: ContingentPosition,
  params: TrafficParams,
): string[] {
  const { buffers } = params;
  const crossing = store.submit(contingent).conflicts.map((c) => c.intentId);
  const aoi: Volume4D = {
    volume: {
      outline_circle: { center: { lat: at.lat, lng: at.lon }, radius: { value: buffers.lateralM, units: 'M' } },
      altitude_lower: { value: at.altAmslM - buffers.verticalM, reference: 'AMSL', units: 'M' },
      altitude_upper: { value: at.altAmslM + buffers.verticalM, reference: 'AMSL', units: 'M' },
    },
    time_start: timeOf(at.tMs),
    time_end: timeOf(Math.max(at.tMs + 1000, Date.parse(contingent.reference.time_end.value))),
  };
  const near = store.queryArea(aoi).map((r) => r.id);
  return [...new Set([...crossing, ...near])].filter((id) => id !== contingent.reference.id).sort();
}
