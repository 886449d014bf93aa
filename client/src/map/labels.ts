import type { Map as MapLibreMap } from 'maplibre-gl';

export interface LabelItem {
  id: string;
  lon: number;
  lat: number;
  text: string;
}

const MAX_LABELS = 60;
const MIN_ZOOM = 11.5;

/**
 * Aircraft labels as HTML over the canvas (the style ships no glyphs). Drawn only when zoomed in and when
 * few enough aircraft are in view, re-positioned once per animation frame after the map renders.
 */
export class LabelOverlay {
  private readonly root: HTMLDivElement;
  private readonly pool = new Map<string, HTMLDivElement>();
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

  private draw(): void {
    const visible: LabelItem[] = [];
    if (this.enabled && this.map.getZoom() >= MIN_ZOOM) {
      const b = this.map.getBounds();
      for (const it of this.items()) {
        if (it.lon < b.getWest() || it.lon > b.getEast() || it.lat < b.getSouth() || it.lat > b.getNorth()) continue;
        visible.push(it);
        if (visible.length > MAX_LABELS) break;
      }
    }
    const show = visible.length <= MAX_LABELS ? visible : [];
    const keep = new Set(show.map((v) => v.id));
    for (const [id, el] of this.pool)
      if (!keep.has(id)) {
        el.remove();
        this.pool.delete(id);
      }
    for (const it of show) {
      let el = this.pool.get(it.id);
      if (!el) {
        el = document.createElement('div');
        el.className = 'ac-label';
        this.root.appendChild(el);
        this.pool.set(it.id, el);
      }
      if (el.textContent !== it.text) el.textContent = it.text;
      const p = this.map.project([it.lon, it.lat]);
      el.style.transform = `translate(${Math.round(p.x + 9)}px, ${Math.round(p.y - 8)}px)`;
    }
  }
}
