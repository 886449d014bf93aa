/** Clicks on the main map: drawing, then the active view's features, then the zones' popups. */
import { Popup } from 'maplibre-gl';
import type { AppContext, ClickHandler } from './app/context.js';
import { lang } from './i18n/index.js';
import { ZONE_FILL } from './map/zones.js';
import { h } from './ui/dom.js';
import { zonePopup } from './ui/zone-popup.js';

/** A click goes to the drawing mode, else the view's handler, else opens the popup of the zones under it. */
export function wireMapClicks(
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
