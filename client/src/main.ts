import './styles.css';
import { explainRefusals } from './app/access-toast.js';
import { Account } from './app/account.js';
import { watchApiRefusals } from './app/api-watch.js';
import { mountAccountBar } from './app/auth.js';
import { fetchZones } from './app/catalogue.js';
import type { AppContext, ClickHandler, View, ViewId } from './app/context.js';
import { exposeHooks } from './app/hooks.js';
import { applyStaticTranslations, lang, onLangChange, setLang, t } from './i18n/index.js';
import { wireMapClicks } from './main-map-clicks.js';
import { wireTabs } from './main-tabs.js';
import { type BasemapKind, setBasemap } from './map/basemap.js';
import { createMap, whenStyleLoaded } from './map/create.js';
import { ZoneLayer } from './map/zones.js';
import { ApiError } from './net/api.js';
import { Connection } from './net/socket.js';
import { byId, h } from './ui/dom.js';
import { Legend } from './ui/legend.js';
import { mountSheet } from './ui/sheet.js';
import { toast } from './ui/toast.js';
import { ApplicationsView } from './views/applications.js';
import { CompareView } from './views/compare.js';
import { LiveView } from './views/live.js';
import { PlanView } from './views/plan.js';
import { TrafficView } from './views/traffic.js';
import { WorkbenchView } from './views/workbench.js';

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

void start();
