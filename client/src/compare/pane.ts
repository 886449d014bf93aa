import type { LiveFinding } from '@sua-sandbox/rules/protocol';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { rulebookTitle } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { MapBinding } from '../live/binding.js';
import { aircraftName } from '../live/words.js';
import { AircraftLayer } from '../map/aircraft.js';
import { whenStyleLoaded } from '../map/create.js';
import { type LabelItem, LabelOverlay } from '../map/labels.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { ZoneLayer } from '../map/zones.js';
import type { SessionMirror } from '../net/session.js';
import { h, replace } from '../ui/dom.js';
import { num } from '../ui/format.js';

/** One side of the comparison: a map with zones and aircraft, a header with the rulebook and counts. */
export class ComparePane {
  private zones: ZoneLayer | undefined;
  private layer: AircraftLayer | undefined;
  private binding: MapBinding | undefined;
  private off: (() => void) | undefined;
  mirror: SessionMirror | undefined;
  /** findings opened per rule id since the last snapshot */
  readonly byRule = new Map<string, number>();
  opened = 0;
  /** the latest findings opened, newest first (a few: the panel shows them as the live feed does) */
  recent: LiveFinding[] = [];
  /** the rulebook picked for this side, shown before the session says which one it runs */
  chosen = '';
  private labels: LabelOverlay | undefined;

  constructor(
    readonly map: MapLibreMap,
    private readonly head: HTMLElement,
    readonly side: 'a' | 'b',
  ) {}

  async ready(zones: ZoneInfo[]): Promise<void> {
    await whenStyleLoaded(this.map);
    if (!this.zones) {
      this.zones = new ZoneLayer(this.map);
      this.layer = new AircraftLayer(this.map, `cmp-${this.side}`);
      this.labels = new LabelOverlay(this.map, () => this.labelItems());
    }
    this.zones.setZones(zones);
  }

  attach(m: SessionMirror, onChange: () => void): void {
    this.detach();
    if (!this.layer) return;
    this.mirror = m;
    this.binding = new MapBinding(m, this.layer, this.zones);
    this.off = m.listen({
      snapshot: (s) => {
        this.byRule.clear();
        this.opened = s.findings.length;
        this.recent = [...s.findings].reverse().slice(0, 5);
        for (const f of s.findings) this.bump(f.finding.ruleId);
        onChange();
      },
      findingOpened: (f) => {
        this.opened++;
        this.recent = [f, ...this.recent].slice(0, 5);
        this.bump(f.finding.ruleId);
        onChange();
      },
      findingClosed: () => onChange(),
      info: () => onChange(),
    });
    this.renderHead();
  }

  private bump(ruleId: string): void {
    this.byRule.set(ruleId, (this.byRule.get(ruleId) ?? 0) + 1);
  }

  detach(): void {
    this.binding?.detach();
    this.off?.();
    this.binding = undefined;
    this.off = undefined;
    this.mirror = undefined;
    this.byRule.clear();
    this.opened = 0;
    this.recent = [];
    this.labels?.schedule();
  }

  labelOf(aircraftId: string): string {
    return aircraftName(this.mirror?.aircraftInfo.get(aircraftId), aircraftId);
  }

  /** Aircraft labels as on the live map: name and height above ground, violations placed first. */
  private *labelItems(): Generator<LabelItem> {
    const m = this.mirror;
    if (!m) return;
    for (const a of m.aircraft.values()) {
      const priority = this.binding?.index.status(a.id) === 'violation' ? 1 : 0;
      yield { id: a.id, lon: a.lon, lat: a.lat, text: `${this.labelOf(a.id)} · ${Math.round(a.aglM)} m`, priority };
    }
  }

  /** True once the scenario has run to its end (the counts are then final and comparable). */
  get finished(): boolean {
    const c = this.mirror?.clock;
    return !!c && c.durationMs !== null && c.elapsedMs >= c.durationMs;
  }

  renderHead(): void {
    const rb = this.mirror?.info?.rulebook;
    this.head.dataset.finished = String(this.finished);
    const name = rb ? `${rulebookTitle(rb)} (${rb.version})` : this.chosen;
    replace(
      this.head,
      h('span', {}, `${this.side.toUpperCase()} · `, name),
      this.mirror
        ? h(
            'span',
            { class: 'count', 'data-testid': `cmp-count-${this.side}`, 'data-opened': this.opened },
            `${t('cmp.findings')}: ${num(this.opened, 0)}`,
          )
        : h('span', { class: 'count muted', 'data-testid': `cmp-count-${this.side}` }, t('cmp.waiting')),
    );
  }
}
