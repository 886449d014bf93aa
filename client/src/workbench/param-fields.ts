import type { RuleDef } from '@sua-sandbox/rules/model';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { effectLabel } from '../ui/zone-popup.js';
import { coerce, leaves, type ParamLeaf, type WorkbenchState } from './state.js';

/**
 * Rule and rulebook parameters as labelled fields. A quantity in the rulebook schema ({value, unit, ref}) is one
 * number field with its unit beside it (the unit is not free text), and every field says what the rulebook
 * itself holds, so an edit is always read against the current value.
 */

const OUTCOMES = ['advisory', 'requires-permission', 'prohibited'] as const;

/** "rotorTipLimit" → "Rotor tip limit": the fallback for a key the catalogue does not name. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function paramLabel(key: string): string {
  const k = `wb.p.${key}` as MessageKey;
  const text = t(k);
  return text === k ? humanize(key) : text;
}

export function globalLabel(name: string): string {
  const k = `wb.g.${name}` as MessageKey;
  const text = t(k);
  return text === k ? humanize(name) : text;
}

/** Printable value: quantities with their unit, effects in words, lists joined. */
function shown(v: unknown, unit = ''): string {
  if (v === null || v === undefined) return t('wb.notSet');
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (Array.isArray(v)) return v.length ? v.join(', ') : t('common.none');
  if (typeof v === 'object') return JSON.stringify(v);
  return `${v}${unit ? ` ${unit}` : ''}`;
}

function fieldId(...parts: string[]): string {
  return parts.join('-').replace(/[^a-zA-Z0-9_-]/g, '_');
}

interface FieldSpec {
  id: string;
  label: string;
  /** the rulebook's own value */
  original: unknown;
  current: unknown;
  unit: string;
  edited: boolean;
  /** a select of these options (value → words) instead of a text or number field */
  options?: readonly { value: string; label: string }[];
  hint?: string;
  onSet(v: unknown): void;
}

function field(f: FieldSpec): HTMLElement {
  const input = f.options
    ? h(
        'select',
        { id: f.id },
        f.options.map((o) => h('option', { value: o.value, selected: String(f.current) === o.value }, o.label)),
      )
    : typeof f.original === 'boolean'
      ? h('input', { id: f.id, type: 'checkbox', checked: f.current === true })
      : h('input', {
          id: f.id,
          type: typeof f.original === 'number' ? 'number' : 'text',
          step: 'any',
          // a value the law leaves open (null) is an empty field, not the text "null"
          value: f.current === null ? '' : typeof f.current === 'string' ? f.current : JSON.stringify(f.current),
          placeholder: f.current === null ? t('wb.notSet') : undefined,
        });
  input.addEventListener('change', () => {
    if (input instanceof HTMLInputElement && input.type === 'checkbox') f.onSet(input.checked);
    else if (f.original === null && input.value.trim() === '') f.onSet(null);
    else f.onSet(coerce(input.value, f.original));
  });
  return h(
    'div',
    { class: `param-field${f.edited ? ' edited' : ''}`, 'data-param': f.id },
    h('label', { for: f.id }, f.label, f.unit ? h('span', { class: 'muted' }, ` (${f.unit})`) : null),
    input,
    h(
      'p',
      { class: 'small muted' },
      t('wb.currentValue', { value: shown(f.original, f.unit) }),
      f.hint ? ` · ${f.hint}` : '',
    ),
  );
}

/** The fields of one rule: quantities as one field each, outcomes as a choice, flags as a checkbox. */
export function ruleParamFields(s: WorkbenchState, rule: RuleDef, onChange: () => void): HTMLElement[] {
  const all = leaves(rule.params);
  const byPath = new Map(all.map((l) => [l.path, l]));
  const quantityOf = (l: ParamLeaf) => {
    const prefix = l.path.endsWith('.value') ? l.path.slice(0, -'.value'.length) : undefined;
    const unit = prefix !== undefined ? byPath.get(`${prefix}.unit`) : undefined;
    if (prefix === undefined || !unit || typeof unit.value !== 'string') return undefined;
    const ref = byPath.get(`${prefix}.ref`)?.value;
    return { prefix, unit: `${unit.value}${typeof ref === 'string' ? ` ${ref}` : ''}` };
  };
  const quantities = all.map(quantityOf).filter((q) => q !== undefined);
  const partOfQuantity = (path: string) =>
    quantities.some((q) => path === `${q.prefix}.unit` || path === `${q.prefix}.ref`);
  const out: HTMLElement[] = [];
  for (const leaf of all) {
    if (partOfQuantity(leaf.path)) continue;
    const key = `${rule.id}|${leaf.path}`;
    const lastKey = leaf.path.split('.').slice(-1)[0];
    const q = quantityOf(leaf);
    const label = paramLabel(q ? q.prefix.split('.').slice(-1)[0] : lastKey);
    if (leaf.ref) {
      out.push(h('p', { class: 'small' }, `${label}: `, t('wb.usesGlobal', { name: globalLabel(leaf.ref) })));
      continue;
    }
    const isOutcome = (lastKey === 'outcome' || lastKey === 'effect') && OUTCOMES.some((o) => o === leaf.value);
    if (typeof leaf.value === 'string' && !isOutcome) {
      const text = lastKey === 'zoneEffect' ? effectLabel(leaf.value) : leaf.value;
      out.push(h('p', { class: 'small' }, `${label}: `, h('strong', {}, text)));
      continue;
    }
    out.push(
      field({
        id: fieldId('p', rule.id, leaf.path),
        label,
        original: leaf.value,
        current: s.ruleParams.has(key) ? s.ruleParams.get(key) : leaf.value,
        unit: q?.unit ?? '',
        edited: s.ruleParams.has(key),
        options: isOutcome
          ? OUTCOMES.map((o) => ({ value: o, label: t(`finding.effect.${o}` as MessageKey) }))
          : undefined,
        onSet: (v) => {
          if (JSON.stringify(v) === JSON.stringify(leaf.value)) s.ruleParams.delete(key);
          else s.ruleParams.set(key, v);
          onChange();
        },
      }),
    );
  }
  return out;
}

/** The rulebook's global parameters (a change becomes `set-global`), labelled, with unit and the law's status. */
export function globalParamFields(s: WorkbenchState, onChange: () => void): HTMLElement {
  const params = s.base?.parameters ?? {};
  return h(
    'div',
    { class: 'params', 'data-testid': 'wb-params' },
    Object.entries(params).map(([name, p]) =>
      field({
        id: fieldId('g', name),
        label: globalLabel(name),
        original: p.value,
        current: s.globals.has(name) ? s.globals.get(name) : p.value,
        unit: p.unit ?? '',
        edited: s.globals.has(name),
        hint: p.unknownInLaw ? t('wb.unknownInLaw') : undefined,
        onSet: (v) => {
          if (JSON.stringify(v) === JSON.stringify(p.value)) s.globals.delete(name);
          else s.globals.set(name, v);
          onChange();
        },
      }),
    ),
  );
}
