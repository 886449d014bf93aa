import type { ControlAction } from '@sua-sandbox/rules/protocol';
import { fetchZones } from '../app/catalogue.js';
import type { AppContext, View } from '../app/context.js';
import { exposeHooks } from '../app/hooks.js';
import {
  fetchRulebooks,
  fetchScenarios,
  type RulebookSummary,
  rulebookLabel,
  type ScenarioSummary,
} from '../app/lists.js';
import { latestFindings } from '../compare/latest.js';
import { compareLegend } from '../compare/legend.js';
import { ComparePane } from '../compare/pane.js';
import { localized, type MessageKey, t } from '../i18n/index.js';
import { sessionBounds } from '../live/binding.js';
import { createMap } from '../map/create.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { SessionMirror } from '../net/session.js';
import { ClockControls } from '../ui/clock.js';
import { byId, h, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import { fetchRulebook } from '../workbench/api.js';
import { type CompareChoice, choiceFields, pendingChoiceNote, startRow } from './compare-form.js';
import { countsTable } from './compare-table.js';

/**
 * Compare: the same scenario in two sessions judged by two rulebooks, on two maps whose cameras move
 * together, with findings counted side by side (total and per rule). Time controls drive both sessions.
 */
export class CompareView implements View {
  readonly id = 'compare' as const;
  private panes: [ComparePane, ComparePane] | undefined;
  private scenarios: ScenarioSummary[] = [];
  private rulebooks: RulebookSummary[] = [];
  private choice: CompareChoice = { scenarioId: '', a: '', b: '' };
  private panel: HTMLElement | undefined;
  private starting = false;
  /** the scenario and rulebooks of the sessions on screen */
  private running: CompareChoice | undefined;
  private readonly clock = new ClockControls({ control: (a) => this.controlBoth(a) });
  private readonly table = h('div', { class: 'cmp-table', 'data-testid': 'cmp-table' });
  private readonly latest = h('div', { class: 'cmp-latest' });
  private zones: ZoneInfo[] = [];
  /** rule titles of the two rulebooks compared, by rule id */
  private ruleNames = new Map<string, string>();
  private redrawQueued = false;

  constructor(private readonly ctx: AppContext) {}

  private async controlBoth(action: ControlAction): Promise<unknown> {
    const panes = this.panes;
    if (!panes?.[0].mirror || !panes[1].mirror) throw new Error(t('cmp.notStarted'));
    return Promise.all(panes.map((p) => p.mirror?.control(action)));
  }

  private ensureMaps(): [ComparePane, ComparePane] {
    if (this.panes) return this.panes;
    const a = createMap({ container: byId('map-a') });
    const b = createMap({ container: byId('map-b'), controls: false });
    let syncing = false;
    const follow = (from: typeof a, to: typeof a) =>
      from.on('move', () => {
        if (syncing) return;
        syncing = true;
        to.jumpTo({
          center: from.getCenter(),
          zoom: from.getZoom(),
          bearing: from.getBearing(),
          pitch: from.getPitch(),
        });
        syncing = false;
      });
    follow(a, b);
    follow(b, a);
    exposeHooks({ compareMaps: [a, b] });
    this.panes = [new ComparePane(a, byId('compare-head-a'), 'a'), new ComparePane(b, byId('compare-head-b'), 'b')];
    return this.panes;
  }

  private async loadLists(): Promise<void> {
    [this.scenarios, this.rulebooks] = await Promise.all([fetchScenarios(), fetchRulebooks()]);
    const c = this.choice;
    if (!c.scenarioId) c.scenarioId = (this.scenarios.find((s) => /cross/.test(s.id)) ?? this.scenarios[0])?.id ?? '';
    const sorted = [...this.rulebooks].sort((x, y) => (x.commencement ?? '').localeCompare(y.commencement ?? ''));
    if (!c.a) c.a = sorted[0]?.id ?? '';
    if (!c.b) c.b = sorted[sorted.length - 1]?.id ?? '';
  }

  private async start(): Promise<void> {
    const { scenarioId, a, b } = this.choice;
    if (!scenarioId || !a || !b) return;
    this.starting = true;
    this.render();
    try {
      const panes = this.ensureMaps();
      await this.showZones();
      void this.loadRuleNames(a, b);
      for (const p of panes) {
        const old = p.mirror;
        p.detach();
        if (old)
          void old
            .control({ action: 'pause' })
            .catch(() => undefined)
            .then(() => old.leave());
      }
      const mirrors = await Promise.all(
        [a, b].map((rulebookId) =>
          SessionMirror.create(this.ctx.conn, { scenarioId, rulebook: { rulebookId }, autoplay: false }),
        ),
      );
      this.running = { scenarioId, a, b };
      panes.forEach((p, i) => {
        const m = mirrors[i];
        m.listen({ tick: () => this.queueRedraw(), info: () => this.queueRedraw() });
        p.attach(m, () => this.queueRedraw());
      });
      let fitted = false;
      mirrors[0].listen({
        snapshot: () => {
          const bounds = sessionBounds(mirrors[0]);
          if (fitted || !bounds) return;
          fitted = true;
          panes[0].map.fitBounds(bounds, { padding: 50, maxZoom: 14, duration: 0 });
        },
      });
      await Promise.all(mirrors.map((m) => m.join()));
      await this.controlBoth({ action: 'play' });
    } catch (e) {
      toast(t('live.controlFailed', { message: e instanceof Error ? e.message : String(e) }), 'error');
    } finally {
      this.starting = false;
      this.render();
    }
  }

  /** The zones on both maps, before any session starts (as on the live map). */
  private async showZones(): Promise<void> {
    const panes = this.ensureMaps();
    if (this.zones.length === 0) this.zones = await fetchZones();
    await Promise.all(panes.map((p) => p.ready(this.zones)));
  }

  private async loadRuleNames(a: string, b: string): Promise<void> {
    const books = await Promise.all([a, b].map((id) => fetchRulebook(id).catch(() => undefined)));
    for (const book of books) for (const r of book?.rules ?? []) this.ruleNames.set(r.id, localized(r.title));
    this.queueRedraw();
  }

  /** A rule's title from the rulebooks compared; the sandbox monitor's own rules (sim.*) from the catalogue. */
  private ruleName(id: string): string {
    const own = this.ruleNames.get(id);
    if (own) return own;
    const key = `rule.${id}` as MessageKey;
    const text = t(key);
    return text === key ? id : text;
  }

  private queueRedraw(): void {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      this.redraw();
    });
  }

  private redraw(): void {
    const panes = this.panes;
    if (!panes) return;
    for (const p of panes) p.renderHead();
    if (panes[0].mirror) replace(this.latest, ...latestFindings(panes));
    this.clock.update(panes[0].mirror?.clock, true);
    const [pa, pb] = panes;
    replace(
      this.table,
      countsTable(pa, pb, (id) => this.ruleName(id)),
    );
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    const panes = this.ensureMaps();
    for (const p of panes) p.map.resize();
    this.render();
    void this.showZones().then(
      () => this.render(),
      () => undefined,
    );
    void this.loadLists().then(
      () => this.render(),
      () => undefined,
    );
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    const c = this.choice;
    const chosen = (id: string) => {
      const r = this.rulebooks.find((x) => x.id === id);
      return r ? rulebookLabel(r) : '';
    };
    if (this.panes) {
      this.panes[0].chosen = chosen(c.a);
      this.panes[1].chosen = chosen(c.b);
    }
    replace(
      panel,
      h('h2', {}, t('cmp.title')),
      h('p', { class: 'muted small' }, t('cmp.intro')),
      ...choiceFields(c, this.scenarios, this.rulebooks, () => this.render()),
      startRow(this.starting, () => void this.start()),
      pendingChoiceNote(this.running, c, this.scenarios),
      this.clock.el,
      this.panes?.[0].mirror ? [this.table, this.latest] : h('p', { class: 'muted empty' }, t('cmp.notStarted')),
      compareLegend(this.zones),
    );
    this.redraw();
  }

  unmount(): void {
    this.panel = undefined;
    for (const p of this.panes ?? []) void p.mirror?.control({ action: 'pause' }).catch(() => undefined);
  }
}
