import type { FlightPlanInput, Report } from '@sua-sandbox/rules/model';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { localized, type MessageKey, t } from '../i18n/index.js';
import { liveMessage } from '../live/words.js';
import type { ZoneInfo } from '../map/zone-model.js';
import { ZONE_FILL, type ZoneLayer } from '../map/zones.js';
import { citationLink } from '../ui/citation.js';
import { h } from '../ui/dom.js';
import { altitude } from '../ui/format.js';
import { classLabel, effectLabel } from '../ui/zone-popup.js';
import { checkPlan } from './api.js';
import { categoryHeightRule } from './height-limit.js';
import { DEFAULT_ALT_M, type PlanState, toFlightPlan } from './state.js';

/** What "can I fly here?" asks the engine: the plan's aircraft, crew and time, hovering at the point. */
export interface FlyHereQuestion {
  lon: number;
  lat: number;
  /** the plan with its route replaced by a short hover at the point (made by the caller from the form) */
  plan: FlightPlanInput;
  rulebookId: string;
  asOf: string;
  /** the zones drawn at the clicked point */
  zones: ZoneInfo[];
}

type Answer = { q: FlyHereQuestion; report: Report; limit: Awaited<ReturnType<typeof categoryHeightRule>> };

/**
 * "Can I fly here?" for a click anywhere on the map: the zones at the point with their limits and legal basis,
 * and the engine's answer for the aircraft in the form (its category, its height limit, what needs a permission
 * and what is not allowed), each with its citation. The answer is the plan checker's own check of a hover there.
 */
export class FlyHere {
  readonly el = h('section', { class: 'fly-here', hidden: true, 'aria-live': 'polite', 'data-testid': 'fly-here' });
  private answer: Answer | 'error' | 'asking' | undefined;
  private question: FlyHereQuestion | undefined;
  private asked = 0;

  async ask(q: FlyHereQuestion): Promise<void> {
    const n = ++this.asked;
    this.question = q;
    this.answer = 'asking';
    this.render();
    try {
      const report = await checkPlan(q.plan, q.rulebookId, q.asOf);
      const limit = await categoryHeightRule(report).catch(() => undefined);
      if (n === this.asked) this.answer = { q, report, limit };
    } catch {
      if (n === this.asked) this.answer = 'error';
    }
    if (n === this.asked) this.render();
  }

  /** Again in the current language (after a switch). */
  render(): void {
    const q = this.question;
    if (!q) return;
    const close = h('button', { type: 'button', class: 'btn small', 'aria-label': t('plan.here.close') }, '×');
    close.addEventListener('click', () => {
      this.el.hidden = true;
      this.question = undefined;
    });
    const where = `${q.lat.toFixed(5)}° N, ${q.lon.toFixed(5)}° E`;
    this.el.replaceChildren(
      h('div', { class: 'row' }, h('h3', {}, t('plan.here.title')), close),
      h('p', { class: 'small muted' }, where),
      this.zonesPart(q.zones),
      this.enginePart(),
    );
    this.el.hidden = false;
  }

  private zonesPart(zones: ZoneInfo[]): HTMLElement {
    if (zones.length === 0) return h('p', { class: 'small', 'data-testid': 'here-zones' }, t('plan.here.noZone'));
    return h(
      'ul',
      { class: 'small', 'data-testid': 'here-zones' },
      zones.map((z) =>
        h(
          'li',
          { 'data-zone': z.id },
          h('strong', {}, localized(z.name)),
          ` · ${[...new Set([classLabel(z.class), effectLabel(z.effect)])].join(' · ')} · ${t('zone.vertical')} ${altitude(z.lower)} – ${altitude(z.upper)}`,
          z.legalBasis ? h('span', {}, ' · ', citationLink(z.legalBasis)) : null,
        ),
      ),
    );
  }

  private enginePart(): HTMLElement {
    const a = this.answer;
    if (a === 'asking' || a === undefined) return h('p', { class: 'small muted' }, t('plan.here.asking'));
    if (a === 'error') return h('p', { class: 'small error' }, t('plan.here.error'));
    const { report, limit, q } = a;
    const alt = q.plan.route.coordinates[0]?.[2] ?? 0;
    const needs = report.findings.filter((f) => f.effect !== 'advisory' && !f.covered);
    const facts: (HTMLElement | null)[] = [
      h(
        'p',
        { class: 'small' },
        t('plan.here.forAircraft', {
          category: report.category,
          mass: `${q.plan.aircraft.mass.value} ${q.plan.aircraft.mass.unit}`,
          height: `${alt} m ${q.plan.route.altitudeRef}`,
        }),
      ),
      h(
        'p',
        {
          class: `here-verdict verdict-${report.verdict}`,
          'data-testid': 'here-verdict',
          'data-verdict': report.verdict,
        },
        t(`plan.here.verdict.${report.verdict}` as MessageKey),
      ),
      limit
        ? h(
            'p',
            { class: 'small', 'data-testid': 'here-limit' },
            t('plan.here.limit', { category: report.column ?? report.category, limit: altitude(limit.limit) }),
            ' · ',
            citationLink(limit.citation),
          )
        : null,
    ];
    return h(
      'div',
      {},
      ...facts,
      needs.length
        ? h(
            'ul',
            { class: 'small', 'data-testid': 'here-needs' },
            needs.map((f) =>
              h(
                'li',
                { 'data-rule': f.ruleId, 'data-effect': f.effect },
                h(
                  'span',
                  { class: `badge badge-${f.effect === 'prohibited' ? 'violation' : 'permission'}` },
                  t(`finding.effect.${f.effect}` as MessageKey),
                ),
                ' ',
                liveMessage(f, (id) => id),
                ' · ',
                citationLink(f.provision),
              ),
            ),
          )
        : null,
      h('p', { class: 'small muted' }, t('plan.here.basis')),
    );
  }
}

/** The zones drawn at a point of the map (the catalogue's, as the user sees them). */
export function zonesAt(map: MapLibreMap, zones: ZoneLayer, point: { x: number; y: number }): ZoneInfo[] {
  const ids = new Set(
    map.queryRenderedFeatures([point.x, point.y], { layers: [ZONE_FILL] }).map((f) => String(f.properties.id)),
  );
  return [...ids].flatMap((id) => {
    const z = zones.get(id);
    return z ? [z] : [];
  });
}

/**
 * A hover's ground speed: slower than any category's speed limit, so the answer is about the place and the aircraft,
 * not about a speed nobody chose (at the route's default 30 km/h an A1 mini drone, limited to less, lost its
 * exemption and the answer listed registration, labels and insurance).
 */
const HOVER_SPEED_KMH = 1;

/**
 * The question put to the engine: the form's aircraft, crew and time, hovering at the point at the route's highest
 * height (a route taking off from the ground starts at 0; no route: the default); no declared permissions, so the
 * answer says what would need one.
 */
export function hoverPlan(state: PlanState, lon: number, lat: number): FlightPlanInput {
  const highest = Math.max(0, ...state.waypoints.map((w) => w.alt));
  const alt = highest > 0 ? highest : DEFAULT_ALT_M;
  const hover = [
    { lon, lat, alt, speedKmh: HOVER_SPEED_KMH },
    { lon: lon + 0.00002, lat, alt, speedKmh: HOVER_SPEED_KMH },
  ];
  return toFlightPlan({ ...state, waypoints: hover, passthrough: {}, imported: undefined, pilotFollowsRoute: true });
}
