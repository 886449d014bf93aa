import type { OperationalIntent, Volume4D } from '@sua-sandbox/rules/traffic';
import { LngLatBounds } from 'maplibre-gl';
import type { Account } from '../app/account.js';
import type { AppContext, View } from '../app/context.js';
import { t } from '../i18n/index.js';
import { ApiError } from '../net/api.js';
import { fetchIntents, fetchNetwork, MAX_DRAWN_INTENTS, type TrafficNetwork } from '../traffic/api.js';
import { planIdFromHash } from '../traffic/from-plan.js';
import { conflictsAmong, type DrawnConflict, footprint } from '../traffic/intent-geometry.js';
import { TrafficLabels } from '../traffic/labels.js';
import { TrafficMapLayers } from '../traffic/layers.js';
import { drawProposal, drawTraffic, type Proposal } from '../traffic/map-data.js';
import { networkGeoJson } from '../traffic/network-geometry.js';
import { conflictList, intentList, networkList, stateLegend } from '../traffic/panel-sections.js';
import { SubmitPanel } from '../traffic/submit-panel.js';
import { DAY_MS, dateInputValue, dayStartOf, hktDayStart, hktMinute } from '../traffic/time.js';
import { h, keepFocus, replace } from '../ui/dom.js';
import { toast } from '../ui/toast.js';

const OPERATOR_ROLES = ['applicant', 'regulator', 'admin'];

/**
 * Sandbox X traffic (issue 16): the designated air routes and vertiports, the operational intents reserved on a
 * day (their 4-D volumes' footprints at the slider's time, coloured by state, named by operator), the conflicts
 * between them, and an operator's own submission, whose refusal names the other operators and offers the
 * earliest start shift. What others' intents show is what the server's access policy returns.
 */
