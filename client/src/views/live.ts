import type { ControlAction, LiveFinding, SessionInfo } from '@sua-sandbox/rules/protocol';
import type { Account } from '../app/account.js';
import type { AppContext, View } from '../app/context.js';
import { exposeHooks } from '../app/hooks.js';
import { t } from '../i18n/index.js';
import { sessionFromHash, showSessionInAddress } from '../live/address.js';
import { MapBinding, sessionBounds } from '../live/binding.js';
import { Counters } from '../live/counters.js';
import { ScenarioEnd } from '../live/end.js';
import { FindingsFeed } from '../live/feed.js';
import { OwnershipBar } from '../live/ownership.js';
import { SelectedAircraft } from '../live/selected.js';
import { aircraftName } from '../live/words.js';
import { AircraftLayer } from '../map/aircraft.js';
import { type LabelItem, LabelOverlay } from '../map/labels.js';
import { RouteLayer } from '../map/route.js';
import { SessionMirror } from '../net/session.js';
import { AckFailure } from '../net/socket.js';
import { ClockControls } from '../ui/clock.js';
import { h } from '../ui/dom.js';
import { toast } from '../ui/toast.js';
import { LivePickers } from './live-pickers.js';

/**
 * Live view: the server's default session (or a scenario the user starts), drawn on the main map with a
 * findings feed, counters, time controls, scenario and rulebook pickers.
 */
export class LiveView implements View {
  readonly id = 'live' as const;
  private readonly layer: AircraftLayer;
  private readonly route: RouteLayer;
  private readonly labels: LabelOverlay;
  private mirror: SessionMirror | undefined;
  private binding: MapBinding | undefined;
  private offMirror: (() => void) | undefined;
  private mounted = false;
  private fitted = false;
  private readonly feed: FindingsFeed;
  private readonly counters = new Counters();
  private readonly clock: ClockControls;
  private readonly selected: SelectedAircraft;
  private readonly ownership = new OwnershipBar(
    async () => {
      if (this.mirror && !this.mirror.owned)
        await this.fork(this.mirror).catch((e: Error) =>
          toast(t('live.controlFailed', { message: e.message }), 'error'),
        );
    },
    () => this.account?.user?.role,
  );
  private readonly end = new ScenarioEnd(() => void this.controlOrFork({ action: 'play' }).catch(() => undefined));
  private readonly pickers = new LivePickers(
    {
      onScenario: (scenarioId) => void this.startScenario(scenarioId),
      onRulebook: (rulebookId) => {
        if (!this.mirror) return;
        void this.controlOrFork({ action: 'set-rulebook', rulebook: { rulebookId } }).catch((e: Error) =>
          toast(t('live.controlFailed', { message: e.message }), 'error'),
        );
      },
    },
    () => this.mirror?.info,
  );
  private readonly status = h('p', { class: 'muted', role: 'status' });

  constructor(
    private readonly ctx: AppContext,
    private readonly account?: Account,
  ) {
    this.route = new RouteLayer(ctx.map, 'live-route');
    this.layer = new AircraftLayer(ctx.map, 'ac');
    exposeHooks({ liveAircraft: this.layer });
    this.labels = new LabelOverlay(ctx.map, () => this.labelItems());
    account?.onChange(() => this.ownership.update(this.mirror));
    this.feed = new FindingsFeed(
      (id) => this.labelOf(id),
      (f) => this.showFinding(f),
      () => this.mirror?.counts,
    );
    this.clock = new ClockControls({ control: (a) => this.controlOrFork(a) });
    this.selected = new SelectedAircraft(() => this.select(undefined));
    this.setLayersVisible(false);
    // a private copy named in the address (#live?session=…): a reload or a shared link comes back to it
    const wanted = sessionFromHash(location.hash);
    ctx.conn.onConnected((hello) => {
      if (!this.mirror && wanted) void this.use(new SessionMirror(ctx.conn, wanted), { orDefault: true });
      else if (!this.mirror && hello?.defaultSessionId)
        void this.use(new SessionMirror(ctx.conn, hello.defaultSessionId));
      else if (this.mirror) this.setStatus('');
      else if (!this.mirror) this.setStatus(t('live.noSession'));
    });
    ctx.conn.onState((state) => {
      if (this.mirror) return;
      if (state === 'offline' || state === 'reconnecting') this.setStatus(t('common.serverDown'));
      else if (state === 'incompatible') this.setStatus(t('conn.incompatible'));
    });
    void this.pickers.load();
  }

