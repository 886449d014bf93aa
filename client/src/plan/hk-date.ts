import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

/** "2026-12-07" → "07/12/2026", the way Hong Kong writes dates. */
export function isoToHkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** "7/12/2026" or "07/12/2026" → "2026-12-07"; undefined for anything else or a day that does not exist. */
export function hkDateToIso(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "9:05" or "09:05" (24-hour) → "09:05"; undefined otherwise. */
export function hkTimeOfDay(text: string): string | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/**
 * A text field for a date as dd/mm/yyyy (or a time as HH:MM, 24-hour), whatever the browser's locale: the native
 * date inputs show mm/dd/yyyy and AM/PM in an American browser. A wrong value is marked and said next to it.
 */
export function hkField(opts: {
  id: string;
  kind: 'date' | 'time';
  value: string;
  optional?: boolean;
  /** the accessible name when no <label for> names the field */
  label?: string;
  onValue: (value: string) => void;
}): HTMLElement {
  const input = h('input', {
    type: 'text',
    id: opts.id,
    value: opts.value,
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: opts.kind === 'date' ? t('plan.datePlaceholder') : t('plan.timePlaceholder'),
    size: opts.kind === 'date' ? 10 : 5,
  });
  if (opts.label) input.setAttribute('aria-label', opts.label);
  const msg = h('span', { class: 'field-error', id: `${opts.id}-format`, hidden: true });
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const parsed = text === '' && opts.optional ? '' : opts.kind === 'date' ? hkDateToIso(text) : hkTimeOfDay(text);
    const bad = parsed === undefined;
    input.toggleAttribute('aria-invalid', bad);
    if (bad) input.setAttribute('aria-describedby', msg.id);
    else input.removeAttribute('aria-describedby');
    msg.hidden = !bad;
    msg.textContent = bad ? t(opts.kind === 'date' ? 'plan.badDate' : 'plan.badTime') : '';
    if (parsed !== undefined) opts.onValue(parsed);
  });
  return h('span', { class: 'hk-field' }, input, msg);
}
