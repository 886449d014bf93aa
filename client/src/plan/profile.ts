import { type GroundModelInfo, type GroundResponse, MAX_GROUND_POINTS, operations } from '@sua-sandbox/rules/api';
import type { Altitude, AltitudeRef, Report } from '@sua-sandbox/rules/model';
import { lang, localized, t } from '../i18n/index.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { call } from '../net/api.js';
import { h } from '../ui/dom.js';
import { outsideHongKong } from './outside.js';

/** Altitude profile of the plan checker: route, ground (from the server's model), height limit and zone limits. */

const FT_M = 0.3048;
/** Samples along the route: enough to show a ridge between waypoints, well inside the server's budget. */
const SAMPLES = Math.min(300, MAX_GROUND_POINTS);
const W = 360;
const H = 190;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ProfilePoint {
  lon: number;
  lat: number;
  /** metres along the route */
  d: number;
  /** the route's altitude there, in its own reference (straight between waypoints) */
  alt: number;
}

/** A horizontal limit: a value above the ground (AGL, follows it) or above sea level (AMSL, flat). */
export interface ProfileLimit {
  label: string;
  valueM: number;
  ref: AltitudeRef;
  kind: 'limit' | 'zone';
}

export interface ProfileInput {
  waypoints: readonly { lon: number; lat: number; alt: number }[];
  altitudeRef: AltitudeRef;
  limits: ProfileLimit[];
}

function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Points along the route: every waypoint, and between them at even spacing (at most SAMPLES in all). */
export function sampleRoute(wps: ProfileInput['waypoints']): ProfilePoint[] {
  if (wps.length < 2) return [];
  const legs = wps.slice(1).map((b, i) => metresBetween(wps[i], b));
  const total = legs.reduce((a, b) => a + b, 0);
  const step = Math.max(total / Math.max(SAMPLES - wps.length, 1), 1);
  const out: ProfilePoint[] = [];
  let d0 = 0;
  legs.forEach((len, i) => {
    const a = wps[i];
    const b = wps[i + 1];
    const n = Math.max(1, Math.ceil(len / step));
    for (let k = 0; k < n; k++) {
      const f = k / n;
      out.push({
        lon: a.lon + (b.lon - a.lon) * f,
        lat: a.lat + (b.lat - a.lat) * f,
        d: d0 + len * f,
        alt: a.alt + (b.alt - a.alt) * f,
      });
    }
    d0 += len;
  });
  const last = wps[wps.length - 1];
  out.push({ lon: last.lon, lat: last.lat, d: total, alt: last.alt });
  return out.slice(0, MAX_GROUND_POINTS);
}

/** Ground heights from the server (POST /api/ground): the model the checks use. */
export function fetchGround(points: readonly { lon: number; lat: number }[]): Promise<GroundResponse> {
  return call(operations.groundHeights, { body: { points: points.map((p): [number, number] => [p.lon, p.lat]) } });
}

/** The model's own title; in Chinese, the shipped models by id (the server words them in English). */
const MODEL_TITLES_ZH: Readonly<Record<string, string>> = {
  terrain: '香港地形模型（地政總署數碼地形模型，範圍以外用 SRTM）',
  surface: 'SRTM 地表模型（包括建築物及樹木）',
};
function modelTitle(model: GroundModelInfo): string {
  return (lang() === 'zh' ? MODEL_TITLES_ZH[model.id] : undefined) ?? model.title;
}

/** "Lands Department DTM …, 70 m grid" or "no terrain model loaded: ground at sea level". */
export function modelCaption(model: GroundModelInfo): string {
  if (!model.terrain) return t('plan.profile.noTerrain');
  return t('plan.profile.model', { model: modelTitle(model), resolution: model.resolutionM ?? '?' });
}

/** "Ground 312 m AMSL (Hong Kong terrain model …, 70 m)". */
export function groundReadout(groundM: number, model: GroundModelInfo): string {
  return model.terrain
    ? t('plan.groundAt', {
        height: Math.round(groundM),
        model: modelTitle(model),
        resolution: model.resolutionM ?? '?',
      })
    : t('plan.groundAtSea');
}

function toMetres(a: Altitude): number {
  return a.unit === 'ft' ? a.value * FT_M : a.value;
}

/** The limits of zones the report's findings name (floor and ceiling, where the zone states them). */
export function zoneLimits(report: Report | undefined, zone: (id: string) => ZoneInfo | undefined): ProfileLimit[] {
  const ids = [...new Set((report?.findings ?? []).flatMap((f) => (f.zoneId ? [f.zoneId] : [])))];
  return ids.flatMap((id) => {
    const z = zone(id);
    if (!z) return [];
    const name = localized(z.name);
    const out: ProfileLimit[] = [];
    if (z.lower && z.lower.value > 0)
      out.push({
        label: t('plan.profile.floor', { zone: name }),
        valueM: toMetres(z.lower),
        ref: z.lower.ref,
        kind: 'zone',
      });
    if (z.upper)
      out.push({
        label: t('plan.profile.ceiling', { zone: name }),
        valueM: toMetres(z.upper),
        ref: z.upper.ref,
        kind: 'zone',
      });
    return out;
  });
}

