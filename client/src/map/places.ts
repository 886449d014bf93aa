import type { Map as MapLibreMap } from 'maplibre-gl';
import { lang, onLangChange } from '../i18n/index.js';

/**
 * Offline place names for orientation (the offline style ships no glyphs, so they are HTML over the canvas,
 * like aircraft labels). Positions are approximate label anchors, not boundaries or survey points: the 18
 * districts (named as the Government names them), then the sites the scenarios and sandbox projects use.
 */
interface Place {
  en: string;
  zh: string;
  lon: number;
  lat: number;
  /** shown from this zoom; districts also hide once zoomed in past DISTRICT_MAX_ZOOM */
  minZoom: number;
  kind: 'district' | 'site';
}

const DISTRICT_MAX_ZOOM = 13;

const district = (en: string, zh: string, lon: number, lat: number): Place => ({
  en,
  zh,
  lon,
  lat,
  minZoom: 9,
  kind: 'district',
});
const site = (en: string, zh: string, lon: number, lat: number, minZoom = 10.5): Place => ({
  en,
  zh,
  lon,
  lat,
  minZoom,
  kind: 'site',
});

export const PLACES: readonly Place[] = [
  district('Central and Western', '中西區', 114.145, 22.283),
  district('Wan Chai', '灣仔區', 114.183, 22.272),
  district('Eastern', '東區', 114.226, 22.279),
  district('Southern', '南區', 114.17, 22.238),
  district('Yau Tsim Mong', '油尖旺區', 114.168, 22.309),
  district('Sham Shui Po', '深水埗區', 114.155, 22.333),
  district('Kowloon City', '九龍城區', 114.19, 22.322),
  district('Wong Tai Sin', '黃大仙區', 114.197, 22.345),
  district('Kwun Tong', '觀塘區', 114.226, 22.312),
  district('Kwai Tsing', '葵青區', 114.115, 22.352),
  district('Tsuen Wan', '荃灣區', 114.1, 22.377),
  district('Tuen Mun', '屯門區', 113.965, 22.392),
  district('Yuen Long', '元朗區', 114.03, 22.45),
  district('North', '北區', 114.15, 22.5),
  district('Tai Po', '大埔區', 114.18, 22.46),
  district('Sha Tin', '沙田區', 114.195, 22.385),
  district('Sai Kung', '西貢區', 114.3, 22.38),
  district('Islands', '離島區', 113.93, 22.24),
  site('Hong Kong International Airport', '香港國際機場', 113.915, 22.308, 9.5),
  site('Shek Kong Airfield', '石崗機場', 114.08, 22.436),
  site('Victoria Harbour', '維多利亞港', 114.172, 22.291, 10),
  site('Cyberport', '數碼港', 114.13, 22.261),
  site('Cheung Chau', '長洲', 114.029, 22.208),
  site('Tung Chung', '東涌', 113.941, 22.289),
  site('Mui Wo', '梅窩', 113.999, 22.265),
  site('Sunset Peak', '大東山', 113.953, 22.257),
  site('Tai Mo Shan', '大帽山', 114.124, 22.411),
  site('Hong Kong Science Park', '香港科學園', 114.21, 22.426),
  site('Ma On Shan', '馬鞍山', 114.232, 22.424),
  site('Kai Tak', '啟德', 114.214, 22.306),
  site('Lok Ma Chau', '落馬洲', 114.07, 22.513),
  site('Shenzhen', '深圳', 114.06, 22.545, 10),
];

/** Rough text box, for skipping labels that would overlap (no layout read per frame). */
function boxOf(text: string, zh: boolean, x: number, y: number): [number, number, number, number] {
  const w = text.length * (zh ? 12 : 6.2) + 8;
  return [x - w / 2, y - 8, x + w / 2, y + 8];
}

const overlaps = (a: readonly number[], b: readonly number[]) =>
  a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Draws PLACES over a map, in the current language, sites first, never two overlapping. */
export class PlaceLabels {
  private readonly root: HTMLDivElement;
  private readonly els = new Map<Place, HTMLDivElement>();
  private scheduled = false;

  constructor(private readonly map: MapLibreMap) {
    this.root = document.createElement('div');
    this.root.className = 'label-overlay place-labels';
    // names for sighted orientation; the map's accessible description and the panel carry the content
    this.root.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.root);
    map.on('render', () => this.schedule());
    const off = onLangChange(() => this.schedule());
    map.on('remove', off);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  private draw(): void {
    const zoom = this.map.getZoom();
    const zh = lang() === 'zh';
    const { clientWidth: width, clientHeight: height } = this.map.getContainer();
    const taken: number[][] = [];
    const shown = new Set<Place>();
    const ordered = [...PLACES].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'site' ? -1 : 1));
    for (const place of ordered) {
      if (zoom < place.minZoom || (place.kind === 'district' && zoom > DISTRICT_MAX_ZOOM)) continue;
      const p = this.map.project([place.lon, place.lat]);
      if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) continue;
      const text = zh ? place.zh : place.en;
      const box = boxOf(text, zh, p.x, p.y);
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      shown.add(place);
      let el = this.els.get(place);
      if (!el) {
        el = document.createElement('div');
        el.className = `place-label place-${place.kind}`;
        this.root.appendChild(el);
        this.els.set(place, el);
      }
      if (el.textContent !== text) el.textContent = text;
      el.style.transform = `translate(${Math.round(box[0])}px, ${Math.round(box[1])}px)`;
    }
    for (const [place, el] of this.els)
      if (!shown.has(place)) {
        el.remove();
        this.els.delete(place);
      }
  }
}
