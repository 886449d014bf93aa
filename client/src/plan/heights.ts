import type { AltitudeRef, Report } from '@sua-sandbox/rules/model';
import { type Lang, lang, t } from '../i18n/index.js';
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
  /** the last click's answer, worded again after a language switch */
  private groundAnswer: Awaited<ReturnType<typeof fetchGround>> | 'error' | undefined;
  private checkedReport: Report | undefined;
  private limitLang: Lang = lang();

  constructor(private readonly zone: (id: string) => ZoneInfo | undefined) {}

  /** The elements to place in the panel (the same ones across re-renders). */
  elements(): HTMLElement[] {
    this.wordGround();
    // the category limit's label is worded when the report comes: again in the new language after a switch
    if (this.checkedReport && this.limitLang !== lang()) this.checked(this.checkedReport);
    return [this.profile.el, this.ground];
  }

  private wordGround(): void {
    const a = this.groundAnswer;
    this.ground.textContent =
      a === undefined
        ? t('plan.groundHint')
        : a === 'error'
          ? t('plan.profile.error')
          : groundReadout(a.groundM[0], a.model);
  }

  /** A new report: look up its category's height limit for the chart. */
  checked(report: Report): void {
    this.checkedReport = report;
    this.limitLang = lang();
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
      this.groundAnswer = await fetchGround([{ lon, lat }]);
    } catch {
      this.groundAnswer = 'error';
    }
    this.wordGround();
  }
}
