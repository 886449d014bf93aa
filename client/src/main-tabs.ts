/** The view tabs: which views a visitor may use, switching between them (click, arrow keys, the URL's hash). */
import { type Account, isRegulator } from './app/account.js';
import type { AppContext, View, ViewId } from './app/context.js';
import { onLangChange, t } from './i18n/index.js';
import { byId } from './ui/dom.js';
import { toast } from './ui/toast.js';

const VIEWS: ViewId[] = ['live', 'plan', 'applications', 'workbench', 'compare', 'traffic'];

/** Views only some roles may use (the access policy refuses their calls to everyone else). */
const allowedFor = (account: Account) => (id: ViewId) => {
  if (id === 'workbench') return isRegulator(account.user);
  // applications: an applicant's own ("My applications") or the regulator's review queue
  if (id === 'applications') return account.user?.role === 'applicant' || isRegulator(account.user);
  return true;
};

/** Wire the tabs and open the first view; returns what opens a view (the live map for a view not allowed). */
export function wireTabs(
  ctx: AppContext,
  views: Record<ViewId, View>,
  account: Account,
  signedIn: Promise<void>,
): (id: ViewId) => void {
  const panel = byId('panel');
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const allowed = allowedFor(account);
  let current: View | undefined;
  const activate = (wanted: ViewId, focus = false) => {
    // a link or a stale hash to a view this visitor may not use: say why and show the live map instead
    const id = allowed(wanted) ? wanted : 'live';
    if (id !== wanted) toast(t(wanted === 'applications' ? 'apps.signIn' : 'auth.workbenchHint'));
    if (current?.id === id) return;
    current?.unmount();
    ctx.setDrawMode(null);
    ctx.setClickHandler(null);
    for (const tab of tabs) {
      const on = tab.dataset.view === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    }
    panel.setAttribute('aria-labelledby', `tab-${id}`);
    panel.replaceChildren();
    ctx.showView(id);
    current = views[id];
    current.mount(panel);
    document.body.dataset.view = id;
    // the view's own part of the address (#live?session=…, #traffic?plan=…) stays while the view is the same
    if (location.hash.split('?')[0] !== `#${id}`) history.replaceState(null, '', `#${id}`);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => activate(tab.dataset.view as ViewId));
    tab.addEventListener('keydown', (e) => {
      const shown = tabs.filter((x) => !x.hidden);
      const i = shown.indexOf(tab);
      const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
      if (next === null) return;
      e.preventDefault();
      const target = shown[(next + shown.length) % shown.length];
      activate(target.dataset.view as ViewId, true);
    });
  }
  const fromHash = (): ViewId => {
    const id = location.hash.replace('#', '').split('?')[0] as ViewId;
    return VIEWS.includes(id) ? id : 'live';
  };
  window.addEventListener('hashchange', () => activate(fromHash()));
  // Panels are rendered from view state, so a language switch simply renders the current one again.
  onLangChange(() => {
    if (!current) return;
    const focusedId = document.activeElement?.id;
    current.unmount();
    panel.replaceChildren();
    current.mount(panel);
    if (focusedId) document.getElementById(focusedId)?.focus();
  });
  const showAllowedTabs = () => {
    for (const tab of tabs) {
      tab.hidden = !allowed(tab.dataset.view as ViewId);
    }
    if (current && !allowed(current.id)) activate('live');
  };
  account.onChange(showAllowedTabs);
  showAllowedTabs();
  // A view this visitor may use opens at once; a regulator's link waits for the server to say who this is.
  const first = fromHash();
  if (allowed(first)) activate(first);
  else void signedIn.then(() => activate(fromHash()));
  return activate;
}
