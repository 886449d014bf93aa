import { t } from '../i18n/index.js';
import { STATUS_COLOURS, STATUS_ORDER } from '../live/status.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { EFFECT_COLOURS, FALLBACK_COLOUR } from '../map/zone-style.js';
import { h } from '../ui/dom.js';
import { effectLabel } from '../ui/zone-popup.js';

/**
 * The legend of the two compare maps: the same colour tables as the live map's legend (zone effects present,
 * aircraft by status), in the panel, since both maps share it.
 */
export function compareLegend(zones: readonly ZoneInfo[]): HTMLElement {
  const effects = [...new Set(zones.map((z) => z.effect))].sort();
  const swatch = (colour: string, shape = 'box') =>
    h('span', { class: `swatch swatch-${shape}`, style: `--c:${colour}` });
  return h(
    'details',
    { open: true, class: 'cmp-legend', 'data-testid': 'cmp-legend' },
    h('summary', {}, t('legend.title')),
    effects.length
      ? [
          h('h4', {}, t('legend.effects')),
          h(
            'ul',
            { class: 'legend-list' },
            effects.map((e) => h('li', {}, swatch(EFFECT_COLOURS[e] ?? FALLBACK_COLOUR), ' ', effectLabel(e))),
          ),
        ]
      : h('p', { class: 'muted small' }, t('legend.noZones')),
    h('h4', {}, t('legend.aircraft')),
    h(
      'ul',
      { class: 'legend-list' },
      STATUS_ORDER.map((s) => h('li', {}, swatch(STATUS_COLOURS[s], 'dot'), ' ', t(`status.${s}`))),
    ),
  );
}
