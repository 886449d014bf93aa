import { onLangChange, t } from '../i18n/index.js';
import { STATUS_COLOURS, STATUS_ORDER } from '../live/status.js';
import { EFFECT_COLOURS, FALLBACK_COLOUR } from '../map/zone-style.js';
import type { ZoneLayer } from '../map/zones.js';
import { byId, h } from './dom.js';
import { isPhone, PHONE_QUERY } from './sheet.js';
import { classLabel, effectLabel } from './zone-popup.js';

/**
 * The legend reads the same colour tables as the map style. Zone classes present in the data can be
 * hidden and shown again (checkboxes: keyboard reachable).
 */
export class Legend {
  private readonly root = byId('legend');
  // collapsed on a phone, where it would cover most of the map
  private open = !isPhone();
  private showAircraft = true;
  private hidden = new Set<string>();
  private classesOpen = false;

  constructor(private readonly zones: ZoneLayer) {
    onLangChange(() => this.render());
    // turning a tablet or resizing a window across the phone width: collapse or open the legend to suit
    if (typeof matchMedia === 'function')
      matchMedia(PHONE_QUERY).addEventListener('change', (e) => {
        this.open = !e.matches;
        this.render();
      });
  }

  setAircraftVisible(on: boolean): void {
    this.showAircraft = on;
    this.render();
  }

  render(): void {
    const zones = this.zones.all;
    const effects = [...new Set(zones.map((z) => z.effect))].sort();
    const counts = new Map<string, number>();
    for (const z of zones) counts.set(z.class, (counts.get(z.class) ?? 0) + 1);
    const toggle = h(
      'button',
      { type: 'button', class: 'legend-toggle', 'aria-expanded': String(this.open), 'aria-controls': 'legend-body' },
      t('legend.title'),
    );
    toggle.addEventListener('click', () => {
      this.open = !this.open;
      this.render();
    });
    const swatch = (colour: string, shape = 'box') =>
      h('span', { class: `swatch swatch-${shape}`, style: `--c:${colour}` });
    const body = h(
      'div',
      { id: 'legend-body', hidden: !this.open },
      zones.length === 0 ? h('p', { class: 'muted' }, t('legend.noZones')) : null,
      effects.length
        ? h(
            'section',
            {},
            h('h4', {}, t('legend.effects')),
            h(
              'ul',
              {},
              effects.map((e) => h('li', {}, swatch(EFFECT_COLOURS[e] ?? FALLBACK_COLOUR), effectLabel(e))),
            ),
          )
        : null,
      counts.size
        ? h(
            'details',
            {
              open: this.classesOpen,
              ontoggle: (e: Event) => (this.classesOpen = (e.target as HTMLDetailsElement).open),
            },
            h('summary', {}, t('legend.classes')),
            h(
              'ul',
              { class: 'legend-classes' },
              [...counts.entries()].map(([cls, n]) => {
                const box = h('input', { type: 'checkbox', 'data-class': cls, checked: !this.hidden.has(cls) });
                box.addEventListener('change', () => {
                  if (box.checked) this.hidden.delete(cls);
                  else this.hidden.add(cls);
                  this.zones.setClassVisible(cls, box.checked);
                });
                return h(
                  'li',
                  {},
                  h('label', {}, box, ` ${classLabel(cls)} `, h('span', { class: 'muted' }, `(${n})`)),
                );
              }),
            ),
          )
        : null,
      this.showAircraft
        ? h(
            'section',
            {},
            h('h4', {}, t('legend.aircraft')),
            h(
              'ul',
              {},
              STATUS_ORDER.map((s) => h('li', {}, swatch(STATUS_COLOURS[s], 'dot'), t(`status.${s}`))),
            ),
          )
        : null,
    );
    this.root.replaceChildren(toggle, body);
  }
}
