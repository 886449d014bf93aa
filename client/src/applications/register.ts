import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

export interface RegisterState {
  shown: boolean;
  /** the time the register is drawn for, "YYYY-MM-DDTHH:mm" Hong Kong time */
  local: string;
}

/** Now, as a Hong Kong datetime-local value. */
export function nowLocal(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);
}

export function registerTimeMs(state: RegisterState): number {
  return Date.parse(`${state.local}:00+08:00`);
}

/** "Permissions register" toggle and its time: which permissions are active then, drawn on the map. */
export function registerControls(state: RegisterState, count: number, onChange: () => void): HTMLElement {
  const shown = h('input', { type: 'checkbox', id: 'app-register', checked: state.shown });
  shown.addEventListener('change', () => {
    state.shown = shown.checked;
    onChange();
  });
  const time = h('input', { type: 'datetime-local', id: 'app-register-time', value: state.local });
  time.addEventListener('change', () => {
    if (!time.value) return;
    state.local = time.value;
    onChange();
  });
  return h(
    'fieldset',
    { class: 'app-register', 'data-testid': 'app-register' },
    h('legend', {}, t('apps.register')),
    h('label', { class: 'inline' }, shown, ` ${t('apps.registerShow')}`),
    h('div', { class: 'field' }, h('label', { for: 'app-register-time' }, t('apps.registerAt')), time),
    h('p', { class: 'small muted', 'data-testid': 'app-register-count' }, t('apps.registerCount', { n: count })),
  );
}
