import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PlaceLabels } from './places.js';
import { HK_BOUNDS, offlineStyle } from './style.js';

// Under Vite the worker must be given as a URL, or the map stays blank ("Worker failed to load").
setWorkerUrl(workerUrl);

export interface CreateMapOptions {
  container: HTMLElement;
  /** Controls are left out of the small compare maps. */
  controls?: boolean;
}

export function createMap({ container, controls = true }: CreateMapOptions): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: offlineStyle(),
    bounds: HK_BOUNDS,
    // no maxBounds: a route imported from anywhere (a test flight abroad) must be shown where it is
    attributionControl: false,
    // Keeps the canvas readable by screenshots and tests.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    // Labels appear and go without fading for a reader who asked for less motion (MapLibre already jumps instead
    // of flying for them); a fade also repaints the whole map every frame for its 300 ms.
    fadeDuration: prefersReducedMotion() ? 0 : 300,
  });
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
  if (controls) {
    map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  }
  new PlaceLabels(map);
  return map;
}

/** The reader's system asks for less motion (WCAG 2.3.3). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Resolves when the style is loaded (immediately if it already is). */
export function whenStyleLoaded(map: MapLibreMap): Promise<void> {
  if (map.isStyleLoaded()) return Promise.resolve();
  return new Promise((resolve) => map.once('load', () => resolve()));
}
