import type { AppContext, View } from '../app/context.js';
import { fetchRulebooks, type RulebookSummary, rulebookLabel } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { RouteLayer } from '../map/route.js';
import { zoneInfoFromZone } from '../map/zone-geometry.js';
import { ApiError } from '../net/api.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import { type DiffChange, fetchDiff, fetchRulebook, saveDraft } from '../workbench/api.js';
import { addRuleEditor, parametersEditor, rulesEditor } from '../workbench/editor.js';
import { type Corpus, fetchImpactPlan, type ImpactOutcome, type ImpactRow, runImpact } from '../workbench/impact.js';
import { diffView, impactView } from '../workbench/results.js';
import { buildDraft, changeCount, newWorkbench, type WorkbenchState } from '../workbench/state.js';
import { ZoneDrawer } from '../workbench/zones.js';

/**
 * Rule-draft workbench: start a draft from a rulebook, edit parameters and rules, draw temporary zones,
 * save, see the diff with citations, run an impact assessment and open changed plans on the map.
 */
export class WorkbenchView implements View {
  readonly id = 'workbench' as const;
  private s: WorkbenchState = newWorkbench();
  private rulebooks: RulebookSummary[] = [];
  private filter = '';
  private corpus: Corpus = 'stored';
  private error = '';
  private busy = '';
  private diff: DiffChange[] | undefined;
  private progress: { done: number; total: number } | undefined;
  private outcome: ImpactOutcome | undefined;
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
      this.rulebooks = await fetchRulebooks();
      if (!this.s.base && this.rulebooks.length) await this.setBase(this.rulebooks[this.rulebooks.length - 1].id);
    } catch (e) {
      this.error = e instanceof ApiError && e.code === 'network' ? t('common.serverDown') : String(e);
    }
    this.render();
  }

  private async setBase(id: string): Promise<void> {
    this.busy = t('common.loading');
    this.render();
    try {
      const fresh = newWorkbench();
      fresh.base = await fetchRulebook(id);
      fresh.title = `Draft over ${fresh.base.title}`;
      this.s = fresh;
      this.drawer.stop();
      this.drawer = new ZoneDrawer(this.ctx, this.preview, this.s, () => this.edited());
      this.diff = undefined;
      this.outcome = undefined;
      this.error = '';
    } catch (e) {
      this.error = String(e);
    }
    this.busy = '';
    this.render();
  }

  private edited(): void {
    this.s.dirty = true;
    this.diff = undefined;
    this.outcome = undefined;
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

  /** Save if needed, then show the diff against the base. */
  private async saveAndDiff(): Promise<boolean> {
    const base = this.s.base;
    if (!base) return false;
    this.busy = t('common.loading');
    this.error = '';
    this.render();
    try {
      if (this.s.dirty || !this.s.savedId) {
        this.s.savedId = await saveDraft(buildDraft(this.s), this.s.savedId);
        this.s.dirty = false;
        toast(t('wb.saved'));
      }
      this.diff = await fetchDiff(base.id, this.s.savedId);
      return true;
    } catch (e) {
      this.error = this.describe(e);
      return false;
    } finally {
      this.busy = '';
      this.render();
    }
  }

  private async impact(): Promise<void> {
    if (!(await this.saveAndDiff()) || !this.s.savedId) return;
    this.progress = { done: 0, total: 0 };
    this.outcome = undefined;
    this.render();
    try {
      this.outcome = await runImpact(this.ctx.conn, this.s.savedId, this.corpus, (done, total) => {
        this.progress = { done, total };
        this.renderProgress();
      });
    } catch (e) {
      this.error = this.describe(e);
    }
    this.progress = undefined;
    this.render();
  }

  private async openRow(outcome: ImpactOutcome, row: ImpactRow): Promise<void> {
    try {
      const plan = await fetchImpactPlan(outcome.corpus, row);
      this.ctx.openPlan(plan, this.s.savedId ? `draft:${this.s.savedId}` : undefined);
    } catch (e) {
      toast(`${row.planKey}: ${this.describe(e)}`, 'error');
    }
  }

  private renderProgress(): void {
    const bar = document.getElementById('wb-progress');
    const label = document.getElementById('wb-progress-label');
    const p = this.progress;
    if (!bar || !label || !p) return;
    bar.setAttribute('max', String(Math.max(p.total, 1)));
    bar.setAttribute('value', String(p.done));
    label.textContent = t('wb.running', { done: p.done, total: p.total || '…' });
  }

  private render(): void {
    keepFocus(() => this.draw());
  }

  private draw(): void {
    const panel = this.panel;
    if (!panel) return;
    const s = this.s;
    const outcome = this.outcome;
    const base = h(
      'select',
      { id: 'wb-base', 'data-testid': 'wb-base' },
      this.rulebooks.map((r) => h('option', { value: r.id, selected: s.base?.id === r.id }, rulebookLabel(r))),
    );
    base.addEventListener('change', () => void this.setBase(base.value));
    const title = h('input', { id: 'wb-title', type: 'text', value: s.title });
    title.addEventListener('change', () => {
      s.title = title.value;
      s.dirty = true;
    });
    const filter = h('input', { type: 'search', id: 'wb-filter', value: this.filter, 'aria-label': t('wb.rules') });
    filter.addEventListener('input', () => {
      this.filter = filter.value;
      const list = document.getElementById('wb-rules');
      if (list) list.replaceChildren(rulesEditor(s, this.filter, () => this.edited()));
    });
    const corpus = h(
      'select',
      { id: 'wb-corpus' },
      h('option', { value: 'stored', selected: this.corpus === 'stored' }, t('wb.corpusStored')),
      h('option', { value: 'examples', selected: this.corpus === 'examples' }, t('wb.corpusExamples')),
    );
    corpus.addEventListener('change', () => (this.corpus = corpus.value === 'examples' ? 'examples' : 'stored'));
    const diffBtn = h(
      'button',
      { type: 'button', class: 'btn', disabled: !!this.busy || changeCount(s) === 0, 'data-testid': 'wb-diff' },
      t('wb.save'),
    );
    diffBtn.addEventListener('click', () => void this.saveAndDiff());
    const impactBtn = h(
      'button',
      {
        type: 'button',
        class: 'btn primary',
        disabled: !!this.busy || !!this.progress || changeCount(s) === 0,
        'data-testid': 'wb-impact',
      },
      t('wb.runImpact'),
    );
    impactBtn.addEventListener('click', () => void this.impact());
    replace(
      panel,
      h('h2', {}, t('wb.title')),
      h('p', { class: 'muted small' }, t('wb.intro')),
      h('div', { class: 'field' }, h('label', { for: 'wb-base' }, t('wb.base')), base),
      h('div', { class: 'field' }, h('label', { for: 'wb-title' }, t('wb.draftTitle')), title),
      this.busy ? h('p', { role: 'status' }, this.busy) : null,
      s.base
        ? [
            h(
              'details',
              {},
              h('summary', {}, t('wb.parameters')),
              parametersEditor(s, () => this.edited()),
            ),
            h(
              'details',
              { open: true },
              h('summary', {}, t('wb.rules')),
              filter,
              h(
                'div',
                { id: 'wb-rules' },
                rulesEditor(s, this.filter, () => this.edited()),
              ),
              addRuleEditor(s, () => this.edited()),
            ),
            h('details', { open: s.zones.length > 0 }, h('summary', {}, t('wb.zones')), this.drawer.render()),
          ]
        : null,
      h('h3', {}, t('wb.changes', { n: changeCount(s) })),
      changeCount(s) === 0 ? h('p', { class: 'muted empty' }, t('wb.noChanges')) : null,
      h('div', { class: 'row' }, diffBtn),
      this.error ? h('div', { class: 'error-box', role: 'alert', 'data-testid': 'wb-error' }, this.error) : null,
      this.diff ? [h('h3', {}, t('wb.diff')), diffView(this.diff)] : null,
      h('h3', {}, t('wb.impact')),
      h('div', { class: 'row' }, h('label', { for: 'wb-corpus' }, t('wb.corpus')), corpus, impactBtn),
      this.progress
        ? [
            h('progress', { id: 'wb-progress', class: 'progress', max: 1, value: 0 }),
            h('p', { id: 'wb-progress-label', class: 'small', role: 'status' }),
          ]
        : null,
      outcome ? [h('h3', {}, t('wb.results')), impactView(outcome, (r) => void this.openRow(outcome, r))] : null,
    );
    this.renderProgress();
  }
}
