import type { Map as MapLibreMap } from 'maplibre-gl';
import { onLangChange } from '../i18n/index.js';

export interface LabelItem {
  id: string;
  lon: number;
  lat: number;
  text: string;
  /** higher is placed first and so wins a contested spot: the selected aircraft, then violations */
  priority?: number;
}

type Box = [number, number, number, number];

const MAX_LABELS = 60;
const MIN_ZOOM = 11.5;
/** Gap kept between the aircraft symbol and its label, and between two labels. */
const GAP = 9;
const PAD = 2;

/** Where a label's top-left corner may go around its aircraft at (x, y), best first: right, left, below, above. */
const SPOTS: ((x: number, y: number, w: number, h: number) => [number, number])[] = [
  (x, y, _w, h) => [x + GAP, y - h / 2],
  (x, y, w, h) => [x - GAP - w, y - h / 2],
  (x, y) => [x + GAP / 2, y + GAP / 2],
  (x, y, _w, h) => [x + GAP / 2, y - GAP / 2 - h],
];

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** The first spot around (x, y) whose box clears every taken box, or undefined when none does. */
export function placeLabel(
  x: number,
  y: number,
  size: { w: number; h: number },
  taken: readonly Box[],
): Box | undefined {
  for (const spot of SPOTS) {
    const [left, top] = spot(x, y, size.w, size.h);
    const box: Box = [left - PAD, top - PAD, left + size.w + PAD, top + size.h + PAD];
    if (!taken.some((t) => overlaps(t, box))) return box;
  }
  return undefined;
}

/**
 * Aircraft labels as HTML over the canvas (the style ships no glyphs). Drawn only when zoomed in and when
 * few enough aircraft are in view, re-positioned once per animation frame after the map renders. A label that
 * would overlap one already placed tries the other sides of its aircraft and is left out when none is free, so
 * the selected aircraft and violations (placed first) are always readable.
 */
export class LabelOverlay {
  private readonly root: HTMLDivElement;
  private readonly pool = new Map<string, HTMLDivElement>();
  /** rendered size per label element, measured only when its text changes (one layout read per frame) */
  private readonly sizes = new WeakMap<HTMLDivElement, { w: number; h: number }>();
  private scheduled = false;
  private enabled = true;

  constructor(
    private readonly map: MapLibreMap,
    private readonly items: () => Iterable<LabelItem>,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'label-overlay';
    this.root.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.root);
    map.on('render', () => this.schedule());
    // names follow the language even while the clock is paused and the map is not re-rendering
    const off = onLangChange(() => this.schedule());
    map.on('remove', off);
  }

  setEnabled(on: boolean): void {
    this.enabled = on;
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  private visibleItems(): LabelItem[] {
    const visible: LabelItem[] = [];
    if (!this.enabled || this.map.getZoom() < MIN_ZOOM) return visible;
    const b = this.map.getBounds();
    for (const it of this.items()) {
      if (it.lon < b.getWest() || it.lon > b.getEast() || it.lat < b.getSouth() || it.lat > b.getNorth()) continue;
      visible.push(it);
      if (visible.length > MAX_LABELS) return [];
    }
    return visible.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  }

  private draw(): void {
    const show = this.visibleItems();
    const keep = new Set(show.map((v) => v.id));
    for (const [id, el] of this.pool)
      if (!keep.has(id)) {
        el.remove();
        this.pool.delete(id);
      }
    // writes first (text), then one layout for the widths that changed, then positions
    const changed: HTMLDivElement[] = [];
    const els = show.map((it) => {
      let el = this.pool.get(it.id);
      if (!el) {
        el = document.createElement('div');
        el.className = 'ac-label';
        el.dataset.id = it.id;
        this.root.appendChild(el);
        this.pool.set(it.id, el);
      }
      if (el.textContent !== it.text || !this.sizes.has(el)) {
        el.textContent = it.text;
        el.hidden = false;
        changed.push(el);
      }
      return el;
    });
    for (const el of changed) this.sizes.set(el, { w: el.offsetWidth, h: el.offsetHeight });
    const taken: Box[] = [];
    show.forEach((it, i) => {
      const el = els[i];
      const p = this.map.project([it.lon, it.lat]);
      // the aircraft's own symbol is never covered by a later label
      taken.push([p.x - 6, p.y - 6, p.x + 6, p.y + 6]);
      const box = placeLabel(p.x, p.y, this.sizes.get(el) ?? { w: 0, h: 0 }, taken);
      el.hidden = !box;
      if (!box) return;
      taken.push(box);
      el.style.transform = `translate(${Math.round(box[0] + PAD)}px, ${Math.round(box[1] + PAD)}px)`;
    });
  }
}
