import type { AltitudeRef, Report } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { h } from '../ui/dom.js';
import { categoryHeightLimit } from './height-limit.js';
import { AltitudeProfile, fetchGround, groundReadout, type ProfileLimit, zoneLimits } from './profile.js';

/** What the plan checker shows of heights: the altitude profile and the ground height where the map was clicked. */
export class PlanHeights {
  private readonly profile = new AltitudeProfile();
  private limit: ProfileLimit | undefined;
  private last: { waypoints: { lon: number; lat: number; alt: number }[]; ref: AltitudeRef; report?: Report } = {
    waypoints: [],
    ref: 'AGL',
  };
  readonly ground = h('p', { class: 'small', role: 'status', 'data-testid': 'ground-readout' });

  constructor(private readonly zone: (id: string) => ZoneInfo | undefined) {}

  /** The elements to place in the panel (the same ones across re-renders). */
  elements(): HTMLElement[] {
    if (!this.ground.textContent) this.ground.textContent = t('plan.groundHint');
    return [this.profile.el, this.ground];
  }

  /** A new report: look up its category's height limit for the chart. */
  checked(report: Report): void {
    this.limit = undefined;
    void categoryHeightLimit(report).then(
      (limit) => {
        this.limit = limit;
        this.redraw();
      },
      () => undefined,
    );
  }

  /** The route as it stands; `report` only when it is the route's current (not stale) report. */
  update(waypoints: { lon: number; lat: number; alt: number }[], ref: AltitudeRef, report: Report | undefined): void {
    this.last = { waypoints, ref, report };
    this.redraw();
  }

  private redraw(): void {
    const { waypoints, ref, report } = this.last;
    const limits = [...(report && this.limit ? [this.limit] : []), ...zoneLimits(report, this.zone)];
    this.profile.update({ waypoints, altitudeRef: ref, limits });
  }

  /** "Ground 312 m AMSL (…)" for a click on the map, from the server's model. */
  async showGround(lon: number, lat: number): Promise<void> {
    try {
      const { model, groundM } = await fetchGround([{ lon, lat }]);
      this.ground.textContent = groundReadout(groundM[0], model);
    } catch {
      this.ground.textContent = t('plan.profile.error');
    }
  }
}
