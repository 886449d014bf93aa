import { checkLonLat, toNumber } from './common.js';
import { PlanImportError } from './errors.js';
import { child, childrenNamed, findAll, type XmlElement } from './xml.js';

export type KmlFormat = 'kml' | 'kmz';

export interface PlacemarkInfo {
  el: XmlElement;
  /** `Placemark 'WP3'`, or `Placemark[4]` (document order) when it has no name */
  item: string;
  name?: string;
  /** the nearest enclosing Folder (DJI WPML keeps wayline settings there) */
  folder?: XmlElement;
}

/** Every Placemark in document order with its nearest Folder. */
export function collectPlacemarks(root: XmlElement): PlacemarkInfo[] {
  const out: PlacemarkInfo[] = [];
  const walk = (el: XmlElement, folder: XmlElement | undefined) => {
    for (const c of el.children) {
      if (c.name === 'Placemark') {
        const name = child(c, 'name')?.text || undefined;
        out.push({ el: c, name, folder, item: name ? `Placemark '${name}'` : `Placemark[${out.length}]` });
      } else walk(c, c.name === 'Folder' ? c : folder);
    }
  };
  walk(root, undefined);
  return out;
}

/** The reference a KML altitudeMode gives; clampToGround (the KML default) puts the path on the ground. */
export function kmlAltitudeMode(
  mode: string | undefined,
  format: KmlFormat,
  item: string,
  field: string,
): 'AGL' | 'AMSL' | 'clamp' {
  if (mode === undefined || mode === '' || mode === 'clampToGround') return 'clamp';
  if (mode === 'relativeToGround') return 'AGL';
  if (mode === 'absolute') return 'AMSL';
  throw new PlanImportError(
    format,
    item,
    field,
    `altitudeMode "${mode}" is not supported (use relativeToGround or absolute)`,
  );
}

/** `lon,lat[,alt]` tuples separated by whitespace. */
export function parseCoordinates(
  text: string | undefined,
  format: KmlFormat,
  item: string,
  field: string,
): [number, number, number | undefined][] {
  const tuples = (text ?? '')
    .replace(/\s*,\s*/g, ',')
    .split(/\s+/)
    .filter(Boolean);
  if (tuples.length === 0) throw new PlanImportError(format, item, field, 'no coordinates');
  return tuples.map((tuple, i) => {
    const parts = tuple.split(',');
    const f = `${field}[${i}]`;
    if (parts.length < 2 || parts.length > 3)
      throw new PlanImportError(format, item, f, `"${tuple}" is not lon,lat[,alt]`);
    const [lon, lat] = checkLonLat(toNumber(parts[0]), toNumber(parts[1]), format, item, { lon: f, lat: f });
    const alt = toNumber(parts[2]);
    if (alt !== undefined && Number.isNaN(alt))
      throw new PlanImportError(format, item, f, `altitude "${parts[2]}" is not a number`);
    return [lon, lat, alt];
  });
}

/** ExtendedData `<Data name><value>` and `<SchemaData><SimpleData name>` entries, keys lower-cased. */
export function extendedData(placemark: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  const ext = child(placemark, 'ExtendedData');
  if (!ext) return out;
  for (const d of findAll(ext, 'Data'))
    if (d.attrs.name) out.set(d.attrs.name.toLowerCase(), child(d, 'value')?.text ?? d.text);
  for (const s of findAll(ext, 'SimpleData')) if (s.attrs.name) out.set(s.attrs.name.toLowerCase(), s.text);
  return out;
}

/** A non-negative number from ExtendedData, or undefined; a present but bad value names the entry. */
export function extendedNumber(
  data: Map<string, string>,
  keys: string[],
  format: KmlFormat,
  item: string,
): number | undefined {
  for (const key of keys) {
    const raw = data.get(key);
    if (raw === undefined) continue;
    const n = toNumber(raw);
    if (n === undefined || Number.isNaN(n) || n < 0)
      throw new PlanImportError(format, item, `ExtendedData.${key}`, `"${raw}" is not a non-negative number`);
    return n;
  }
  return undefined;
}

/** The geometry a placemark contributes: a path (LineString or gx:Track, also inside Multi*), a point, or other. */
export function placemarkGeometry(pm: XmlElement): { kind: 'line' | 'track' | 'point' | 'other'; el?: XmlElement } {
  const multi = [...childrenNamed(pm, 'MultiGeometry'), ...childrenNamed(pm, 'MultiTrack')];
  const candidates = [pm, ...multi];
  for (const parent of candidates) {
    const line = child(parent, 'LineString');
    if (line) return { kind: 'line', el: line };
    const track = child(parent, 'Track');
    if (track) return { kind: 'track', el: track };
  }
  const point = child(pm, 'Point');
  return point ? { kind: 'point', el: point } : { kind: 'other' };
}
