import type { Report } from '@sua-sandbox/rules/model';
import { t } from '../i18n/index.js';
import { HK_BOUNDS } from '../map/style.js';
import { h } from '../ui/dom.js';

export type Whereabouts = 'inside' | 'crossing' | 'outside';

const [[WEST, SOUTH], [EAST, NORTH]] = HK_BOUNDS;

/**
 * Where a route lies against Hong Kong: the checked report's answer (the HKSAR boundary zone) when there is
 * one, else at once from the territory's bounding box, so a route drawn or imported far away (Zürich) is
 * flagged before any check.
 */
export function outsideHongKong(
  waypoints: readonly { lon: number; lat: number }[],
  report?: Pick<Report, 'jurisdiction'>,
): Whereabouts {
  const j = report?.jurisdiction;
  if (j === 'inside' || j === 'crossing' || j === 'outside') return j;
  if (waypoints.length === 0) return 'inside';
  const inBox = waypoints.filter((w) => w.lon >= WEST && w.lon <= EAST && w.lat >= SOUTH && w.lat <= NORTH).length;
  if (inBox === waypoints.length) return 'inside';
  return inBox === 0 ? 'outside' : 'crossing';
}

/** The warning for a route (partly) outside Hong Kong: drawn where it is, but the Order does not apply there. */
export function outsideWarning(
  waypoints: readonly { lon: number; lat: number }[],
  report?: Pick<Report, 'jurisdiction'>,
): HTMLElement | null {
  const where = outsideHongKong(waypoints, report);
  if (where === 'inside') return null;
  return h(
    'p',
    { class: 'warn-box', role: 'status', 'data-testid': 'outside-hk', 'data-where': where },
    t(where === 'outside' ? 'plan.outside.all' : 'plan.outside.part'),
  );
}
