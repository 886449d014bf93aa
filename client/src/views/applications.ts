import type { PermissionVersion } from '@sua-sandbox/rules/api';
import type { Application, ApplicationTransition, FlightPlan, Report, Verdict } from '@sua-sandbox/rules/model';
import { ApplicationTransitionEvent } from '@sua-sandbox/rules/protocol';
import type { Account } from '../app/account.js';
import { isRegulator } from '../app/account.js';
import type { AppContext, View } from '../app/context.js';
import type { ActionRequest } from '../applications/actions.js';
import {
  type ApplicationDetail,
  applicationTimeline,
  createApplication,
  getApplication,
  listApplications,
  recheck,
  transition,
} from '../applications/api.js';
import { applicationDetail } from '../applications/detail.js';
import { buildEnvelope } from '../applications/envelope.js';
import { applicationList } from '../applications/list.js';
import { newApplicationForm } from '../applications/new-form.js';
import { PermissionLayer, validAt } from '../applications/permission-layer.js';
import { nowLocal, type RegisterState, registerControls, registerTimeMs } from '../applications/register.js';
import { t } from '../i18n/index.js';
import { RouteLayer } from '../map/route.js';
import { ApiError } from '../net/api.js';
import { FindingPins, legStatuses } from '../plan/report-view.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';

/**
 * Sandbox applications (issue 12): "My applications" for an applicant (create from a route file, submit,
 * re-check under the permission), the "Review queue" for regulators (review, approve with conditions, reject,
 * suspend, revoke). The selected application's plan is drawn on the map with its findings.
 */
export class ApplicationsView implements View {
  readonly id = 'applications' as const;
  private apps: Application[] = [];
  private readonly verdicts = new Map<string, Verdict[]>();
  /** each application's latest permission version, for the register */
  private readonly permissions = new Map<string, PermissionVersion>();
  private readonly register: RegisterState = { shown: true, local: nowLocal() };
  private readonly envelopes: PermissionLayer;
  private selected: ApplicationDetail | undefined;
  private transitions: ApplicationTransition[] = [];
  private recheckReport: Report | undefined;
  /** the open "new application" form, kept across renders so what was typed survives them */
  private form: HTMLElement | undefined;
  private busy = false;
  private error = '';
  private panel: HTMLElement | undefined;
  private readonly route: RouteLayer;
  private readonly pins: FindingPins;

  constructor(
    private readonly ctx: AppContext,
    private readonly account: Account,
  ) {
    this.route = new RouteLayer(ctx.map, 'app');
    this.pins = new FindingPins(ctx.map);
    this.envelopes = new PermissionLayer(ctx.map);
    this.route.setVisible(false);
    this.envelopes.setVisible(false);
    // the server tells the applicant's organisation and the regulators about every move: follow them live
    ctx.conn.socket.on('application:transition', (payload) => {
      const event = ApplicationTransitionEvent.safeParse(payload);
      if (!event.success) return;
      const id = event.data.applicationId;
      if (this.panel) void this.followTransition(id);
      else {
        // not on screen: forget what we knew, so the next visit fetches it again
        this.verdicts.delete(id);
        this.permissions.delete(id);
      }
    });
    account.onChange(() => {
      this.apps = [];
      this.selected = undefined;
      this.verdicts.clear();
      this.permissions.clear();
      if (this.panel) void this.refresh();
    });
  }

  private get regulator(): boolean {
    return isRegulator(this.account.user);
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    this.route.setVisible(true);
    this.envelopes.setVisible(true);
    this.render();
    void this.refresh();
  }

