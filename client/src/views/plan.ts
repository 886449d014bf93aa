import type { FlightPlan, FlightPlanInput, Report } from '@sua-sandbox/rules/model';
import type { AppContext, View } from '../app/context.js';
import { fetchRulebooks, type RulebookSummary } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { RouteLayer } from '../map/route.js';
import { checkPlan } from '../plan/api.js';
import { planDetails, planSettings, unreadableIssues } from '../plan/controls.js';
import { ExamplePicker } from '../plan/examples.js';
import { FlyHere, hoverPlan, zonesAt } from '../plan/fly-here.js';
import { PlanHeights } from '../plan/heights.js';
import { openPlanFile } from '../plan/import-file.js';
import { type PlanIssue, type PlanProblems, problemBox, showProblems } from '../plan/issues.js';
import { outsideWarning } from '../plan/outside.js';
import { PressGuard } from '../plan/press-guard.js';
import { FindingPins, legStatuses } from '../plan/report-view.js';
import {
  appendWaypoint,
  fromFlightPlan,
  newPlanState,
  type PlanState,
  routeBounds,
  startInstant,
  toFlightPlan,
} from '../plan/state.js';
import { shiftWaypointEntries, waypointTable } from '../plan/waypoints.js';
import { IntentFromPlan } from '../traffic/from-plan.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { checkProblems, checkRow, importProblems, planFileField, planNameField, routeTools } from './plan-form.js';
import { planResult } from './plan-result.js';

