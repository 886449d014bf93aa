import { z } from 'zod';
import { type MessageKey, t } from '../i18n/index.js';
import { h } from '../ui/dom.js';

/**
 * A form generated from a zod schema (through z.toJSONSchema): objects become fieldsets, booleans
 * checkboxes, enums selects, numbers number inputs with the schema's bounds, nullable values a "(none)"
 * switch. Edits write into `value` in place and call `onChange`; the server validates the whole plan.
 */
type Json = Record<string, unknown>;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function schemaForm(schema: z.ZodType, value: Obj, onChange: () => void, idPrefix: string): HTMLElement {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const defs = isObj(root.$defs) ? root.$defs : {};
  const resolve = (node: Json): Json => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const target = defs[ref.slice('#/$defs/'.length)];
      return isObj(target) ? resolve({ ...target, ...node, $ref: undefined }) : node;
    }
    return node;
  };
  const body = resolve(root);
  return h('div', { class: 'schema-form' }, objectFields(body, value, onChange, idPrefix, resolve));
}

export function fieldLabel(name: string): string {
  const k = `field.${name}` as MessageKey;
  const text = t(k);
  if (text !== k) return text;
  return name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function objectFields(
  node: Json,
  value: Obj,
  onChange: () => void,
  id: string,
  resolve: (n: Json) => Json,
): HTMLElement[] {
  const props = isObj(node.properties) ? node.properties : {};
  return Object.entries(props).flatMap(([name, raw]) =>
    isObj(raw) ? [field(name, resolve(raw), value, onChange, `${id}-${name}`, resolve)] : [],
  );
}

function nonNullVariant(node: Json): Json | undefined {
  const any = Array.isArray(node.anyOf) ? node.anyOf.filter(isObj) : [];
  if (any.length !== 2 || !any.some((a) => a.type === 'null')) return undefined;
  return any.find((a) => a.type !== 'null');
}

function field(
  name: string,
  node: Json,
  parent: Obj,
  onChange: () => void,
  id: string,
  resolve: (n: Json) => Json,
): HTMLElement {
  const title = typeof node.description === 'string' ? node.description : undefined;
  const set = (v: unknown) => {
    if (v === undefined) delete parent[name];
    else parent[name] = v;
    onChange();
  };
  const inner = nonNullVariant(node);
  if (inner) return nullableField(name, resolve(inner), parent, onChange, id, resolve, title);

  if (node.type === 'object') {
    const current = isObj(parent[name]) ? (parent[name] as Obj) : {};
    parent[name] = current;
    return h(
      'fieldset',
      { id, title },
      h('legend', {}, fieldLabel(name)),
      objectFields(node, current, onChange, id, resolve),
    );
  }
  if (node.type === 'boolean') {
    const box = h('input', { type: 'checkbox', id, checked: parent[name] === true });
    box.addEventListener('change', () => set(box.checked));
    return h('label', { class: 'check', title }, box, ` ${fieldLabel(name)}`);
  }
  if (Array.isArray(node.enum) || typeof node.const === 'string') {
    const options = Array.isArray(node.enum) ? node.enum.map(String) : [String(node.const)];
    const sel = h(
      'select',
      { id },
      options.map((o) => h('option', { value: o, selected: parent[name] === o }, o)),
    );
    if (parent[name] === undefined) parent[name] = options[0];
    sel.addEventListener('change', () => set(sel.value));
    return labelled(name, id, sel, title);
  }
  if (node.type === 'number' || node.type === 'integer') {
    const input = numberInput(node, parent[name], id);
    input.addEventListener('change', () => set(input.value === '' ? undefined : Number(input.value)));
    return labelled(name, id, input, title);
  }
  if (node.type === 'array' && Array.isArray(node.prefixItems)) {
    const current = Array.isArray(parent[name]) ? (parent[name] as unknown[]) : [];
    parent[name] = current;
    const inputs = node.prefixItems.filter(isObj).map((item, i) => {
      const input = numberInput(resolve(item), current[i], `${id}-${i}`);
      input.setAttribute('aria-label', `${fieldLabel(name)} ${i + 1}`);
      input.addEventListener('change', () => {
        current[i] = Number(input.value);
        onChange();
      });
      return input;
    });
    return h('div', { class: 'field', title }, h('span', {}, fieldLabel(name)), h('div', { class: 'row' }, inputs));
  }
  if (node.type === 'string') {
    const input = h('input', { type: 'text', id, value: typeof parent[name] === 'string' ? String(parent[name]) : '' });
    input.addEventListener('change', () => set(input.value === '' && !isRequired(node) ? undefined : input.value));
    return labelled(name, id, input, title);
  }
  // Anything else (unions, records): edit as JSON.
  const area = h('textarea', { id, rows: 3 });
  area.value = JSON.stringify(parent[name] ?? null);
  area.addEventListener('change', () => {
    try {
      set(JSON.parse(area.value));
      area.setCustomValidity('');
    } catch (e) {
      area.setCustomValidity(String(e));
      area.reportValidity();
    }
  });
  return labelled(name, id, area, title);
}

function isRequired(node: Json): boolean {
  return typeof node.minLength === 'number' && node.minLength > 0;
}

function numberInput(node: Json, value: unknown, id: string): HTMLInputElement {
  return h('input', {
    type: 'number',
    id,
    step: node.type === 'integer' ? '1' : 'any',
    min:
      typeof node.minimum === 'number'
        ? node.minimum
        : typeof node.exclusiveMinimum === 'number'
          ? node.exclusiveMinimum
          : undefined,
    max: typeof node.maximum === 'number' ? node.maximum : undefined,
    value: typeof value === 'number' ? value : '',
  });
}

function labelled(name: string, id: string, control: HTMLElement, title?: string): HTMLElement {
  return h('div', { class: 'field', title }, h('label', { for: id }, fieldLabel(name)), control);
}

/** A nullable value: a "(none)" checkbox switches between null and the inner form. */
function nullableField(
  name: string,
  inner: Json,
  parent: Obj,
  onChange: () => void,
  id: string,
  resolve: (n: Json) => Json,
  title?: string,
): HTMLElement {
  if (inner.type === 'string') {
    const input = h('input', { type: 'text', id, value: typeof parent[name] === 'string' ? String(parent[name]) : '' });
    input.placeholder = t('field.none');
    input.addEventListener('change', () => {
      parent[name] = input.value === '' ? null : input.value;
      onChange();
    });
    return labelled(name, id, input, title);
  }
  let kept: unknown = parent[name] ?? null;
  const none = h('input', { type: 'checkbox', id: `${id}-none`, checked: parent[name] === null });
  const holder: Obj = { [name]: parent[name] ?? {} };
  const sub = field(
    name,
    inner,
    holder,
    () => {
      parent[name] = holder[name];
      kept = holder[name];
      onChange();
    },
    id,
    resolve,
  );
  sub.hidden = none.checked;
  none.addEventListener('change', () => {
    sub.hidden = none.checked;
    parent[name] = none.checked ? null : (kept ?? holder[name]);
    onChange();
  });
  return h(
    'div',
    { class: 'nullable', title },
    h('label', { class: 'check' }, none, ` ${fieldLabel(name)}: ${t('field.none')}`),
    sub,
  );
}
