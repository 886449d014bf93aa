import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AircraftLayer } from '../map/aircraft.js';

/** Handles for end-to-end tests (queryRenderedFeatures on the real maps); harmless in production. */
export interface TestHooks {
  map: MapLibreMap;
  compareMaps?: MapLibreMap[];
  /** the live view's aircraft layer, for the 2,000-aircraft load check */
  liveAircraft?: AircraftLayer;
}

declare global {
  interface Window {
    __sua?: TestHooks;
  }
}

export function exposeHooks(hooks: Partial<TestHooks>): void {
  window.__sua = { ...window.__sua, ...hooks } as TestHooks;
}