function svg(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function path(xs: number[], ys: number[]): string {
  return xs.map((x, i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${ys[i].toFixed(1)}`).join(' ');
}

/** The chart: y in metres AMSL, x in km along the route. */
export function renderProfile(input: ProfileInput, points: ProfilePoint[], ground: GroundResponse): SVGElement {
  const g = ground.groundM;
  const route = points.map((p, i) => (input.altitudeRef === 'AGL' ? p.alt + g[i] : p.alt));
  const limitLines = input.limits.map((l) => ({ l, ys: g.map((gm) => (l.ref === 'AGL' ? gm + l.valueM : l.valueM)) }));
  const lo = Math.min(0, ...g, ...route);
  const base = Math.max(...g, ...route, 1);
  // limits far above the flight (an airway ceiling) are left out rather than squash the route flat
  const shown = limitLines.filter(({ ys }) => Math.min(...ys) <= base * 2.5 + 50);
  const hi = Math.max(base, ...shown.flatMap(({ ys }) => ys)) * 1.1 + 5;
  const total = points[points.length - 1]?.d || 1;
  const x = (d: number) => PAD.left + ((W - PAD.left - PAD.right) * d) / total;
  const y = (m: number) => PAD.top + ((H - PAD.top - PAD.bottom) * (hi - m)) / (hi - lo);
  const xs = points.map((p) => x(p.d));
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'profile-chart',
    role: 'img',
    'aria-label': t('plan.profile.title'),
  });
  const groundArea = `${path(xs, g.map(y))} L${x(total).toFixed(1)},${y(lo).toFixed(1)} L${x(0).toFixed(1)},${y(lo).toFixed(1)} Z`;
  root.append(
    svg('path', { d: groundArea, class: 'profile-ground-fill' }),
    svg('path', { d: path(xs, g.map(y)), class: 'profile-ground', 'data-testid': 'profile-ground' }),
  );
  for (const { l, ys } of shown) {
    root.append(
      svg('path', { d: path(xs, ys.map(y)), class: `profile-${l.kind}`, 'data-testid': `profile-${l.kind}` }),
      svg('text', { x: PAD.left + 4, y: y(ys[0]) - 3, class: 'profile-label' }, l.label),
    );
  }
  root.append(svg('path', { d: path(xs, route.map(y)), class: 'profile-route', 'data-testid': 'profile-route' }));
  for (const m of [lo, (lo + hi) / 2, hi])
    root.append(
      svg('text', { x: PAD.left - 4, y: y(m) + 3, class: 'profile-axis', 'text-anchor': 'end' }, `${Math.round(m)}`),
    );
  root.append(
    svg('text', { x: 2, y: H - 6, class: 'profile-axis' }, 'm AMSL'),
    svg(
      'text',
      { x: W - PAD.right, y: H - 6, class: 'profile-axis', 'text-anchor': 'end' },
      `${(total / 1000).toFixed(2)} km`,
    ),
  );
  return root;
}

/**
 * The profile panel of the plan checker: it asks the server for the ground when the route changes and redraws.
 * `el` stays the same element across the view's re-renders.
 */
export class AltitudeProfile {
  readonly el = h('section', { class: 'profile', 'data-testid': 'profile', 'aria-live': 'polite' });
  private key = '';
  private ground: { key: string; points: ProfilePoint[]; answer: GroundResponse } | undefined;
  private input: ProfileInput | undefined;

  update(input: ProfileInput): void {
    this.input = input;
    const key = JSON.stringify(input.waypoints.map((w) => [w.lon, w.lat, w.alt]));
    if (input.waypoints.length < 2) {
      this.key = key;
      this.el.replaceChildren();
      return;
    }
    if (this.ground?.key === key) {
      this.draw();
      return;
    }
    if (key === this.key) return; // already asked
    this.key = key;
    const points = sampleRoute(input.waypoints);
    this.el.replaceChildren(
      h('h3', {}, t('plan.profile.title')),
      h('p', { class: 'muted small' }, t('plan.profile.loading')),
    );
    fetchGround(points).then(
      (answer) => {
        if (this.key !== key) return;
        this.ground = { key, points, answer };
        this.draw();
      },
      () => {
        if (this.key !== key) return;
        this.key = '';
        this.el.replaceChildren(
          h('h3', {}, t('plan.profile.title')),
          h('p', { class: 'error small' }, t('plan.profile.error')),
        );
      },
    );
  }

  private draw(): void {
    const input = this.input;
    const ground = this.ground;
    if (!input || !ground) return;
    const caption = modelCaption(ground.answer.model);
    this.el.replaceChildren(
      h('h3', {}, t('plan.profile.title')),
      renderProfile(input, ground.points, ground.answer),
      h(
        'p',
        { class: 'muted small', 'data-testid': 'profile-caption' },
        t('plan.profile.legend', { ref: input.altitudeRef }),
        ' ',
        caption,
        // the terrain models cover Hong Kong only: elsewhere the ground is drawn at sea level, and the chart says so
        ground.answer.model.terrain && outsideHongKong(input.waypoints) !== 'inside'
          ? ` ${t('plan.profile.outsideModel')}`
          : '',
      ),
    );
  }
}
