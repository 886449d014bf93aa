import type { FlightPlan, Report } from '@sua-sandbox/rules/model';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { RouteLayer } from '../map/route.js';
import { FindingPins, legStatuses } from '../plan/report-view.js';

/** The selected application's plan on the map: its legs coloured by the report, finding pins, framed. */
export class PlanOnMap {
  private readonly route: RouteLayer;
  private readonly pins: FindingPins;

  constructor(private readonly map: MapLibreMap) {
    this.route = new RouteLayer(map, 'app');
    this.pins = new FindingPins(map);
    this.route.setVisible(false);
  }

  setVisible(visible: boolean): void {
    this.route.setVisible(visible);
    if (!visible) this.pins.clear();
  }

  show(plan: FlightPlan | undefined, report: Report | undefined): void {
    const coords = plan?.route.coordinates ?? [];
    this.route.setRoute(coords, legStatuses(report, Math.max(0, coords.length - 1)));
    this.pins.set(report?.findings ?? [], (i) => this.showFinding(report, i));
    if (coords.length === 0) return;
    const lons = coords.map((c) => c[0]);
    const lats = coords.map((c) => c[1]);
    this.map.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: 80, maxZoom: 15, duration: 0 },
    );
  }

  showFinding(report: Report | undefined, i: number): void {
    const f = report?.findings[i];
    if (!f?.where) return;
    this.route.highlightLeg(f.where.leg);
    this.map.flyTo({
      center: [f.where.position[0], f.where.position[1]],
      zoom: Math.max(this.map.getZoom(), 14),
    });
  }
}
