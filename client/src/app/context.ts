import type { FlightPlan } from '@sua-sandbox/rules/model';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { ZoneLayer } from '../map/zones.js';
import type { Connection } from '../net/socket.js';
import type { Legend } from '../ui/legend.js';

export type ViewId = 'live' | 'plan' | 'applications' | 'workbench' | 'compare' | 'traffic';

/** A view owns its panel content and its map layers; it is mounted when its tab is chosen. */
export interface View {
  readonly id: ViewId;
  mount(panel: HTMLElement): void;
  unmount(): void;
}

/** Returns true when it handled the click (then zone popups are skipped). */
export type ClickHandler = (e: MapMouseEvent) => boolean;

export interface AppContext {
  map: MapLibreMap;
  zones: ZoneLayer;
  legend: Legend;
  conn: Connection;
  /** Drawing mode: every map click goes to `fn` until it is cleared with null. */
  setDrawMode(fn: ((lngLat: [number, number]) => void) | null): void;
  /** Feature clicks for the active view, tried before zone popups. */
  setClickHandler(fn: ClickHandler | null): void;
  /** Show which view is active (main map hidden in compare). */
  showView(id: ViewId): void;
  /** Open a plan in the plan checker (e.g. from impact results), optionally under a rulebook or draft. */
  openPlan(plan: FlightPlan, rulebookId?: string): void;
  /** May this visitor apply for a sandbox permission (a signed-in applicant)? */
  canApply(): boolean;
  /** Open a new sandbox application prefilled with this (checked) plan. */
  applyWith(plan: FlightPlan): void;
}
