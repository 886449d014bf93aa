import './styles.css';
import { Popup } from 'maplibre-gl';
import { explainRefusals } from './app/access-toast.js';
import { Account, isRegulator } from './app/account.js';
import { watchApiRefusals } from './app/api-watch.js';
import { mountAccountBar } from './app/auth.js';
import { fetchZones } from './app/catalogue.js';
import type { AppContext, ClickHandler, View, ViewId } from './app/context.js';
import { exposeHooks } from './app/hooks.js';
import { applyStaticTranslations, lang, onLangChange, setLang, t } from './i18n/index.js';
import { type BasemapKind, setBasemap } from './map/basemap.js';
import { createMap, whenStyleLoaded } from './map/create.js';
import { ZONE_FILL, ZoneLayer } from './map/zones.js';
import { ApiError } from './net/api.js';
import { Connection } from './net/socket.js';
import { byId, h } from './ui/dom.js';
import { Legend } from './ui/legend.js';
import { mountSheet } from './ui/sheet.js';
import { toast } from './ui/toast.js';
import { zonePopup } from './ui/zone-popup.js';
import { ApplicationsView } from './views/applications.js';
import { CompareView } from './views/compare.js';
import { LiveView } from './views/live.js';
import { PlanView } from './views/plan.js';
import { TrafficView } from './views/traffic.js';
import { WorkbenchView } from './views/workbench.js';

const VIEWS: ViewId[] = ['live', 'plan', 'applications', 'workbench', 'compare', 'traffic'];

async function start(): Promise<void> {
  applyStaticTranslations(document);
  watchApiRefusals();
  const account = new Account();
  // asked first: the tabs a visitor sees depend on the answer
  const signedIn = account.refresh();
  const map = createMap({ container: byId('map') });
  const conn = new Connection();
  renderConnection(conn);
  mountAccountBar(account);
  explainRefusals(account);
  // The live socket's principal is fixed at its handshake: after a sign-in or sign-out (not the first answer,
  // which the first handshake already carried) open a new one that carries the new cookie.
  void signedIn.then(() => account.onChange(() => conn.socket.disconnect().connect()));
  await whenStyleLoaded(map);

  exposeHooks({ map });
  const zones = new ZoneLayer(map);
  const legend = new Legend(zones);
  mountSheet(() => map.resize());
  let drawMode: ((lngLat: [number, number]) => void) | null = null;
  let clickHandler: ClickHandler | null = null;

  const ctx: AppContext = {
    map,
    zones,
    legend,
    conn,
    setDrawMode(fn) {
      drawMode = fn;
      map.getCanvas().style.cursor = fn ? 'crosshair' : '';
      map.doubleClickZoom[fn ? 'disable' : 'enable']();
    },
    setClickHandler(fn) {
      clickHandler = fn;
    },
    openPlan: () => undefined,
    canApply: () => account.user?.role === 'applicant',
    applyWith: () => undefined,
    showView(id) {
      const compare = id === 'compare';
      byId('map').hidden = compare;
      byId('compare-maps').hidden = !compare;
      byId('legend').hidden = compare;
      if (!compare) map.resize();
    },
  };

  let openPlan: (plan: Parameters<AppContext['openPlan']>[0], rulebookId?: string) => void = () => undefined;
  ctx.openPlan = (plan, rulebookId) => openPlan(plan, rulebookId);
  wireMapClicks(
    ctx,
    () => drawMode,
    () => clickHandler,
  );
  wireBasemap(ctx);
  wireLanguage();
  document.body.dataset.ready = 'map';
  // the first visually complete map (after 'load'): read by npm run bench:client
  performance.mark('sua:map-ready');
  // every source loaded and drawn (the tile worker ran): a signal for tests that cannot evaluate script (CSP)
  map.once('idle', () => {
    document.body.dataset.idle = 'true';
  });
  void loadZones(ctx);

  const planView = new PlanView(ctx);
  const appsView = new ApplicationsView(ctx, account);
  const views: Record<ViewId, View> = {
    live: new LiveView(ctx, account),
    plan: planView,
    applications: appsView,
    workbench: new WorkbenchView(ctx),
    compare: new CompareView(ctx),
    traffic: new TrafficView(ctx, account),
  };
  const activate = wireTabs(ctx, views, account, signedIn);
  openPlan = (plan, rulebookId) => {
    planView.load(plan, rulebookId);
    activate('plan');
  };
  ctx.applyWith = (plan) => {
    activate('applications');
    appsView.startFrom(plan);
  };
}

