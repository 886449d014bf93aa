import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { PlanState, Waypoint } from './state.js';

/**
 * The waypoint table: longitude, latitude, altitude and the speed of the leg to the next waypoint are
 * editable per row; rows can be removed. `onChange` runs after every edit.
 */
export function waypointTable(
  state: PlanState,
  onChange: (structural: boolean) => void,
  onFocusLeg: (leg: number) => void,
): HTMLElement {
  if (state.waypoints.length === 0) return h('p', { class: 'muted empty' }, t('plan.noWaypoints'));
  const num = (wp: Waypoint, key: keyof Waypoint, i: number, step: string, label: string) => {
    const input = h('input', {
      type: 'number',
      step,
      value: String(wp[key]),
      id: `wp-${i}-${key}`,
      'data-wp': i,
      'data-key': key,
      'aria-label': `${label} ${i + 1}`,
    });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value === '' || !Number.isFinite(v)) {
        input.setCustomValidity('number');
        input.reportValidity();
        return;
      }
      input.setCustomValidity('');
      wp[key] = v;
      onChange(key === 'lon' || key === 'lat');
    });
    input.addEventListener('focus', () => onFocusLeg(Math.min(i, state.waypoints.length - 2)));
    return input;
  };
  const rows = state.waypoints.map((wp, i) => {
    const last = i === state.waypoints.length - 1;
    const remove = h(
      'button',
      { type: 'button', class: 'btn small', 'aria-label': t('plan.removeWp', { n: i + 1 }) },
      '×',
    );
    remove.addEventListener('click', () => {
      state.waypoints.splice(i, 1);
      onChange(true);
    });
    return h(
      'tr',
      {},
      h('td', {}, String(i + 1)),
      h('td', {}, num(wp, 'lon', i, '0.0001', t('plan.lon'))),
      h('td', {}, num(wp, 'lat', i, '0.0001', t('plan.lat'))),
      h('td', {}, num(wp, 'alt', i, '1', t('plan.alt'))),
      h('td', {}, last ? '—' : num(wp, 'speedKmh', i, '1', t('plan.speed'))),
      h('td', {}, remove),
    );
  });
  return h(
    'table',
    { class: 'waypoints', 'data-testid': 'waypoints' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, t('plan.wp')),
        h('th', {}, t('plan.lon')),
        h('th', {}, t('plan.lat')),
        h('th', {}, `${t('plan.alt')} ${state.altitudeRef}`),
        h('th', {}, t('plan.speed')),
        h('th', {}, ''),
      ),
    ),
    h('tbody', {}, rows),
  );
}