  /**
   * Steer the session; a public session (the demo) is only followed, so the first control makes a private copy
   * at the same time (the server's fork) and steers that, with its own clock.
   */
  private async controlOrFork(action: ControlAction): Promise<SessionInfo> {
    const m = this.requireMirror();
    try {
      return await m.control(action);
    } catch (e) {
      if (!(e instanceof AckFailure) || e.code !== 'forbidden') throw e;
      return (await this.fork(m)).control(action);
    }
  }

  /** "Make it mine": a private copy of the followed session at the same time, with its own clock and controls. */
  private async fork(m: SessionMirror): Promise<SessionMirror> {
    const copy = await SessionMirror.create(this.ctx.conn, { fork: m.sessionId });
    await this.use(copy, { keepView: true });
    toast(t('live.forked'), 'info');
    return copy;
  }

  private requireMirror(): SessionMirror {
    if (!this.mirror) throw new Error(t('live.noSession'));
    return this.mirror;
  }

  private labelOf(aircraftId: string): string {
    return aircraftName(this.mirror?.aircraftInfo.get(aircraftId), aircraftId);
  }

  private *labelItems(): Generator<LabelItem> {
    if (!this.mirror || !this.mounted) return;
    const selected = this.layer.selectedId;
    for (const a of this.mirror.aircraft.values()) {
      const text = `${this.labelOf(a.id)} · ${Math.round(a.aglM)} m`;
      const priority = a.id === selected ? 2 : this.binding?.index.status(a.id) === 'violation' ? 1 : 0;
      yield { id: a.id, lon: a.lon, lat: a.lat, text, priority };
    }
  }

  private async startScenario(scenarioId: string): Promise<void> {
    this.setStatus(t('live.starting'));
    try {
      const m = await SessionMirror.create(this.ctx.conn, { scenarioId, autoplay: true });
      await this.use(m);
    } catch (e) {
      toast(t('live.controlFailed', { message: e instanceof Error ? e.message : String(e) }), 'error');
      this.setStatus('');
    }
  }

