import { MAX_ABS_ALTITUDE_M, MAX_SPEED_KMH } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { PlanState, WaypointField, WaypointKey } from './state.js';

/** The bounds the server holds waypoints to (degrees; altitude in metres and speed in km/h, the model's own). */
const BOUNDS: Record<WaypointKey, readonly [number, number]> = {
  lon: [-180, 180],
  lat: [-90, 90],
  alt: [-MAX_ABS_ALTITUDE_M, MAX_ABS_ALTITUDE_M],
  speedKmh: [0, MAX_SPEED_KMH],
};
const LABEL = { lon: 'plan.lon', lat: 'plan.lat', alt: 'plan.alt', speedKmh: 'plan.speed' } as const;

/** Why a waypoint entry cannot be used (not a number, or off the globe), or undefined when it can. */
export function waypointProblem(key: WaypointKey, text: string): string | undefined {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return t('plan.notANumber', { text });
  const [min, max] = BOUNDS[key];
  if (v < min || v > max) return t('plan.outOfRange', { label: t(LABEL[key]), text, min, max });
  return undefined;
}

/** A waypoint cell's row and column, from its id. */
export function parseWaypointField(id: string): { row: number; key: WaypointKey } | undefined {
  const m = /^wp-(\d+)-(lon|lat|alt|speedKmh)$/.exec(id);
  return m ? { row: Number(m[1]), key: m[2] as WaypointKey } : undefined;
}

/**
 * Keeps waypoint entries that could not be used on their rows when row `removed` goes (later rows move up), or
 * drops them all when the whole route goes (`removed` undefined). Date and time entries stay.
 */
export function shiftWaypointEntries(state: PlanState, removed?: number): void {
  if (!state.unreadable) return;
  const next: PlanState['unreadable'] = {};
  for (const [id, text] of Object.entries(state.unreadable)) {
    const cell = parseWaypointField(id);
    if (!cell) next[id as keyof typeof next] = text;
    else if (removed !== undefined && cell.row !== removed) {
      const row = cell.row > removed ? cell.row - 1 : cell.row;
      next[`wp-${row}-${cell.key}`] = text;
    }
  }
  state.unreadable = next;
}

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
  // An entry that cannot be used stays as typed, marked, in the state the table is drawn from: Check refuses
  // rather than checking the last good value, which the cell no longer shows.
  const num = (i: number, key: WaypointKey, step: string, label: string) => {
    const id: WaypointField = `wp-${i}-${key}`;
    const kept = state.unreadable?.[id];
    const input = h('input', {
      type: 'number',
      step,
      value: kept ?? String(state.waypoints[i][key]),
      id,
      'data-wp': i,
      'data-key': key,
      'aria-label': `${label} ${i + 1}`,
      ...(kept !== undefined && { 'aria-invalid': 'true' }),
    });
    if (kept !== undefined) input.setCustomValidity(waypointProblem(key, kept) ?? '');
    input.addEventListener('change', () => {
      const problem = waypointProblem(key, input.value);
      const entries = { ...state.unreadable };
      if (problem) {
        state.unreadable = { ...entries, [id]: input.value };
        input.setAttribute('aria-invalid', 'true');
        input.setCustomValidity(problem);
        input.reportValidity();
        return;
      }
      delete entries[id];
      state.unreadable = entries;
      input.removeAttribute('aria-invalid');
      input.setCustomValidity('');
      state.waypoints[i][key] = Number(input.value);
      onChange(key === 'lon' || key === 'lat');
    });
    input.addEventListener('focus', () => onFocusLeg(Math.min(i, state.waypoints.length - 2)));
    return input;
  };
  const rows = state.waypoints.map((_, i) => {
    const last = i === state.waypoints.length - 1;
    const remove = h(
      'button',
      { type: 'button', class: 'btn small', 'aria-label': t('plan.removeWp', { n: i + 1 }) },
      '×',
    );
    remove.addEventListener('click', () => {
      state.waypoints.splice(i, 1);
      shiftWaypointEntries(state, i);
      onChange(true);
    });
    return h(
      'tr',
      {},
      h('td', {}, String(i + 1)),
      h('td', {}, num(i, 'lon', '0.0001', t('plan.lon'))),
      h('td', {}, num(i, 'lat', '0.0001', t('plan.lat'))),
      h('td', {}, num(i, 'alt', '1', t('plan.alt'))),
      h('td', {}, last ? '—' : num(i, 'speedKmh', '1', t('plan.speed'))),
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
