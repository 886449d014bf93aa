import type { Finding } from '@sua-sandbox/rules/model';
import { findingStatus, STATUS_COLOURS } from '../live/status.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { EFFECT_COLOURS, FALLBACK_COLOUR } from '../map/zone-style.js';
import { escHtml as esc } from '../plan/citation-html.js';

/**
 * A map image of a route drawn from the geometry alone (SVG): the zones around it, the route with numbered
 * waypoints and each finding's point. It needs no tiles and no WebGL, so it prints the same offline, in a
 * headless browser and on paper.
 */

export interface MapImageInput {
  route: readonly (readonly number[])[];
  zones: readonly ZoneInfo[];
  findings: readonly Finding[];
  /** accessible name of the image */
  title: string;
  /** legend words: route, waypoints, findings */
  labels: { route: string; finding: string; effect: (effect: string) => string; scale: (km: string) => string };
}

const W = 640;
const H = 400;
const PAD = 24;

type Ring = readonly (readonly number[])[];

function rings(z: ZoneInfo): Ring[] {
  return z.geometry.type === 'Polygon' ? z.geometry.coordinates : z.geometry.coordinates.flat();
}

function bboxOf(points: Iterable<readonly number[]>): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of points) {
    w = Math.min(w, p[0]);
    e = Math.max(e, p[0]);
    s = Math.min(s, p[1]);
    n = Math.max(n, p[1]);
  }
  return [w, s, e, n];
}

/** A distance for the scale bar: 1, 2 or 5 × 10^k metres, about a fifth of the width. */
function niceMetres(widthM: number): number {
  const target = widthM / 5;
  const k = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * k).find((m) => m <= target) ?? k;
}

export function routeMapSvg(input: MapImageInput): string {
  const route = input.route.filter((c) => Number.isFinite(c[0]) && Number.isFinite(c[1]));
  if (route.length === 0) return '';
  const [rw, rs, re, rn] = bboxOf(route);
  // at least ~600 m across, and a margin around the route so nearby zones show
  const midLat = (rs + rn) / 2;
  const cos = Math.cos((midLat * Math.PI) / 180);
  const spanLon = Math.max(re - rw, 0.006 / cos) * 1.4;
  const spanLat = Math.max(rn - rs, 0.004) * 1.4;
  const cx = (rw + re) / 2;
  const cy = (rs + rn) / 2;
  // one scale for both axes (metres look the same both ways), fitted to the drawing area
  const k = Math.min((W - 2 * PAD) / (spanLon * cos), (H - 2 * PAD) / spanLat);
  const x = (lon: number) => W / 2 + (lon - cx) * cos * k;
  const y = (lat: number) => H / 2 - (lat - cy) * k;
  const view = { w: cx - W / (2 * cos * k), e: cx + W / (2 * cos * k), s: cy - H / (2 * k), n: cy + H / (2 * k) };
  const pts = (ring: Ring) => ring.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');

  const shown = input.zones.filter((z) => {
    const [w, s, e, n] = bboxOf(rings(z).flat());
    return w <= view.e && e >= view.w && s <= view.n && n >= view.s && z.effect !== 'boundary';
  });
  const zoneSvg = shown
    .map((z) => {
      const c = EFFECT_COLOURS[z.effect] ?? FALLBACK_COLOUR;
      const path = rings(z)
        .map((r) => `M${pts(r).replace(/ /g, ' L')} Z`)
        .join(' ');
      return `<path d="${path}" fill="${c}" fill-opacity="0.18" stroke="${c}" stroke-width="1.2" fill-rule="evenodd"><title>${esc(z.name.en)}</title></path>`;
    })
    .join('');
  const line = `<polyline points="${pts(route)}" fill="none" stroke="#1864ab" stroke-width="3" stroke-linejoin="round"/>`;
  const wps = route
    .map(
      (p, i) =>
        `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="7" fill="#fff" stroke="#1864ab" stroke-width="2"/><text x="${x(p[0]).toFixed(1)}" y="${(y(p[1]) + 3.5).toFixed(1)}" text-anchor="middle" font-size="9" fill="#1864ab">${i + 1}</text>`,
    )
    .join('');
  const marks = input.findings
    .map((f, i) => {
      if (!f.where) return '';
      const [lon, lat] = f.where.position;
      const c = STATUS_COLOURS[findingStatus(f)];
      return `<g><rect x="${(x(lon) + 6).toFixed(1)}" y="${(y(lat) - 20).toFixed(1)}" width="18" height="14" rx="3" fill="${c}"/><text x="${(x(lon) + 15).toFixed(1)}" y="${(y(lat) - 9.5).toFixed(1)}" text-anchor="middle" font-size="10" fill="#fff">F${i + 1}</text></g>`;
    })
    .join('');
  const widthM = (view.e - view.w) * cos * 111_320;
  const barM = niceMetres(widthM);
  const barPx = (barM / widthM) * W;
  const km = barM >= 1000 ? `${barM / 1000} km` : `${barM} m`;
  const scale = `<g><rect x="${PAD}" y="${H - 18}" width="${barPx.toFixed(1)}" height="4" fill="#222"/><text x="${PAD}" y="${H - 22}" font-size="10" fill="#222">${esc(input.labels.scale(km))}</text></g>`;
  const north = `<g><path d="M${W - 20},${PAD + 14} l6,-16 l6,16 l-6,-4 z" fill="#222"/><text x="${W - 14}" y="${PAD + 26}" text-anchor="middle" font-size="10">N</text></g>`;
  const effects = [...new Set(shown.map((z) => z.effect))].sort();
  const legend = [
    `<li><span style="display:inline-block;width:18px;height:3px;background:#1864ab;vertical-align:middle"></span> ${esc(input.labels.route)}</li>`,
    input.findings.some((f) => f.where)
      ? `<li><span style="display:inline-block;width:14px;height:10px;background:${STATUS_COLOURS.permission};vertical-align:middle"></span> F1… ${esc(input.labels.finding)}</li>`
      : '',
    ...effects.map(
      (e) =>
        `<li><span style="display:inline-block;width:14px;height:10px;border:1px solid ${EFFECT_COLOURS[e] ?? FALLBACK_COLOUR};background:${EFFECT_COLOURS[e] ?? FALLBACK_COLOUR}33;vertical-align:middle"></span> ${esc(input.labels.effect(e))}</li>`,
    ),
  ].join('');
  return `<figure class="map-image"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(input.title)}" data-testid="report-map">
<rect width="${W}" height="${H}" fill="#f1f3f5"/>${zoneSvg}${line}${wps}${marks}${scale}${north}</svg>
<figcaption><ul class="map-image-legend">${legend}</ul></figcaption></figure>`;
}
