import type { Map as MapLibreMap } from 'maplibre-gl';
import { rulebookTitle } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { MapBinding } from '../live/binding.js';
import { AircraftLayer } from '../map/aircraft.js';
import { whenStyleLoaded } from '../map/create.js';
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
        for (const f of s.findings) this.bump(f.finding.ruleId);
        onChange();
      },
      findingOpened: (f) => {
        this.opened++;
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
  }

  /** True once the scenario has run to its end (the counts are then final and comparable). */
  get finished(): boolean {
    const c = this.mirror?.clock;
    return !!c && c.durationMs !== null && c.elapsedMs >= c.durationMs;
  }

  renderHead(): void {
    const rb = this.mirror?.info?.rulebook;
    this.head.dataset.finished = String(this.finished);
    replace(
      this.head,
      h('span', {}, `${this.side.toUpperCase()} · `, rb ? `${rulebookTitle(rb)} (${rb.version})` : '—'),
      h(
        'span',
        { class: 'count', 'data-testid': `cmp-count-${this.side}`, 'data-opened': this.opened },
        `${t('cmp.findings')}: ${num(this.opened, 0)}`,
      ),
    );
  }
}
