import type { AppContext, View } from '../app/context.js';
import { fetchRulebooks, type RulebookSummary, rulebookTitle } from '../app/lists.js';
import { localized, t } from '../i18n/index.js';
import { RouteLayer } from '../map/route.js';
import { zoneInfoFromZone } from '../map/zone-geometry.js';
import { ApiError } from '../net/api.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import * as api from '../workbench/api.js';
import { type BeforeAfter, beforeAfterView, judgeBoth } from '../workbench/before-after.js';
import { draftActions } from '../workbench/draft-actions.js';
import { DraftList } from '../workbench/drafts.js';
import { type Corpus, fetchImpactPlan, type ImpactOutcome, type ImpactRow, runImpact } from '../workbench/impact.js';
import { diffView } from '../workbench/results.js';
import { editorSections, impactSection, titleToSave } from '../workbench/sections.js';
import { buildDraft, fromDraft, newWorkbench, type WorkbenchState } from '../workbench/state.js';
import { ZoneDrawer } from '../workbench/zones.js';
import { changesRow, draftsSection, draftTitle } from './workbench-form.js';

interface Running {
  done: number;
  total: number;
  rows: readonly ImpactRow[];
}

/**
 * Rule-draft workbench: open a shipped or saved draft (or start one from a rulebook), edit its parameters and
 * rules, draw temporary zones, save, see the diff with citations, run an impact assessment and look at each
 * changed plan before and after.
 */
export class WorkbenchView implements View {
  readonly id = 'workbench' as const;
  private s: WorkbenchState = newWorkbench();
  private rulebooks: RulebookSummary[] = [];
  private drafts: api.DraftSummary[] = [];
  private readonly draftList = new DraftList(() => this.render());
  private filter = '';
  private corpus: Corpus = 'stored';
  private error = '';
  private busy = '';
  private diff: api.DiffChange[] | undefined;
  private running: Running | undefined;
  private outcome: ImpactOutcome | undefined;
  /** what the last impact run assessed: the saved draft's id and title */
  private assessed: { id: string; title: string } | undefined;
  private ba: BeforeAfter | undefined;
  private panel: HTMLElement | undefined;
  private readonly preview: RouteLayer;
  private drawer: ZoneDrawer;

  constructor(private readonly ctx: AppContext) {
    this.preview = new RouteLayer(ctx.map, 'wb-draw');
    this.preview.setVisible(false);
    this.drawer = new ZoneDrawer(ctx, this.preview, this.s, () => this.edited());
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    this.preview.setVisible(true);
    this.showZones();
    this.render();
    if (this.rulebooks.length === 0) void this.loadLists();
  }

  unmount(): void {
    this.drawer.stop();
    this.preview.setVisible(false);
    this.ctx.zones.setExtraZones([]);
    this.panel = undefined;
  }

  private async loadLists(): Promise<void> {
    try {
      [this.rulebooks, this.drafts] = await Promise.all([fetchRulebooks(), api.listDrafts()]);
      if (!this.s.base && this.rulebooks.length) await this.startNew(this.rulebooks[this.rulebooks.length - 1].id);
    } catch (e) {
      this.error = this.describe(e);
    }
    this.render();
  }

  private async reloadDrafts(): Promise<void> {
    this.drafts = await api.listDrafts();
    this.render();
  }

  /** Replace the editor's state (a new draft, or one opened from the list). */
  private adopt(next: WorkbenchState): void {
    this.s = next;
    this.drawer.stop();
    this.drawer = new ZoneDrawer(this.ctx, this.preview, this.s, () => this.edited());
    this.diff = undefined;
    this.outcome = undefined;
    this.ba = undefined;
    this.error = '';
    this.showZones();
  }

  private async withBusy(work: () => Promise<void>): Promise<void> {
    this.busy = t('common.loading');
    this.render();
    try {
      await work();
    } catch (e) {
      this.error = this.describe(e);
    }
    this.busy = '';
    this.render();
  }

  private startNew(baseId: string): Promise<void> {
    return this.withBusy(async () => {
      const fresh = newWorkbench();
      fresh.base = await api.fetchRulebook(baseId);
      fresh.title = t('wb.defaultTitle', { base: rulebookTitle(fresh.base) });
      this.adopt(fresh);
    });
  }

  private openDraft(d: api.DraftSummary): Promise<void> {
    return this.withBusy(async () => {
      const rec = await api.getDraft(d.id);
      const base = await api.fetchRulebook(rec.draft.base);
      this.adopt(fromDraft(rec.draft, base, rec.source));
      if (rec.source === 'builtin') toast(t('wb.shippedOpened'));
    });
  }

  private readonly draftActions = draftActions({
    withBusy: (work) => this.withBusy(work),
    current: () => this.s,
    open: (d) => void this.openDraft(d),
    reload: () => this.reloadDrafts(),
  });

  private edited(): void {
    this.s.dirty = true;
    this.diff = undefined;
    this.outcome = undefined;
    this.ba = undefined;
    this.showZones();
    this.render();
  }

  private showZones(): void {
    this.ctx.zones.setExtraZones(this.s.zones.map(zoneInfoFromZone));
  }

  private describe(e: unknown): string {
    if (e instanceof ApiError)
      return e.code === 'network' ? t('common.serverDown') : `${t('wb.invalidDraft')}\n${e.describe()}`;
    return e instanceof Error ? e.message : String(e);
  }

