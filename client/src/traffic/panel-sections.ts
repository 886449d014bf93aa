import type { OperationalIntent } from '@sua-sandbox/rules/traffic';
import { localized, type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { unitText } from '../ui/units.js';
import type { TrafficNetwork } from './api.js';
import type { DrawnConflict } from './intent-geometry.js';
import { STATE_COLOURS } from './layers.js';
import { hoursText, layerBand } from './network-geometry.js';
import { operatorName } from './submit-panel.js';
import { hktWindow } from './time.js';

/** The Traffic view's read-only panel sections: the intents of the day, their conflicts, the route network. */

const STATE_KEYS: Readonly<Record<string, MessageKey>> = {
  Accepted: 'traffic.state.Accepted',
  Activated: 'traffic.state.Activated',
  Nonconforming: 'traffic.state.Nonconforming',
  Contingent: 'traffic.state.Contingent',
  Ended: 'traffic.state.Ended',
};
export const stateName = (s: string) => (STATE_KEYS[s] ? t(STATE_KEYS[s]) : s);

const swatch = (colour: string) =>
  h('span', { class: 'traffic-swatch', 'aria-hidden': 'true', style: `background:${colour}` });

export function stateLegend(): HTMLElement {
  return h(
    'ul',
    { class: 'traffic-legend', 'aria-label': t('traffic.legend') },
    ...Object.entries(STATE_COLOURS).map(([s, c]) => h('li', {}, swatch(c), stateName(s))),
    h('li', {}, swatch('#e03131'), t('traffic.legendConflict')),
    h('li', {}, swatch('#6741d9'), t('traffic.legendRoute')),
    h('li', {}, swatch('#0b7285'), t('traffic.legendVertiport')),
  );
}

const windowOfIntent = (i: OperationalIntent) =>
  hktWindow(Date.parse(i.reference.time_start.value), Date.parse(i.reference.time_end.value));

export function intentList(
  intents: readonly OperationalIntent[],
  showAt: (ms: number, intent: OperationalIntent) => void,
): HTMLElement {
  if (intents.length === 0)
    return h('p', { class: 'muted', 'data-testid': 'traffic-no-intents' }, t('traffic.noIntents'));
  const sorted = [...intents].sort(
    (a, b) => Date.parse(a.reference.time_start.value) - Date.parse(b.reference.time_start.value),
  );
  return h(
    'ul',
    { class: 'traffic-list', 'data-testid': 'traffic-intents' },
    ...sorted.map((i) =>
      h(
        'li',
        { 'data-testid': 'traffic-intent', 'data-intent-id': i.reference.id, 'data-state': i.reference.state },
        swatch(STATE_COLOURS[i.reference.state as keyof typeof STATE_COLOURS] ?? '#868e96'),
        operatorName(i.reference.operator),
        ' · ',
        stateName(i.reference.state),
        ' · ',
        windowOfIntent(i),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'aria-label': t('traffic.showIntent', { window: windowOfIntent(i) }),
            onclick: () => showAt(Date.parse(i.reference.time_start.value), i),
          },
          t('traffic.show'),
        ),
      ),
    ),
  );
}

export function conflictList(
  conflicts: readonly DrawnConflict[],
  showAt: (ms: number, intentIds: string[]) => void,
): HTMLElement {
  if (conflicts.length === 0) return h('p', { class: 'muted' }, t('traffic.noConflicts'));
  return h(
    'ul',
    { class: 'traffic-list', 'data-testid': 'traffic-conflicts' },
    ...conflicts.map((c) =>
      h(
        'li',
        { 'data-testid': 'traffic-conflict', 'data-a': c.a.operator, 'data-b': c.b.operator },
        swatch('#e03131'),
        operatorName(c.a.operator),
        ' ⇄ ',
        operatorName(c.b.operator),
        ' · ',
        t('traffic.overlap', { window: hktWindow(c.fromMs, c.toMs) }),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            'aria-label': t('traffic.showConflict', { window: hktWindow(c.fromMs, c.toMs) }),
            onclick: () => showAt(c.fromMs, [c.a.intentId, c.b.intentId]),
          },
          t('traffic.show'),
        ),
      ),
    ),
  );
}

export function networkList(net: TrafficNetwork): HTMLElement {
  const hours = (x: Parameters<typeof hoursText>[0]) => {
    const text = hoursText(x);
    return text ? ` · ${t('traffic.hours')} ${text}` : '';
  };
  const routes = net.network.routes.map((r) =>
    h(
      'li',
      { 'data-route-id': r.id },
      h('code', {}, r.id),
      ' ',
      h('span', {}, localized(r.name)),
      h(
        'div',
        { class: 'muted' },
        t('traffic.halfWidth', { m: r.halfWidthM }),
        ...r.layers.map(
          (l) =>
            ` · ${t(l.direction === 'forward' ? 'traffic.forward' : 'traffic.reverse')} ${layerBand(l, (u) => unitText(u, t))}`,
        ),
        hours(r.hours),
        r.crossBoundary ? ` · ${t('traffic.crossBoundary')}` : '',
        r.provenance.illustrative ? ` · ${t('traffic.illustrative')}` : '',
      ),
    ),
  );
  const ports = net.network.vertiports.map((v) =>
    h(
      'li',
      { 'data-vertiport-id': v.id },
      h('code', {}, v.id),
      ' ',
      h('span', {}, localized(v.name)),
      h(
        'div',
        { class: 'muted' },
        t('traffic.pad', { m: v.pad.diameterM }),
        ` · ${t('traffic.terminal', { approach: v.approach.radiusM, departure: v.departure.radiusM })}`,
        ` · ${t(v.capacity === 1 ? 'traffic.capacityOne' : 'traffic.capacity', { n: v.capacity, s: v.slotLengthS })}`,
        hours(v.hours),
        v.provenance.illustrative ? ` · ${t('traffic.illustrative')}` : '',
      ),
    ),
  );
  return h('div', {}, h('ul', { class: 'traffic-list' }, ...routes), h('ul', { class: 'traffic-list' }, ...ports));
}
