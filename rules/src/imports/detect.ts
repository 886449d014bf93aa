import { decodeText } from './common.js';
import { isZip } from './kmz.js';
import type { PlanFormat } from './types.js';

const SNIFF_CHARS = 4096;

/**
 * Guesses the format from the content alone (not the file name): a ZIP is KMZ, JSON with `"fileType": "Plan"`
 * is QGC, other GeoJSON-typed JSON is GeoJSON, XML with a <gpx> or <kml> root is GPX or KML.
 * Matching is textual so that truncated files are still routed to their parser, which reports where they break.
 */
export function detectPlanFormat(content: string | Uint8Array): PlanFormat | undefined {
  if (typeof content !== 'string' && isZip(content)) return 'kmz';
  const head = decodeText(
    typeof content === 'string' ? content.slice(0, SNIFF_CHARS) : content.subarray(0, SNIFF_CHARS),
  );
  const text = head.trimStart();
  if (text.startsWith('{')) {
    if (/"fileType"\s*:\s*"Plan"/.test(text)) return 'qgc';
    if (/"type"\s*:\s*"(FeatureCollection|Feature|LineString)"/.test(text)) return 'geojson';
    return undefined;
  }
  if (text.startsWith('<')) {
    const root = /<(?!\?|!)(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(text);
    if (root?.[1] === 'gpx') return 'gpx';
    if (root?.[1] === 'kml') return 'kml';
  }
  return undefined;
}