/** Plan checker: draw or import a route, fill in the details, check it, see findings on their legs. */
export class PlanView implements View {
  readonly id = 'plan' as const;
  private state: PlanState = newPlanState();
  private report: Report | undefined;
  private checkedPlan: FlightPlanInput | undefined;
  private stale = false;
  /** what is wrong with the last check or import, placed on the form; `at` is where the summary box goes */
  private problems: PlanProblems | undefined;
  private readonly flyHere = new FlyHere();
  private readonly toTraffic = new IntentFromPlan();
  private readonly examples = new ExamplePicker(
    (plan, name) => {
      this.load(plan, this.state.rulebookId);
      this.state.name ||= name;
      if (this.panel) this.render();
    },
    (message) => this.fail('file', message, []),
  );
  private busy = false;
  private drawing = false;
  private rulebooks: RulebookSummary[] = [];
  private readonly route: RouteLayer;
  private readonly pins: FindingPins;
  private panel: HTMLElement | undefined;
  private readonly heights: PlanHeights;
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.drawing) this.stopDrawing();
  };
  private readonly press = new PressGuard();

  constructor(private readonly ctx: AppContext) {
    this.route = new RouteLayer(ctx.map, 'plan');
    this.pins = new FindingPins(ctx.map);
    this.heights = new PlanHeights((id) => ctx.zones.get(id));
    this.route.setVisible(false);
    void fetchRulebooks().then(
      (r) => {
        this.rulebooks = r;
        if (this.panel) this.render();
      },
      () => undefined,
    );
  }

  /** Open a plan from elsewhere (workbench impact results, imports). */
  load(plan: FlightPlan | FlightPlanInput, rulebookId = ''): void {
    this.state = fromFlightPlan(plan);
    this.state.rulebookId = rulebookId;
    this.report = undefined;
    this.problems = undefined;
    this.fit();
    if (this.panel) this.render();
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    this.route.setVisible(true);
    document.addEventListener('keydown', this.onKey);
    this.press.attach();
    this.ctx.setClickHandler((e) => {
      const hit = this.ctx.map.queryRenderedFeatures(e.point, { layers: [this.route.legLayer] });
      const leg = hit[0]?.properties.leg;
      if (typeof leg !== 'number') {
        void this.heights.showGround(e.lngLat.lng, e.lngLat.lat);
        const zones = zonesAt(this.ctx.map, this.ctx.zones, e.point);
        const { rulebookId, asOf } = this.state;
        const plan = hoverPlan(this.state, e.lngLat.lng, e.lngLat.lat);
        void this.flyHere.ask({ lon: e.lngLat.lng, lat: e.lngLat.lat, plan, rulebookId, asOf, zones });
        this.flyHere.el.scrollIntoView({ block: 'nearest' });
        return false;
      }
      this.route.highlightLeg(leg);
      document.querySelector(`#panel [data-leg="${leg}"]`)?.scrollIntoView({ block: 'nearest' });
      return true;
    });
    this.render();
  }

  unmount(): void {
    this.stopDrawing();
    document.removeEventListener('keydown', this.onKey);
    this.press.detach();
    this.route.setVisible(false);
    this.pins.clear();
    this.panel = undefined;
    this.ctx.zones.clearTime();
  }

  private changed(structural: boolean): void {
    if (this.report) this.stale = true;
    // during a press, the route, its profile and the panel wait for its end: any of them can move the button
    const redraw = () => {
      if (!this.panel) return;
      this.drawRoute();
      this.render();
    };
    if (this.press.deferred(redraw)) return;
    this.drawRoute();
    if (structural || this.stale) this.render();
  }

  private drawRoute(): void {
    const coords = this.state.waypoints.map((w) => [w.lon, w.lat]);
    this.route.setRoute(coords, this.stale ? [] : legStatuses(this.report, Math.max(0, coords.length - 1)));
    if (this.report && !this.stale) this.pins.set(this.report.findings, (i) => this.showFinding(i));
    else this.pins.clear();
    this.updateProfile();
    const startMs = Date.parse(startInstant(this.state.startLocal));
    if (Number.isFinite(startMs)) this.ctx.zones.setTime(startMs);
  }

  private updateProfile(): void {
    const fresh = this.report && !this.stale ? this.report : undefined;
    this.heights.update(this.state.waypoints, this.state.altitudeRef, fresh);
  }

  private fit(): void {
    const bounds = routeBounds(this.state.waypoints);
    if (bounds) this.ctx.map.fitBounds(bounds, { padding: 80, maxZoom: 15, duration: 0 });
  }

  private startDrawing(): void {
    this.drawing = true;
    this.ctx.setDrawMode(([lon, lat]) => {
      appendWaypoint(this.state, lon, lat);
      this.changed(true);
    });
    this.render();
  }

  private stopDrawing(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.ctx.setDrawMode(null);
    if (this.panel) this.render();
  }

  private showFinding(i: number): void {
    const f = this.report?.findings[i];
    if (!f?.where) return;
    this.route.highlightLeg(f.where.leg);
    this.ctx.map.flyTo({
      center: [f.where.position[0], f.where.position[1]],
      zoom: Math.max(this.ctx.map.getZoom(), 14),
    });
    const li = document.getElementById(`plan-finding-${i}`);
    li?.scrollIntoView({ block: 'nearest' });
    li?.querySelector<HTMLElement>('button')?.focus();
  }

  private async check(): Promise<void> {
    if (this.state.waypoints.length < 2) {
      this.fail('check', t('plan.needRoute'), []);
      return;
    }
    // a date or time that could not be read: checking with the last good one would answer another question
    const unreadable = unreadableIssues(this.state);
    if (unreadable.length > 0) {
      this.fail('check', t('plan.unreadableEntries'), unreadable);
      return;
    }
    this.busy = true;
    this.problems = undefined;
    this.render();
    try {
      const plan = toFlightPlan(this.state);
      this.report = await checkPlan(plan, this.state.rulebookId, this.state.asOf);
      this.checkedPlan = plan;
      this.stale = false;
      this.heights.checked(this.report);
    } catch (e) {
      this.problems = checkProblems(e);
    } finally {
      this.busy = false;
      this.drawRoute();
      this.render();
    }
  }

  private async importFile(file: File): Promise<void> {
    if (file.size === 0) {
      this.fail('file', t('plan.invalidFile', { message: t('plan.err.empty') }), []);
      return;
    }
    this.busy = true;
    this.problems = undefined;
    this.render();
    try {
      this.state = await openPlanFile(file, this.state);
      this.report = undefined;
      this.stale = false;
      this.fit();
    } catch (e) {
      this.problems = importProblems(e);
    } finally {
      this.busy = false;
      this.drawRoute();
      this.render();
    }
  }

  private render(): void {
    keepFocus(() => this.draw());
  }

  private draw(): void {
    const panel = this.panel;
    if (!panel) return;
    const s = this.state;
    const file = planFileField(this.problems, (f) => void this.importFile(f));
    const report = this.report && this.checkedPlan ? this.report : undefined;
    const checked = this.checkedPlan;
    const result =
      report && checked
        ? planResult(report, checked, {
            ctx: this.ctx,
            stale: this.stale,
            toTraffic: this.toTraffic,
            onShowFinding: (i) => this.showFinding(i),
          })
        : [];
    this.updateProfile();
    replace(
      panel,
      h('h2', {}, t('plan.title')),
      h('p', { class: 'muted small' }, t('plan.intro')),
      routeTools(this.drawing, {
        onToggleDraw: () => (this.drawing ? this.stopDrawing() : this.startDrawing()),
        onClear: () => {
          s.waypoints = [];
          shiftWaypointEntries(s);
          this.report = undefined;
          this.changed(true);
        },
      }),
      file.field,
      this.examples.element(() => this.render()),
      planNameField(s),
      outsideWarning(this.state.waypoints, this.report && !this.stale ? this.report : undefined),
      h('h3', {}, t('plan.waypoints')),
      waypointTable(
        s,
        (structural) => this.changed(structural),
        (leg) => this.route.highlightLeg(leg),
      ),
      ...this.heights.elements(),
      this.flyHere.el,
      planSettings(s, this.rulebooks, (structural) => this.changed(structural)),
      planDetails(s, (structural) => this.changed(structural)),
      checkRow(this.busy, () => void this.check()),
      this.problems?.at === 'check' ? problemBox(this.problems) : null,
      result,
    );
    this.flyHere.render();
    if (this.problems) showProblems(panel, this.problems, file.input);
  }

  private fail(at: 'file' | 'check', summary: string, issues: PlanIssue[]): void {
    this.problems = { at, summary, issues };
    this.render();
  }
}