  /**
   * Show session `m`; `keepView`: a fork of what is on screen (same place and time), so the map stays put;
   * `orDefault`: a session named in the address that may be gone: then the public demo, and say so.
   */
  private async use(m: SessionMirror, opts: { keepView?: boolean; orDefault?: boolean } = {}): Promise<void> {
    const old = this.mirror;
    this.fitted = opts.keepView === true;
    this.end.reset();
    this.binding?.detach();
    this.offMirror?.();
    this.mirror = m;
    this.ownership.update(m);
    this.binding = new MapBinding(m, this.layer, this.ctx.zones);
    this.binding.zonesActive = this.mounted;
    this.offMirror = m.listen({
      snapshot: () => {
        this.feed.reset(m.findings.values());
        this.fitOnce(m);
        this.refresh(true);
        this.pickers.sync();
        this.setStatus('');
      },
      tick: () => this.refresh(false),
      findingOpened: (f) => {
        this.feed.add(f);
        this.refresh(false);
      },
      findingClosed: (id) => {
        this.feed.close(id);
        this.refresh(false);
      },
      info: () => {
        this.pickers.sync();
        this.refresh(true);
      },
      closed: (reason) => {
        if (this.mirror !== m) return;
        this.setStatus(t('live.sessionClosed', { reason }));
        this.binding?.detach();
        this.offMirror?.();
        this.mirror = undefined;
        this.ownership.update(undefined);
        // Fall back to the server's default session (e.g. after the server restarted).
        const fallback = this.ctx.conn.hello?.defaultSessionId;
        if (fallback && fallback !== m.sessionId) void this.use(new SessionMirror(this.ctx.conn, fallback));
      },
    });
    if (old && old !== m) void old.leave();
    // A server that is still starting its default session refuses the join for a moment: retry a few times.
    for (let attempt = 1; this.mirror === m; attempt++) {
      try {
        await m.join();
        if (this.mounted) showSessionInAddress(m);
        return;
      } catch (e) {
        const fallback = this.ctx.conn.hello?.defaultSessionId;
        if (opts.orDefault && e instanceof AckFailure && e.code === 'not_found' && fallback) {
          toast(t('live.copyGone'), 'info');
          await this.use(new SessionMirror(this.ctx.conn, fallback));
          return;
        }
        this.setStatus(e instanceof Error ? e.message : String(e));
        if (attempt >= 10) return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** The first time a session shows, frame its aircraft (later snapshots keep the user's view). */
  private fitOnce(m: SessionMirror): void {
    const b = sessionBounds(m);
    if (this.fitted || !b || !this.mounted) return;
    this.fitted = true;
    this.ctx.map.fitBounds(b, { padding: 60, maxZoom: 13, duration: 0 });
  }

  private refresh(force: boolean): void {
    const m = this.mirror;
    this.clock.update(m?.clock, force);
    if (m) this.counters.update(m, force);
    if (m) this.end.update(m);
    if (force) this.ownership.update(m);
    const sel = this.layer.selectedId;
    if (sel && m) this.selected.update(m, sel, this.binding?.index.of(sel) ?? [], force);
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  private select(aircraftId: string | undefined, leg?: number): void {
    this.layer.select(aircraftId);
    const info = aircraftId ? this.mirror?.aircraftInfo.get(aircraftId) : undefined;
    if (info?.plannedRoute) this.route.setRoute(info.plannedRoute);
    else this.route.clear();
    this.route.highlightLeg(leg);
    if (aircraftId && this.mirror)
      this.selected.update(this.mirror, aircraftId, this.binding?.index.of(aircraftId) ?? [], true);
    else this.selected.hide();
  }

  private showFinding(f: LiveFinding): void {
    const a = this.mirror?.aircraft.get(f.aircraftId);
    const pos = a ? [a.lon, a.lat] : f.finding.where?.position;
    if (pos) this.ctx.map.flyTo({ center: [pos[0], pos[1]], zoom: Math.max(this.ctx.map.getZoom(), 13.5) });
    this.select(f.aircraftId, f.finding.where?.leg);
  }

  private setLayersVisible(on: boolean): void {
    this.layer.setVisible(on);
    this.route.setVisible(on);
    this.labels.setEnabled(on);
  }

  mount(panel: HTMLElement): void {
    this.mounted = true;
    if (this.mirror) showSessionInAddress(this.mirror);
    this.pickers.fill();
    this.setLayersVisible(true);
    if (this.binding) this.binding.zonesActive = true;
    this.binding?.redraw();
    this.ctx.legend.setAircraftVisible(true);
    this.ctx.setClickHandler((e) => {
      const hit = this.ctx.map.queryRenderedFeatures(e.point, { layers: [this.layer.ids.arrow, this.layer.ids.dot] });
      const id = hit[0]?.properties.id;
      if (typeof id !== 'string') return false;
      this.select(id);
      return true;
    });
    panel.append(
      h('h2', {}, t('live.title')),
      this.status,
      this.ownership.el,
      ...this.pickers.fields(),
      this.clock.el,
      this.end.el,
      this.counters.el,
      this.selected.el,
      this.feed.el,
    );
    this.feed.render();
    this.refresh(true);
    if (!this.mirror) this.setStatus(this.ctx.conn.state === 'offline' ? t('common.serverDown') : t('conn.connecting'));
  }

  unmount(): void {
    this.mounted = false;
    if (this.binding) this.binding.zonesActive = false;
    this.setLayersVisible(false);
    this.ctx.legend.setAircraftVisible(false);
    // Scenario and temporary zones belong to the session: other views show the catalogue only.
    this.ctx.zones.setExtraZones([]);
    this.ctx.zones.clearTime();
  }
}
