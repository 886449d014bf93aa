import type { Zone } from '@sua-sandbox/rules/model';
import type { AppContext } from '../app/context.js';
import { localized, t } from '../i18n/index.js';
import type { RouteLayer } from '../map/route.js';
import { h } from '../ui/dom.js';
import { altitude } from '../ui/format.js';
import type { WorkbenchState } from './state.js';

interface ZoneForm {
  nameEn: string;
  nameZh: string;
  radiusM: number;
  lowerM: number;
  upperM: number;
  from: string;
  to: string;
}

/**
 * Drawing temporary zones for a draft: a polygon (click corners, Finish) or a circle (click the centre,
 * radius from the form), with vertical limits and a validity window in Hong Kong time.
 */
export class ZoneDrawer {
  private mode: 'polygon' | 'circle' | null = null;
  private points: [number, number][] = [];
  private form: ZoneForm = {
    nameEn: 'Temporary restriction',
    nameZh: '臨時限制區',
    radiusM: 1000,
    lowerM: 0,
    upperM: 150,
    from: '',
    to: '',
  };

  constructor(
    private readonly ctx: AppContext,
    private readonly preview: RouteLayer,
    private readonly s: WorkbenchState,
    private readonly onChange: () => void,
  ) {}

  stop(): void {
    this.mode = null;
    this.points = [];
    this.preview.clear();
    this.ctx.setDrawMode(null);
  }

  private begin(mode: 'polygon' | 'circle'): void {
    this.stop();
    this.mode = mode;
    this.ctx.setDrawMode((p) => {
      if (this.mode === 'circle') {
        this.finish([p]);
        return;
      }
      this.points.push(p);
      this.preview.setRoute(this.points.length > 2 ? [...this.points, this.points[0]] : this.points);
    });
    this.onChange();
  }

  private finish(points: [number, number][]): void {
    const mode = this.mode;
    this.stop();
    if (!mode) return;
    const f = this.form;
    const n = this.s.zones.length + 1;
    const hk = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined);
    const windows = f.from || f.to ? [{ from: hk(f.from), to: hk(f.to) }] : undefined;
    const geometry: Zone['geometry'] =
      mode === 'circle'
        ? { type: 'Circle', center: points[0], radiusM: f.radiusM }
        : { type: 'Polygon', coordinates: [[...points, points[0]]] };
    if (mode === 'polygon' && points.length < 3) {
      this.onChange();
      return;
    }
    this.s.zones.push({
      id: `${this.s.id}-zone-${n}`,
      name: { en: f.nameEn || `Zone ${n}`, zh: f.nameZh || f.nameEn || `區域 ${n}` },
      class: 'temporary-restriction',
      effect: 'restricted-flying-zone',
      geometry,
      lower: { value: f.lowerM, unit: 'm', ref: 'AGL' },
      upper: { value: f.upperM, unit: 'm', ref: 'AGL' },
      timing: windows ? { windows, utcOffset: '+08:00' } : undefined,
      appliesTo: 'SUA',
      provenance: { accuracy: 'user', source: 'drawn in the rule-draft workbench', illustrative: true },
    });
    this.onChange();
  }

  render(): HTMLElement {
    const f = this.form;
    const input = (id: string, label: string, type: string, key: keyof ZoneForm) => {
      const el = h('input', { id, type, value: String(f[key]), step: type === 'number' ? 'any' : undefined });
      el.addEventListener('change', () => {
        const v = type === 'number' ? Number(el.value) : el.value;
        Object.assign(f, { [key]: v });
      });
      return h('div', { class: 'field' }, h('label', { for: id }, label), el);
    };
    const polyBtn = h(
      'button',
      { type: 'button', class: 'btn', 'aria-pressed': String(this.mode === 'polygon') },
      t('wb.drawPolygon'),
    );
    polyBtn.addEventListener('click', () => this.begin('polygon'));
    const circleBtn = h(
      'button',
      { type: 'button', class: 'btn', 'aria-pressed': String(this.mode === 'circle') },
      t('wb.drawCircle'),
    );
    circleBtn.addEventListener('click', () => this.begin('circle'));
    const finishBtn = h(
      'button',
      { type: 'button', class: 'btn primary', hidden: this.mode !== 'polygon' },
      t('plan.finish'),
    );
    finishBtn.addEventListener('click', () => this.finish(this.points));
    const list = this.s.zones.map((z, i) => {
      const rm = h(
        'button',
        { type: 'button', class: 'btn small', 'aria-label': t('a11y.removeZone', { name: localized(z.name) }) },
        t('common.remove'),
      );
      rm.addEventListener('click', () => {
        this.s.zones.splice(i, 1);
        this.onChange();
      });
      return h('li', {}, `${localized(z.name)} · ${altitude(z.lower)}–${altitude(z.upper)} `, rm);
    });
    return h(
      'div',
      { class: 'zone-drawer' },
      h(
        'div',
        { class: 'row' },
        input('wbz-en', `${t('wb.zoneName')} (EN)`, 'text', 'nameEn'),
        input('wbz-zh', `${t('wb.zoneName')} (中)`, 'text', 'nameZh'),
      ),
      h(
        'div',
        { class: 'row' },
        input('wbz-lower', t('wb.lower'), 'number', 'lowerM'),
        input('wbz-upper', t('wb.upper'), 'number', 'upperM'),
        input('wbz-r', t('wb.radius'), 'number', 'radiusM'),
      ),
      h(
        'div',
        { class: 'row' },
        input('wbz-from', t('wb.validFrom'), 'datetime-local', 'from'),
        input('wbz-to', t('wb.validTo'), 'datetime-local', 'to'),
      ),
      h('div', { class: 'row' }, polyBtn, circleBtn, finishBtn),
      this.mode
        ? h(
            'p',
            { class: 'small', role: 'status' },
            this.mode === 'polygon' ? t('wb.drawHintPolygon') : t('wb.drawHintCircle'),
          )
        : null,
      list.length ? h('ul', {}, list) : null,
    );
  }
}
