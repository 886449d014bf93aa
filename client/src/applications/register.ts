import { lang, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { hkTime } from '../ui/format.js';
import { hkLocalValue, type RegisterEntry, type RegisterState } from './register-model.js';

/** "Permissions register" toggle, its clock (live or chosen), and the list of what is in force then. */
export function registerControls(
  state: RegisterState,
  tMs: number,
  entries: readonly RegisterEntry[],
  onChange: () => void,
): HTMLElement {
  const shown = h('input', { type: 'checkbox', id: 'app-register', checked: state.shown });
  shown.addEventListener('change', () => {
    state.shown = shown.checked;
    onChange();
  });
  const live = h('input', { type: 'checkbox', id: 'app-register-live', checked: state.mode === 'live' });
  live.addEventListener('change', () => {
    state.mode = live.checked ? 'live' : 'chosen';
    onChange();
  });
  // following the live map, the field shows the live clock's time (not the wall clock or the last one chosen)
  const time = h('input', {
    type: 'datetime-local',
    id: 'app-register-time',
    value: state.mode === 'live' ? hkLocalValue(tMs) : state.local,
  });
  time.addEventListener('change', () => {
    if (!time.value) return;
    state.local = time.value;
    state.mode = 'chosen';
    onChange();
  });
  return h(
    'fieldset',
    { class: 'app-register', 'data-testid': 'app-register', 'data-mode': state.mode },
    h('legend', {}, t('apps.register')),
    h('label', { class: 'inline' }, shown, ` ${t('apps.registerShow')}`),
    h('label', { class: 'inline' }, live, ` ${t('apps.registerLive')}`),
    h('div', { class: 'field' }, h('label', { for: 'app-register-time' }, t('apps.registerAt')), time),
    h(
      'p',
      { class: 'small', 'data-testid': 'app-register-clock', 'aria-live': 'polite' },
      t(state.mode === 'live' ? 'apps.registerAtLive' : 'apps.registerAtChosen', { time: hkTime(tMs) }),
    ),
    h(
      'p',
      { class: 'small muted', 'data-testid': 'app-register-count' },
      t(entries.length === 1 ? 'apps.registerCountOne' : 'apps.registerCount', { n: entries.length }),
    ),
    entries.length > 0
      ? h(
          'ul',
          { class: 'app-register-list small', 'data-testid': 'app-register-list' },
          entries.map((e) =>
            h('li', { 'data-permission': e.permissionId }, e.permission.title[lang()], ` (${e.permissionId})`),
          ),
        )
      : null,
  );
}