export class TrafficView implements View {
  readonly id = 'traffic' as const;
  private readonly layers: TrafficMapLayers;
  private readonly labels: TrafficLabels;
  private readonly submit: SubmitPanel;
  private network: TrafficNetwork | undefined;
  private intents: OperationalIntent[] = [];
  private conflicts: DrawnConflict[] = [];
  private more = false;
  private dayStart = hktDayStart(Date.now());
  private minute = Math.floor((Date.now() - hktDayStart(Date.now())) / 60_000);
  private error = '';
  private panel: HTMLElement | undefined;
  /** the latest refresh: an older one's answer arriving later is dropped */
  private refreshing = 0;
  private framed = false;
  /** what the map shows at the slider's time, for the status line */
  private reserved = { volumes: 0, intents: 0 };
  /** the refused submission on the map, until the next outcome */
  private proposal: Proposal | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly account: Account,
  ) {
    this.layers = new TrafficMapLayers(ctx.map);
    this.labels = new TrafficLabels(ctx.map);
    this.setVisible(false);
    this.submit = new SubmitPanel({
      rerender: () => this.render(),
      onOutcome: (out, plan, pending) => {
        if (out.accepted) {
          this.proposal = undefined;
          const ref = out.reply.operational_intent_reference;
          this.showAt(Date.parse(ref.time_start.value), out.reply.operational_intent.details.volumes);
        } else {
          this.proposal = { refusal: out.refusal, plan, operator: pending.operator, origin: this.origin };
          const first = out.refusal.conflicts[0];
          const around = out.refusal.conflicts.flatMap((c) => c.intersecting_volumes);
          if (first) this.showAt(Date.parse(first.overlap.time_start.value), around);
        }
      },
    });
    // a neighbour turned contingent: its state (and maybe ours) changed
    ctx.conn.socket.on('intent:contingent', () => {
      if (!this.panel) return; // mounting reloads the day anyway
      toast(t('traffic.contingent'));
      void this.refresh();
    });
    account.onChange(() => {
      this.submit.reset();
      this.intents = [];
      this.conflicts = [];
      this.proposal = undefined;
      this.drawMap();
      if (this.panel) void this.refresh();
    });
  }

  private get operator(): boolean {
    return OPERATOR_ROLES.includes(this.account.user?.role ?? '');
  }

  private get origin() {
    return this.network?.plane ?? { originLon: 114.1743, originLat: 22.302 };
  }

  private get timeMs(): number {
    return this.dayStart + this.minute * 60_000;
  }

  mount(panel: HTMLElement): void {
    this.panel = panel;
    this.setVisible(true);
    // #traffic?plan=<id>: the plan checker sent a stored plan to submit
    const chosen = planIdFromHash(location.hash);
    if (chosen) {
      this.submit.choose(chosen);
      toast(t('traffic.fromPlanChosen', { id: chosen }));
      // taken once: a reload or a later visit does not choose it again
      history.replaceState(null, '', '#traffic');
    }
    this.render();
    this.drawMap();
    // other operators may have submitted since: the day is always read again
    void this.refresh();
  }

  unmount(): void {
    // the panel is shared with the other views: a refresh still in flight must not leave it marked busy
    this.panel?.removeAttribute('aria-busy');
    this.panel = undefined;
    this.setVisible(false);
  }

  private setVisible(on: boolean): void {
    this.layers.setVisible(on);
    this.labels.setVisible(on);
  }

  async refresh(): Promise<void> {
    const run = ++this.refreshing;
    this.error = '';
    // the panel is re-rendered when the day (and the operator's plans) arrive: say so to assistive tech and tests
    this.panel?.setAttribute('aria-busy', 'true');
    let plans: Promise<void> | undefined;
    try {
      if (!this.network) {
        this.network = await fetchNetwork();
        this.layers.set('network', networkGeoJson(this.network.network, this.network.plane));
        if (!this.framed) this.frame(this.network.network.vertiports.map((v) => [v.pad.center[0], v.pad.center[1]]));
      }
      if (this.operator) {
        const got = await fetchIntents(this.dayStart, this.dayStart + DAY_MS);
        if (run !== this.refreshing) return;
        this.intents = got.intents;
        this.more = got.more;
        this.conflicts = conflictsAmong(this.origin, this.intents);
        // the operator's stored plans may have changed in another view (or tab) since; they re-render the panel
        plans = this.submit.loadPlans();
      } else {
        this.intents = [];
        this.conflicts = [];
      }
    } catch (e) {
      if (run !== this.refreshing) return;
      this.error =
        e instanceof ApiError && e.code === 'network'
          ? t('common.serverDown')
          : String(e instanceof Error ? e.message : e);
    }
    this.drawMap();
    this.render();
    await plans;
    if (run === this.refreshing) this.panel?.setAttribute('aria-busy', 'false');
  }

  /** Move the slider (and the day) to `ms`; frame the intent's volumes if one is given. */
  private showAt(ms: number, around: readonly Volume4D[] = []): void {
    const day = hktDayStart(ms);
    this.minute = Math.floor((ms - day) / 60_000);
    this.frame(around.flatMap((v) => footprint(this.origin, v.volume)));
    this.dayStart = day;
    void this.refresh();
  }

  private frame(points: [number, number][]): void {
    if (points.length === 0) return;
    this.framed = true;
    const b = points.reduce((acc, p) => acc.extend(p), new LngLatBounds(points[0], points[0]));
    this.ctx.map.fitBounds(b, { padding: 60, maxZoom: 14, duration: 0 });
  }

  private drawMap(): void {
    if (!this.network) return;
    const drawn = drawTraffic(this.layers, {
      network: this.network,
      intents: this.intents,
      conflicts: this.conflicts,
      timeMs: this.timeMs,
      origin: this.origin,
    });
    // labels are built here, in the current language, every time
    this.labels.set([...drawn.labels, ...drawProposal(this.layers, this.proposal)]);
    this.reserved = drawn.reserved;
    const status = document.getElementById('traffic-reserved');
    if (status) status.textContent = this.reservedText();
  }

  private reservedText(): string {
    const { volumes, intents } = this.reserved;
    return t('traffic.reservedAt', {
      volumes: volumes === 1 ? t('traffic.volumesOne') : t('traffic.volumes', { n: volumes }),
      intents: intents === 1 ? t('traffic.intentsOne') : t('traffic.intentsCount', { n: intents }),
      time: hktMinute(this.timeMs),
    });
  }

  private timeControls(): HTMLElement {
    const date = h('input', {
      id: 'traffic-date',
      type: 'date',
      value: dateInputValue(this.dayStart),
      onchange: (e: Event) => {
        const start = dayStartOf((e.target as HTMLInputElement).value);
        if (start === undefined) return;
        this.dayStart = start;
        void this.refresh();
      },
    });
    const slider = h('input', {
      id: 'traffic-time',
      type: 'range',
      min: 0,
      max: 1439,
      step: 1,
      value: this.minute,
      'aria-valuetext': hktMinute(this.timeMs),
      'data-testid': 'traffic-time',
      oninput: (e: Event) => {
        const el = e.target as HTMLInputElement;
        this.minute = Number(el.value);
        el.setAttribute('aria-valuetext', hktMinute(this.timeMs));
        this.drawMap();
      },
    });
    return h(
      'section',
      { 'aria-labelledby': 'traffic-time-h' },
      h('h3', { id: 'traffic-time-h' }, t('traffic.time')),
      h('div', { class: 'field' }, h('label', { for: 'traffic-date' }, t('traffic.date')), date),
      h('div', { class: 'field' }, h('label', { for: 'traffic-time' }, t('traffic.timeOfDay')), slider),
      h('p', { id: 'traffic-reserved', role: 'status', 'data-testid': 'traffic-reserved' }, this.reservedText()),
    );
  }

  private render(): void {
    const panel = this.panel;
    if (!panel) return;
    const showAt = (ms: number, ...intents: OperationalIntent[]) =>
      this.showAt(
        ms,
        intents.flatMap((i) => i.details.volumes),
      );
    keepFocus(() =>
      replace(
        panel,
        h('h2', {}, t('traffic.title')),
        h('p', { class: 'muted' }, t('traffic.intro')),
        this.error ? h('p', { class: 'error', role: 'alert' }, this.error) : null,
        stateLegend(),
        this.timeControls(),
        this.operator
          ? [
              h('h3', {}, t('traffic.intents')),
              this.more ? h('p', { class: 'muted' }, t('traffic.more', { n: MAX_DRAWN_INTENTS })) : null,
              intentList(this.intents, showAt),
              h('h3', {}, t('traffic.conflicts')),
              conflictList(this.conflicts, (ms, ids) =>
                showAt(ms, ...this.intents.filter((i) => ids.includes(i.reference.id))),
              ),
              this.submit.render(this.network),
            ]
          : h('p', { 'data-testid': 'traffic-sign-in' }, t('traffic.signIn')),
        h('h3', {}, t('traffic.network')),
        this.network ? networkList(this.network) : h('p', { class: 'muted' }, t('common.loading')),
      ),
    );
  }
}
