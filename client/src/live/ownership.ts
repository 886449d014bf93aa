import type { PublicUser } from '../app/account.js';
import { roleName } from '../app/auth.js';
import { t } from '../i18n/index.js';
import type { SessionMirror } from '../net/session.js';
import { h } from '../ui/dom.js';

/** Roles the server lets steer any session, the public demo included (SessionManager.mayControl). */
const STEERS_SHARED: ReadonlySet<PublicUser['role']> = new Set(['regulator', 'admin']);

/**
 * Whose session is on screen: the public demo, followed read-only by everyone (with "Make it mine" for a private
 * copy at the same time, with its own clock), or steered directly by a signed-in regulator or admin, or the
 * viewer's own copy.
 */
export class OwnershipBar {
  readonly el: HTMLElement;
  private readonly text = h('p', { class: 'small', id: 'live-ownership-text' });
  private readonly mine = h('button', {
    type: 'button',
    class: 'btn small',
    'data-testid': 'make-mine',
    'aria-describedby': 'live-ownership-text',
  });
  private busy = false;

  constructor(
    private readonly onMakeMine: () => Promise<void>,
    private readonly role: () => PublicUser['role'] | undefined = () => undefined,
  ) {
    this.mine.addEventListener('click', () => void this.fork());
    this.el = h('div', { class: 'ownership', 'data-testid': 'ownership', hidden: true }, this.text, this.mine);
  }

  private async fork(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.mine.disabled = true;
    try {
      await this.onMakeMine();
    } finally {
      this.busy = false;
      this.mine.disabled = false;
    }
  }

  update(m: SessionMirror | undefined): void {
    this.el.hidden = !m;
    if (!m) return;
    this.el.dataset.owned = String(m.owned);
    const role = this.role();
    const steers = !m.owned && role !== undefined && STEERS_SHARED.has(role);
    this.el.dataset.control = m.owned ? 'mine' : steers ? 'shared' : 'read-only';
    this.text.textContent = m.owned
      ? t('live.own.mine')
      : steers
        ? t('live.own.publicSteer', { role: roleName(role) })
        : t('live.own.public');
    this.mine.textContent = t('live.own.makeMine');
    this.mine.hidden = m.owned;
  }
}
