import type { ExpressionSpecification } from 'maplibre-gl';
import { matchTable } from './expr.js';

/**
 * Zone colours and line patterns as data: the layers read `effect` and `class` from each feature through
 * these expressions; the legend reads the same tables, so map and legend cannot disagree.
 */
export const EFFECT_COLOURS: Record<string, string> = {
  'restricted-flying-zone': '#d9480f',
  prohibition: '#a61e4d',
  advisory: '#4c6ef5',
  boundary: '#7048e8',
  'sandbox-corridor': '#2b8a3e',
  'enclosed-area': '#495057',
  'uninvolved-persons': '#f08c00',
};
export const FALLBACK_COLOUR = '#868e96';

/** Classes drawn with a dashed outline: temporary restrictions and the HKSAR boundary. */
export const DASHED_CLASSES = ['temporary-restriction', 'hksar-boundary', 'crowd', 'operator-geofence'];

export const zoneColour = matchTable('effect', EFFECT_COLOURS, FALLBACK_COLOUR);

/** The boundary is a line, not an area; prohibitions are the most opaque. */
export const zoneFillOpacity: ExpressionSpecification = [
  'case',
  ['boolean', ['feature-state', 'selected'], false],
  0.45,
  ['match', ['get', 'effect'], 'boundary', 0, 'prohibition', 0.3, 'advisory', 0.08, 'sandbox-corridor', 0.15, 0.2],
];

export const zoneLineWidth: ExpressionSpecification = [
  'case',
  ['boolean', ['feature-state', 'selected'], false],
  3,
  ['match', ['get', 'class'], 'hksar-boundary', 2.5, ['aip-prohibited', 'aip-restricted', 'aip-danger'], 1, 1.5],
];

/** Hidden when the zone is not active at the current (simulation or plan) time. */
export const activeFilter: ExpressionSpecification = ['!=', ['get', 'active'], false];
