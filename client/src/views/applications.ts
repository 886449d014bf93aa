import type { ApplicationTimeline } from '@sua-sandbox/rules/api';
import type { ApplicationContentInput, FlightPlan, Report } from '@sua-sandbox/rules/model';
import { ApplicationTransitionEvent } from '@sua-sandbox/rules/protocol';
import type { Account } from '../app/account.js';
import { isRegulator } from '../app/account.js';
import type { AppContext, View } from '../app/context.js';
import { type ActionRequest, legalActions } from '../applications/actions.js';
import {
  type ApplicationDetail,
  applicationTimeline,
  createApplication,
  getApplication,
  listApplications,
  recheck,
  reviseApplication,
  transition,
} from '../applications/api.js';
import { ApprovalEditor } from '../applications/approval-editor.js';
import { applicationDetail } from '../applications/detail.js';
import { buildEnvelope } from '../applications/envelope.js';
import { applicationList } from '../applications/list.js';
import { type FormStart, newApplicationForm } from '../applications/new-form.js';
import { PlanOnMap } from '../applications/plan-on-map.js';
import { PermissionsRegister } from '../applications/register-panel.js';
import { t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import { KnownApplications } from './applications-known.js';

/**
 * Sandbox applications (issue 12): "My applications" for an applicant (create from a route file, submit,
 * re-check under the permission), the "Review queue" for regulators (review, approve with conditions, reject,
 * suspend, revoke). The selected application's plan is drawn on the map with its findings.
 */
export class ApplicationsView implements View {
  readonly id = 'applications' as const;
  private readonly known = new KnownApplications();
  private readonly register: PermissionsRegister;
  private readonly approval: ApprovalEditor;
  /** the comment being typed in the actions panel */
  private readonly typed = { comment: '' };
  private selected: ApplicationDetail | undefined;
  private timeline: ApplicationTimeline = { transitions: [], revisions: [], actors: {} };
  private recheckReport: Report | undefined;
  /** the open "new application" form, kept across renders so what was typed survives them */
  private form: HTMLElement | undefined;
  private busy = false;
  private error = '';
  private panel: HTMLElement | undefined;
  private readonly plan: PlanOnMap;

  constructor(
    private readonly ctx: AppContext,
    private readonly account: Account,
  ) {
    this.plan = new PlanOnMap(ctx.map);
    this.register = new PermissionsRegister(
      ctx,
      () => this.regulator,
      () => this.render(),
    );
    this.approval = new ApprovalEditor(ctx, () => this.render());
    // the server tells the applicant's organisation and the regulators about every move: follow them live
    ctx.conn.socket.on('application:transition', (payload) => {
      const event = ApplicationTransitionEvent.safeParse(payload);
      if (!event.success) return;
      const id = event.data.applicationId;
      if (this.panel) void this.followTransition(id);
      else {
        // not on screen: forget what we knew, so the next visit fetches it again
        this.known.forget(id);
      }
    });
    account.onChange(() => {
      this.known.clear();
      this.selected = undefined;
      if (this.panel) void this.refresh();
    });
  }

  private get regulator(): boolean {
    return isRegulator(this.account.user);
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    this.plan.setVisible(true);
    this.register.setVisible(true);
    this.approval.setVisible(true);
    this.render();
    void this.refresh();
  }

  /** From the plan checker: a new application prefilled with the checked plan. */
  startFrom(plan: FlightPlan): void {
    this.form = this.newForm({ kind: 'plan', plan });
    this.plan.show(plan, undefined);
    if (this.panel) this.render();
  }

  unmount(): void {
    this.plan.setVisible(false);
    this.register.setVisible(false);
    this.approval.setVisible(false);
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
      await this.fetchList();
      if (this.selected) await this.load(this.selected.application.id);
    });
  }

  /** The list with each application's verdicts, as the server summarises them (no detail per row). */
  private async fetchList(): Promise<void> {
    const [items] = await Promise.all([listApplications(), this.register.reload()]);
    this.known.setList(items);
  }

  private followTransition(id: string): Promise<void> {
    return this.guard(async () => {
      await this.fetchList();
      if (this.selected?.application.id === id) await this.load(id);
    });
  }

  private async load(id: string): Promise<void> {
    const [detail, timeline] = await Promise.all([getApplication(id), applicationTimeline(id)]);
    if (this.selected?.application.id !== id) {
      this.recheckReport = undefined;
      this.typed.comment = '';
    }
    this.selected = detail;
    this.timeline = timeline;
    this.known.remember(detail);
    this.plan.show(detail.revision.content.plans[0], this.recheckReport ?? detail.revision.reports[0]);
  }

  private act(req: ActionRequest): void {
    const detail = this.selected;
    if (!detail) return;
    const draft = this.approval.current;
    // a draft that cannot be approved: the reason is shown next to its field, focused
    if (req.action === 'approve' && draft && !this.approval.validate()) return;
    void this.guard(async () => {
      const envelope =
        req.action === 'approve' && draft
          ? buildEnvelope(detail.application.id, detail.revision.content, draft)
          : undefined;
      await transition(detail.application.id, req.action, {
        ...(req.comment ? { comment: req.comment } : {}),
        ...(envelope ? { envelope } : {}),
      });
      toast(t('apps.moved', { action: t(`apps.action.${req.action}`) }));
      this.typed.comment = '';
      await this.register.reload();
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
      this.plan.show(plan, this.recheckReport);
    });
  }

  private newForm(start: FormStart = { kind: 'new' }): HTMLElement {
    const revising = start.kind === 'revise' ? this.selected?.application.id : undefined;
    return newApplicationForm(
      {
        onImported: (plan) => this.plan.show(plan, undefined),
        onCancel: () => {
          this.form = undefined;
          this.render();
        },
        onCreate: (content) => (revising ? this.saveRevision(revising, content) : this.create(content)),
      },
      start,
    );
  }

  private async create(content: ApplicationContentInput): Promise<void> {
    const created = await createApplication(content);
    this.form = undefined;
    this.known.add(created.application);
    await this.guard(() => this.load(created.application.id));
  }

  private async saveRevision(id: string, content: ApplicationContentInput): Promise<void> {
    const revised = await reviseApplication(id, content);
    this.form = undefined;
    toast(t('apps.revised', { n: revised.application.revision }));
    await this.guard(() => this.load(id));
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
    const side = regulator ? 'regulator' : 'applicant';
    this.approval.sync(
      detail,
      detail !== undefined && legalActions(detail.application.state, side).includes('approve'),
    );
    this.register.update(this.known.list, detail ? this.known.permission(detail.application.id) : undefined);
    replace(
      panel,
      h('h2', {}, regulator ? t('apps.titleRegulator') : t('apps.titleApplicant')),
      user ? null : h('p', { class: 'muted' }, t('apps.signIn')),
      h('div', { class: 'row' }, newBtn),
      this.form,
      this.error ? h('div', { class: 'error-box', role: 'alert', 'data-testid': 'app-error' }, this.error) : null,
      this.busy ? h('p', { class: 'small muted', role: 'status' }, t('common.loading')) : null,
      this.register.render(),
      applicationList(
        this.known.list,
        this.known.verdicts,
        detail?.application.id,
        (id) => void this.guard(() => this.load(id)),
      ),
      detail
        ? applicationDetail(detail, {
            side,
            timeline: this.timeline,
            recheck: this.recheckReport,
            busy: this.busy,
            conditions: this.approval.panel(),
            typed: this.typed,
            onAction: (req) => this.act(req),
            onRevise: () => {
              this.form = this.newForm({ kind: 'revise', content: detail.revision.content });
              this.render();
              this.form.scrollIntoView({ block: 'nearest' });
            },
            onRecheck: () => this.runRecheck(),
            onShowFinding: (report, i) => this.plan.showFinding(report, i),
            onOpenPlan: (plan) => this.ctx.openPlan(plan),
          })
        : null,
    );
  }
}
