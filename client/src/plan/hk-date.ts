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

/** Why a date or time text could not be read, in words: a day that does not exist, or another format. */
function problemOf(kind: 'date' | 'time', text: string): string {
  if (kind === 'time') return t('plan.badTime');
  return /^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/.test(text) ? t('plan.noSuchDate', { text: text.trim() }) : t('plan.badDate');
}

/**
 * A text field for a date as dd/mm/yyyy (or a time as HH:MM, 24-hour), whatever the browser's locale: the native
 * date inputs show mm/dd/yyyy and AM/PM in an American browser. A wrong value is marked and said next to it, and
 * kept as typed (`entry`, `onEntry`): the panel is drawn again from its state, and the check refuses to run with
 * the last good value while the field shows another.
 */
export function hkField(opts: {
  id: string;
  kind: 'date' | 'time';
  value: string;
  /** the text last typed here when it could not be read: shown (and marked) instead of `value` */
  entry?: string;
  optional?: boolean;
  /** the accessible name when no <label for> names the field */
  label?: string;
  onValue: (value: string) => void;
  /** the text typed when it cannot be read, undefined once it can */
  onEntry: (text: string | undefined) => void;
}): HTMLElement {
  const input = h('input', {
    type: 'text',
    id: opts.id,
    value: opts.entry ?? opts.value,
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: opts.kind === 'date' ? t('plan.datePlaceholder') : t('plan.timePlaceholder'),
    size: opts.kind === 'date' ? 10 : 5,
  });
  if (opts.label) input.setAttribute('aria-label', opts.label);
  const msg = h('span', { class: 'field-error', id: `${opts.id}-format`, hidden: true });
  const mark = (problem: string | undefined) => {
    // "true", not an empty attribute: assistive technology reads aria-invalid="" as not invalid
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', msg.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
    msg.hidden = !problem;
    msg.textContent = problem ?? '';
  };
  if (opts.entry !== undefined) mark(problemOf(opts.kind, opts.entry));
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const parsed = text === '' && opts.optional ? '' : opts.kind === 'date' ? hkDateToIso(text) : hkTimeOfDay(text);
    mark(parsed === undefined ? problemOf(opts.kind, text) : undefined);
    opts.onEntry(parsed === undefined ? input.value : undefined);
    if (parsed !== undefined) opts.onValue(parsed);
  });
  return h('span', { class: 'hk-field' }, input, msg);
}
