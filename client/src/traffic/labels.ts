import type { Map as MapLibreMap } from 'maplibre-gl';

/** One piece of a label: plain text in the UI's language, or data kept as written (a name, in English). */
export type LabelPart = string | { text: string; asWritten: 'en' | 'name' };

export interface TrafficLabel {
  id: string;
  lon: number;
  lat: number;
  parts: LabelPart[];
  tone: 'network' | 'intent' | 'conflict';
}

/**
 * Route, vertiport, intent and conflict labels as HTML over the canvas (the offline style ships no glyphs).
 * Hidden from assistive technology: the panel lists the same things. Data names are marked so the 繁中 DOM scan
 * and screen readers know they are not UI text: English-only data as lang="en", operators' names as translate="no".
 */
export class TrafficLabels {
  private readonly root: HTMLDivElement;
  private items: TrafficLabel[] = [];
  private scheduled = false;

  constructor(private readonly map: MapLibreMap) {
    this.root = document.createElement('div');
    this.root.className = 'label-overlay traffic-labels';
    this.root.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.root);
    map.on('render', () => this.schedule());
  }

  set(items: TrafficLabel[]): void {
    this.items = items;
    this.root.replaceChildren(...items.map((it) => this.element(it)));
    this.schedule();
  }

  setVisible(visible: boolean): void {
    this.root.hidden = !visible;
  }

  private element(it: TrafficLabel): HTMLDivElement {
    const el = document.createElement('div');
    el.className = `ac-label traffic-label traffic-label-${it.tone}`;
    el.dataset.labelId = it.id;
    for (const p of it.parts) {
      if (typeof p === 'string') el.append(p);
      else {
        const span = document.createElement('span');
        span.textContent = p.text;
        if (p.asWritten === 'en') span.lang = 'en';
        else span.setAttribute('translate', 'no');
        el.append(span);
      }
    }
    return el;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.place();
    });
  }

  private place(): void {
    const { width, height } = this.map.getCanvas().getBoundingClientRect();
    const els = this.root.children;
    this.items.forEach((it, i) => {
      const el = els[i];
      if (!(el instanceof HTMLElement)) return;
      const p = this.map.project([it.lon, it.lat]);
      const inView = p.x >= -50 && p.y >= -20 && p.x <= width + 50 && p.y <= height + 20;
      el.hidden = !inView;
      el.style.transform = `translate(${Math.round(p.x + 6)}px, ${Math.round(p.y - 8)}px)`;
    });
  }
}
