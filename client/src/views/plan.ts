import { FlightPlan, type FlightPlanInput, type Report } from '@sua-sandbox/rules/model';
import type { AppContext, View } from '../app/context.js';
import { fetchRulebooks, type RulebookSummary } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { RouteLayer } from '../map/route.js';
import { ApiError } from '../net/api.js';
import { checkPlan } from '../plan/api.js';
import { planDetails, planSettings } from '../plan/controls.js';
import { ExamplePicker } from '../plan/examples.js';
import { exportReportHtml, exportReportJson } from '../plan/export.js';
import { FlyHere, hoverPlan, zonesAt } from '../plan/fly-here.js';
import { PlanHeights } from '../plan/heights.js';
import { openPlanFile } from '../plan/import-file.js';
import { type PlanIssue, type PlanProblems, planIssues, problemBox, showProblems } from '../plan/issues.js';
import { outsideWarning } from '../plan/outside.js';
import { FindingPins, legStatuses, reportView } from '../plan/report-view.js';
import {
  DEFAULT_ALT_M,
  DEFAULT_SPEED_KMH,
  fromFlightPlan,
  newPlanState,
  type PlanState,
  startInstant,
  toFlightPlan,
} from '../plan/state.js';
import { waypointTable } from '../plan/waypoints.js';
import { IntentFromPlan } from '../traffic/from-plan.js';
import { h, keepFocus, replace } from '../ui/dom.js';

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
    this.route.setVisible(false);
    this.pins.clear();
    this.panel = undefined;
    this.ctx.zones.clearTime();
  }

  private changed(structural: boolean): void {
    if (this.report) this.stale = true;
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
    const w = this.state.waypoints;
    if (w.length === 0) return;
    const lons = w.map((p) => p.lon);
    const lats = w.map((p) => p.lat);
    this.ctx.map.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: 80, maxZoom: 15, duration: 0 },
    );
  }

  private startDrawing(): void {
    this.drawing = true;
    this.ctx.setDrawMode(([lon, lat]) => {
      const prev = this.state.waypoints[this.state.waypoints.length - 1];
      this.state.waypoints.push({
        lon: round(lon),
        lat: round(lat),
        alt: prev?.alt ?? DEFAULT_ALT_M,
        speedKmh: prev?.speedKmh ?? DEFAULT_SPEED_KMH,
      });
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
      if (e instanceof ApiError)
        this.problems = {
          at: 'check',
          summary: e.code === 'network' ? t('common.serverDown') : t('plan.invalid'),
          issues: e.code === 'network' ? [] : planIssues(e),
        };
      else this.problems = { at: 'check', summary: String(e), issues: [] };
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
      const issues = e instanceof ApiError ? planIssues(e) : [{ text: String(e) }];
      // the whole answer sits at the file picker; fields of the form named by it are marked too
      this.problems = {
        at: 'file',
        summary: t('plan.invalidFile', { message: issues.map((i) => i.text).join('; ') }),
        issues: issues.filter((i) => i.fieldId !== 'plan-file'),
      };
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
    const drawBtn = h(
      'button',
      { type: 'button', class: 'btn', 'aria-pressed': String(this.drawing), 'data-testid': 'draw' },
      this.drawing ? t('plan.finish') : t('plan.draw'),
    );
    drawBtn.addEventListener('click', () => (this.drawing ? this.stopDrawing() : this.startDrawing()));
    const clearBtn = h('button', { type: 'button', class: 'btn' }, t('plan.clear'));
    clearBtn.addEventListener('click', () => {
      s.waypoints = [];
      this.report = undefined;
      this.changed(true);
    });
    const file = h('input', {
      type: 'file',
      id: 'plan-file',
      accept: '.geojson,.json,.plan,.kml,.kmz,.gpx',
      'data-testid': 'plan-file',
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void this.importFile(f);
    });
    const name = h('input', { type: 'text', id: 'plan-name', value: s.name });
    name.addEventListener('change', () => (s.name = name.value));
    const checkBtn = h(
      'button',
      { type: 'button', class: 'btn primary', disabled: this.busy, 'data-testid': 'check' },
      this.busy ? t('plan.checking') : t('plan.check'),
    );
    checkBtn.addEventListener('click', () => void this.check());
    const report = this.report && this.checkedPlan ? this.report : undefined;
    const checked = this.checkedPlan;
    const apply = report && checked && !this.stale && this.ctx.canApply() ? this.applyButton(checked) : null;
    this.updateProfile();
    replace(
      panel,
      h('h2', {}, t('plan.title')),
      h('p', { class: 'muted small' }, t('plan.intro')),
      h('div', { class: 'row' }, drawBtn, clearBtn),
      this.drawing ? h('p', { class: 'small', role: 'status' }, t('plan.drawing')) : null,
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'plan-file' }, `${t('plan.import')} (${t('plan.importHint')})`),
        file,
        this.problems?.at === 'file' ? problemBox(this.problems) : null,
      ),
      this.examples.element(() => this.render()),
      h('div', { class: 'field' }, h('label', { for: 'plan-name' }, t('plan.name')), name),
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
      h('div', { class: 'row' }, checkBtn),
      this.problems?.at === 'check' ? problemBox(this.problems) : null,
      report && checked
        ? reportView(report, {
            stale: this.stale,
            onShowFinding: (i) => this.showFinding(i),
            onExportJson: () => exportReportJson(checked, report),
            onExportHtml: () => exportReportHtml(checked, report, this.ctx.zones.all),
          })
        : null,
      apply,
    );
    this.flyHere.render();
    if (this.problems) showProblems(panel, this.problems, file);
  }

  private fail(at: 'file' | 'check', summary: string, issues: PlanIssue[]): void {
    this.problems = { at, summary, issues };
    this.render();
  }

  /** A signed-in applicant takes the checked plan into a new sandbox application, or to the Traffic view. */
  private applyButton(checked: FlightPlanInput): HTMLElement {
    const parsed = FlightPlan.safeParse(checked);
    const intent = this.toTraffic.button(checked, parsed.success ? parsed.data : undefined);
    return h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn primary',
          'data-testid': 'plan-apply',
          title: t('apps.applyFromCheckerHint'),
          disabled: !parsed.success,
          onclick: () => {
            if (parsed.success) this.ctx.applyWith(parsed.data);
          },
        },
        t('apps.applyFromChecker'),
      ),
      intent,
    );
  }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