  unmount(): void {
    this.route.setVisible(false);
    this.envelopes.setVisible(false);
    this.pins.clear();
    this.panel = undefined;
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.render();
    try {
      await work();
    } catch (e) {
      this.error = e instanceof ApiError ? e.describe() : String(e);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private refresh(): Promise<void> {
    return this.guard(async () => {
      if (!this.account.user) return;
      this.apps = await listApplications();
      if (this.selected) await this.load(this.selected.application.id);
      // the verdict summary needs each application's latest revision
      await Promise.all(
        this.apps
          .filter((a) => !this.verdicts.has(a.id))
          .slice(0, 50)
          .map(async (a) => {
            this.remember(await getApplication(a.id));
          }),
      );
    });
  }

  private followTransition(id: string): Promise<void> {
    return this.guard(async () => {
      this.apps = await listApplications();
      if (this.selected?.application.id === id) await this.load(id);
      else this.remember(await getApplication(id));
    });
  }

  private async load(id: string): Promise<void> {
    const [detail, timeline] = await Promise.all([getApplication(id), applicationTimeline(id)]);
    if (this.selected?.application.id !== id) this.recheckReport = undefined;
    this.selected = detail;
    this.transitions = timeline.transitions;
    this.remember(detail);
    const i = this.apps.findIndex((a) => a.id === id);
    if (i >= 0) this.apps[i] = detail.application;
    this.showPlan(detail.revision.content.plans[0], this.recheckReport ?? detail.revision.reports[0]);
  }

  private remember(detail: ApplicationDetail): void {
    const id = detail.application.id;
    this.verdicts.set(
      id,
      detail.revision.checks.map((c) => c.verdict),
    );
    const latest = detail.permission.at(-1);
    if (latest) this.permissions.set(id, latest);
    else this.permissions.delete(id);
  }

  /** The register (active at its time) and the selected application's envelope, on the map. */
  private activeAt(): PermissionVersion[] {
    const tMs = registerTimeMs(this.register);
    return [...this.permissions.values()].filter((v) => v.status === 'active' && validAt(v, tMs));
  }

  private drawEnvelopes(): void {
    const selected = this.selected ? this.permissions.get(this.selected.application.id) : undefined;
    this.envelopes.set(this.register.shown ? this.activeAt() : [], selected);
  }

  private showPlan(plan: FlightPlan | undefined, report: Report | undefined): void {
    const coords = plan?.route.coordinates ?? [];
    this.route.setRoute(coords, legStatuses(report, Math.max(0, coords.length - 1)));
    this.pins.set(report?.findings ?? [], (i) => this.showFinding(report, i));
    if (coords.length === 0) return;
    const lons = coords.map((c) => c[0]);
    const lats = coords.map((c) => c[1]);
    this.ctx.map.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: 80, maxZoom: 15, duration: 0 },
    );
  }

  private showFinding(report: Report | undefined, i: number): void {
    const f = report?.findings[i];
    if (!f?.where) return;
    this.route.highlightLeg(f.where.leg);
    this.ctx.map.flyTo({
      center: [f.where.position[0], f.where.position[1]],
      zoom: Math.max(this.ctx.map.getZoom(), 14),
    });
  }

  private act(req: ActionRequest): void {
    const detail = this.selected;
    if (!detail) return;
    void this.guard(async () => {
      const envelope =
        req.action === 'approve' && req.conditions
          ? buildEnvelope(detail.application.id, detail.revision.content, req.conditions)
          : undefined;
      await transition(detail.application.id, req.action, {
        ...(req.comment ? { comment: req.comment } : {}),
        ...(envelope ? { envelope } : {}),
      });
      toast(t('apps.moved', { action: t(`apps.action.${req.action}`) }));
      await this.load(detail.application.id);
    });
  }

  private runRecheck(): void {
    const detail = this.selected;
    const plan = detail?.revision.content.plans[0];
    const permissionId = detail?.application.permissionId;
    if (!detail || !plan || !permissionId) return;
    void this.guard(async () => {
      this.recheckReport = await recheck(plan, permissionId);
      this.showPlan(plan, this.recheckReport);
    });
  }

  private newForm(): HTMLElement {
    return newApplicationForm({
      onImported: (plan) => this.showPlan(plan, undefined),
      onCancel: () => {
        this.form = undefined;
        this.render();
      },
      onCreate: async (content) => {
        const created = await createApplication(content);
        this.form = undefined;
        this.apps = [created.application, ...this.apps];
        await this.guard(() => this.load(created.application.id));
      },
    });
  }

  private render(): void {
    keepFocus(() => this.draw());
  }

  private draw(): void {
    const panel = this.panel;
    if (!panel) return;
    const user = this.account.user;
    const regulator = this.regulator;
    const canCreate = user?.role === 'applicant';
    const newBtn = canCreate
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn primary',
            'data-testid': 'app-new',
            onclick: () => {
              this.form ??= this.newForm();
              this.render();
            },
          },
          t('apps.new'),
        )
      : null;
    const detail = this.selected;
    this.drawEnvelopes();
    replace(
      panel,
      h('h2', {}, regulator ? t('apps.titleRegulator') : t('apps.titleApplicant')),
      user ? null : h('p', { class: 'muted' }, t('apps.signIn')),
      h('div', { class: 'row' }, newBtn),
      this.form,
      this.error ? h('div', { class: 'error-box', role: 'alert', 'data-testid': 'app-error' }, this.error) : null,
      this.busy ? h('p', { class: 'small muted', role: 'status' }, t('common.loading')) : null,
      registerControls(this.register, this.activeAt().length, () => this.render()),
      applicationList(this.apps, this.verdicts, detail?.application.id, (id) => void this.guard(() => this.load(id))),
      detail
        ? applicationDetail(detail, {
            side: regulator ? 'regulator' : 'applicant',
            transitions: this.transitions,
            recheck: this.recheckReport,
            busy: this.busy,
            onAction: (req) => this.act(req),
            onRecheck: () => this.runRecheck(),
            onShowFinding: (report, i) => this.showFinding(report, i),
            onOpenPlan: (plan) => this.ctx.openPlan(plan),
          })
        : null,
    );
  }
}
