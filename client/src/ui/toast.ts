import { byId, h } from './dom.js';

/** A short message in the live region; errors stay until dismissed. */
export function toast(message: string, kind: 'info' | 'error' = 'info', ms = 6000): void {
  const box = byId('toasts');
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': '×' }, '×');
  const el = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', {}, message),
    close,
  );
  close.addEventListener('click', () => el.remove());
  box.append(el);
  if (kind === 'info') setTimeout(() => el.remove(), ms);
  while (box.children.length > 4) box.firstElementChild?.remove();
}
