import { onLangChange, t } from '../i18n/index.js';
import { byId, h } from './dom.js';

/** The width at and below which the panel is a bottom sheet and the legend starts collapsed (styles.css). */
export const PHONE_QUERY = '(max-width: 800px)';

export function isPhone(): boolean {
  return typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches;
}

/**
 * On a phone the panel is a bottom sheet under the map: a handle above it opens it to most of the screen
 * and lowers it again to a peek of its first lines (body[data-sheet] drives the heights in styles.css).
 * On a wider screen the handle is not displayed and the panel is the side column.
 */
export function mountSheet(onResize: () => void): void {
  const panel = byId('panel');
  const handle = h('button', {
    type: 'button',
    id: 'sheet-toggle',
    class: 'sheet-toggle',
    'aria-controls': 'panel',
    'data-testid': 'sheet-toggle',
  });
  const render = () => {
    const open = document.body.dataset.sheet === 'open';
    handle.setAttribute('aria-expanded', String(open));
    handle.textContent = open ? t('sheet.close') : t('sheet.open');
  };
  handle.addEventListener('click', () => {
    document.body.dataset.sheet = document.body.dataset.sheet === 'open' ? 'peek' : 'open';
    render();
    // the map area changed height: let the map redraw at its new size
    requestAnimationFrame(onResize);
  });
  document.body.dataset.sheet = 'peek';
  panel.before(handle);
  render();
  onLangChange(render);
}