  /** Save if needed (into the same stored draft each time), then show the diff against the base. */
  private async saveAndDiff(): Promise<boolean> {
    const base = this.s.base;
    if (!base) return false;
    let ok = false;
    await this.withBusy(async () => {
      if (this.s.dirty || !this.s.savedId) {
        const created = !this.s.savedId;
        this.s.title = titleToSave(this.s);
        this.s.savedId = await api.saveDraft(buildDraft(this.s), this.s.savedId);
        this.s.dirty = false;
        toast(t(created ? 'wb.savedNew' : 'wb.savedAgain', { title: this.s.title }));
        await this.reloadDrafts();
      }
      this.diff = await api.fetchDiff(base.id, this.s.savedId);
      ok = true;
    });
    return ok;
  }

  private async impact(): Promise<void> {
    if (!(await this.saveAndDiff()) || !this.s.savedId) return;
    this.assessed = { id: this.s.savedId, title: this.s.title };
    this.running = { done: 0, total: 0, rows: [] };
    this.outcome = undefined;
    this.ba = undefined;
    this.render();
    try {
      this.outcome = await runImpact(this.ctx.conn, this.s.savedId, this.corpus, (done, total, rows) => {
        const grew = rows.length !== this.running?.rows.length;
        this.running = { done, total, rows };
        if (grew) this.render();
        else this.renderProgress();
      });
    } catch (e) {
      // the run was refused, not the draft (saved and diffed above): an empty corpus says what to do instead
      const empty = e instanceof ApiError && e.issues.some((i) => i.path.at(-1) === 'corpus');
      this.error = empty
        ? t(this.corpus === 'stored' ? 'wb.noStoredPlans' : 'wb.noPlansToAssess')
        : e instanceof ApiError && e.code !== 'network'
          ? `${t('wb.impactRefused')}\n${e.describe()}`
          : this.describe(e);
    }
    this.running = undefined;
    this.render();
  }

  private async beforeAfter(row: ImpactRow): Promise<void> {
    const base = this.s.base;
    const draft = this.assessed;
    const corpus = this.outcome?.corpus ?? this.corpus;
    if (!base || !draft) return;
    await this.withBusy(async () => {
      const plan = await fetchImpactPlan(corpus, row);
      this.ba = await judgeBoth(
        row,
        plan,
        { id: base.id, label: rulebookTitle(base) },
        { id: draft.id, label: draft.title },
      );
      this.preview.setRoute(plan.route.coordinates);
      const lons = plan.route.coordinates.map((c) => c[0]);
      const lats = plan.route.coordinates.map((c) => c[1]);
      this.ctx.map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
        padding: 60,
        maxZoom: 15,
        duration: 0,
      });
    });
    document.querySelector('[data-testid=wb-before-after]')?.scrollIntoView({ block: 'nearest' });
  }

  private ruleName = (id: string): string => {
    const r = this.s.base?.rules.find((x) => x.id === id) ?? this.s.addedRules.find((x) => x.id === id);
    return r ? localized(r.title) : id;
  };

  private renderProgress(): void {
    const bar = document.getElementById('wb-progress');
    const label = document.getElementById('wb-progress-label');
    const p = this.running;
    if (!bar || !label || !p) return;
    bar.setAttribute('max', String(Math.max(p.total, 1)));
    bar.setAttribute('value', String(p.done));
    label.textContent = p.total ? t('wb.running', { done: p.done, total: p.total }) : t('wb.queued');
  }

  private render(): void {
    keepFocus(() => this.draw());
  }

  private draw(): void {
    const panel = this.panel;
    if (!panel) return;
    const s = this.s;
    const idle = !this.busy && !this.running;
    const ba = this.ba;
    replace(
      panel,
      h('h2', {}, t('wb.title')),
      h('p', { class: 'muted small' }, t('wb.intro')),
      draftsSection(
        this.draftList.render(this.drafts, s.savedId, this.draftActions),
        this.rulebooks,
        s,
        (baseId) => void this.startNew(baseId),
      ),
      ...draftTitle(s, () => this.render()),
      this.busy ? h('p', { role: 'status' }, this.busy) : null,
      s.base
        ? editorSections(
            s,
            this.filter,
            this.drawer,
            (text) => (this.filter = text),
            () => this.edited(),
          )
        : null,
      ...changesRow(s, idle, () => void this.saveAndDiff()),
      this.error ? h('div', { class: 'error-box', role: 'alert', 'data-testid': 'wb-error' }, this.error) : null,
      this.diff ? [h('h3', {}, t('wb.diff')), diffView(this.diff)] : null,
      ...impactSection({
        s,
        corpus: this.corpus,
        idle,
        running: this.running,
        outcome: this.outcome,
        assessed: this.assessed,
        ruleName: this.ruleName,
        onCorpus: (c) => (this.corpus = c),
        onRun: () => void this.impact(),
        onOpenRow: (r) => void this.beforeAfter(r),
      }),
      ba
        ? beforeAfterView(ba, this.ctx.zones.all, {
            openInChecker: () => this.ctx.openPlan(ba.plan, this.assessed ? `draft:${this.assessed.id}` : undefined),
            close: () => {
              this.ba = undefined;
              this.preview.clear();
              this.render();
            },
          })
        : null,
    );
    this.renderProgress();
  }
}