async function loadZones(ctx: AppContext): Promise<void> {
  const msg = byId('map-message');
  msg.hidden = false;
  msg.textContent = t('common.loading');
  try {
    const list = await fetchZones();
    ctx.zones.setZones(list);
    ctx.legend.render();
    msg.hidden = true;
    document.body.dataset.zones = String(list.length);
  } catch (e) {
    const text =
      e instanceof ApiError && e.code === 'network' ? t('common.serverDown') : `${t('common.error')}: ${String(e)}`;
    msg.replaceChildren(
      text,
      ' ',
      h('button', { type: 'button', onclick: () => void loadZones(ctx) }, t('common.retry')),
    );
    ctx.legend.render();
    setTimeout(() => {
      if (!msg.hidden) void loadZones(ctx);
    }, 5000);
  }
}

function wireMapClicks(
  ctx: AppContext,
  drawMode: () => ((lngLat: [number, number]) => void) | null,
  handler: () => ClickHandler | null,
): void {
  const { map } = ctx;
  let popup: Popup | undefined;
  map.on('click', (e) => {
    const draw = drawMode();
    if (draw) {
      draw([e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    if (handler()?.(e)) return;
    const hit = map.queryRenderedFeatures(e.point, { layers: [ZONE_FILL] });
    const ids = [...new Set(hit.map((f) => String(f.properties.id)))].sort(
      (a, b) => effectRank(ctx, a) - effectRank(ctx, b),
    );
    const zone = ids.map((id) => ctx.zones.get(id)).find((z) => z !== undefined);
    popup?.remove();
    ctx.zones.select(zone?.id);
    if (!zone) return;
    const body = h('div', {}, zonePopup(zone, ctx.zones.isActive(zone.id)));
    // Overlapping zones: list the others so each can be opened.
    for (const other of ids.slice(1)) {
      const z = ctx.zones.get(other);
      if (z)
        body.append(
          h(
            'details',
            {},
            // both names, the current language's first (the other marked with its language)
            lang() === 'zh'
              ? h('summary', {}, z.name.zh, ' · ', h('span', { lang: 'en' }, z.name.en))
              : h('summary', {}, z.name.en, ' · ', h('span', { lang: 'zh-Hant-HK' }, z.name.zh)),
            zonePopup(z, ctx.zones.isActive(z.id)),
          ),
        );
    }
    popup = new Popup({ maxWidth: '360px', focusAfterOpen: true }).setLngLat(e.lngLat).setDOMContent(body).addTo(map);
    popup.on('close', () => ctx.zones.select(undefined));
  });
  map.on('mousemove', (e) => {
    if (drawMode()) return;
    const n = map.queryRenderedFeatures(e.point, { layers: [ZONE_FILL] }).length;
    map.getCanvas().style.cursor = n ? 'pointer' : '';
  });
}

/** Overlapping zones: the one with the strongest legal effect opens first, the HKSAR boundary last. */
const EFFECT_ORDER = [
  'prohibition',
  'restricted-flying-zone',
  'sandbox-corridor',
  'uninvolved-persons',
  'enclosed-area',
  'advisory',
  'boundary',
];
function effectRank(ctx: AppContext, id: string): number {
  const i = EFFECT_ORDER.indexOf(ctx.zones.get(id)?.effect ?? '');
  return i < 0 ? EFFECT_ORDER.length : i;
}

function wireBasemap(ctx: AppContext): void {
  const select = byId<HTMLSelectElement>('basemap-select');
  const apply = () =>
    setBasemap(ctx.map, select.value as BasemapKind, (reason) => {
      select.value = 'offline';
      toast(t('basemap.failed', { reason }), 'error');
    });
  select.addEventListener('change', apply);
  // Label tiles follow the UI language.
  onLangChange(() => {
    if (select.value !== 'offline') apply();
  });
}

function wireLanguage(): void {
  const btn = byId<HTMLButtonElement>('lang-toggle');
  const render = () => {
    const toZh = lang() === 'en';
    btn.textContent = toZh ? '繁體中文' : 'English';
    btn.lang = toZh ? 'zh-Hant-HK' : 'en';
    btn.setAttribute('aria-label', toZh ? 'Switch to Traditional Chinese' : '切換至英文');
  };
  btn.addEventListener('click', () => setLang(lang() === 'en' ? 'zh' : 'en'));
  render();
  onLangChange(render);
}

function renderConnection(conn: Connection): void {
  const el = byId('conn');
  let last: string | undefined;
  const draw = () => {
    el.className = `conn conn-${conn.state}`;
    el.textContent = t(`conn.${conn.state}`);
    if (last) el.title = last;
    document.body.dataset.conn = conn.state;
  };
  conn.onState((_s, detail) => {
    last = detail;
    draw();
  });
  onLangChange(draw);
}

/** Views only some roles may use (the access policy refuses their calls to everyone else). */
const allowedFor = (account: Account) => (id: ViewId) => {
  if (id === 'workbench') return isRegulator(account.user);
  // applications: an applicant's own ("My applications") or the regulator's review queue
  if (id === 'applications') return account.user?.role === 'applicant' || isRegulator(account.user);
  return true;
};

function wireTabs(
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
    if (location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
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

void start();
