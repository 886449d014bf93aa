import { RuleDef } from '@sua-sandbox/rules/model';
import { localized, t } from '../i18n/index.js';
import { citationLink } from '../ui/citation.js';
import { h } from '../ui/dom.js';
import { coerce, leaves, type WorkbenchState } from './state.js';

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function valueInput(
  id: string,
  original: unknown,
  current: unknown,
  label: string,
  onSet: (v: unknown) => void,
): HTMLElement {
  const input =
    typeof original === 'boolean'
      ? h(
          'select',
          { id, 'aria-label': label },
          ['true', 'false'].map((o) => h('option', { value: o, selected: String(current) === o }, o)),
        )
      : h('input', {
          id,
          type: typeof original === 'number' ? 'number' : 'text',
          step: 'any',
          value: valueText(current),
          'aria-label': label,
        });
  input.addEventListener('change', () => onSet(coerce(input.value, original)));
  return input;
}

/** The rulebook's global parameters, each editable (a change becomes `set-global`). */
export function parametersEditor(s: WorkbenchState, onChange: () => void): HTMLElement {
  const params = s.base?.parameters ?? {};
  const rows = Object.entries(params).map(([name, p]) => {
    const edited = s.globals.has(name);
    const current = edited ? s.globals.get(name) : p.value;
    const input = valueInput(`g-${name}`, p.value, current, name, (v) => {
      if (JSON.stringify(v) === JSON.stringify(p.value)) s.globals.delete(name);
      else s.globals.set(name, v);
      onChange();
    });
    return h(
      'tr',
      { class: edited ? 'edited' : '' },
      h('td', { title: p.description }, h('code', {}, name), p.unknownInLaw ? h('span', { class: 'tag' }, '?') : null),
      h('td', {}, input, p.unit ? ` ${p.unit}` : ''),
    );
  });
  return h(
    'table',
    { class: 'params' },
    h('thead', {}, h('tr', {}, h('th', {}, t('wb.param')), h('th', {}, t('wb.value')))),
    h('tbody', {}, rows),
  );
}

/** Every rule with its citation; leaf params editable (`set-parameter`), withdraw / restore (`withdraw-rule`). */
export function rulesEditor(s: WorkbenchState, filter: string, onChange: () => void): HTMLElement {
  const rules = (s.base?.rules ?? []).filter(
    (r) => !filter || `${r.id} ${r.kind} ${r.title.en} ${r.title.zh}`.toLowerCase().includes(filter.toLowerCase()),
  );
  return h(
    'ul',
    { class: 'rules' },
    rules.map((r) => {
      const withdrawn = s.withdrawn.has(r.id);
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          'data-withdraw': r.id,
          'aria-label': t(withdrawn ? 'a11y.restoreRule' : 'a11y.withdrawRule', { name: localized(r.title) }),
        },
        withdrawn ? t('wb.restore') : t('wb.withdraw'),
      );
      toggle.addEventListener('click', () => {
        if (withdrawn) s.withdrawn.delete(r.id);
        else s.withdrawn.add(r.id);
        onChange();
      });
      const params = leaves(r.params).map((leaf) => {
        if (leaf.ref) return h('div', { class: 'small muted' }, h('code', {}, leaf.path), ` → ${leaf.ref}`);
        const key = `${r.id}|${leaf.path}`;
        const current = s.ruleParams.has(key) ? s.ruleParams.get(key) : leaf.value;
        const id = `p-${r.id}-${leaf.path}`.replace(/[^a-zA-Z0-9_-]/g, '_');
        return h(
          'div',
          { class: `row small${s.ruleParams.has(key) ? ' edited' : ''}` },
          h('label', { for: id }, h('code', {}, leaf.path)),
          valueInput(id, leaf.value, current, `${r.id} ${leaf.path}`, (v) => {
            if (JSON.stringify(v) === JSON.stringify(leaf.value)) s.ruleParams.delete(key);
            else s.ruleParams.set(key, v);
            onChange();
          }),
        );
      });
      const edited = params.length > 0 && [...s.ruleParams.keys()].some((k) => k.startsWith(`${r.id}|`));
      return h(
        'li',
        { class: withdrawn ? 'rule withdrawn' : 'rule', 'data-rule': r.id },
        h(
          'details',
          { open: edited },
          h(
            'summary',
            {},
            h('code', {}, r.id),
            ' ',
            localized(r.title),
            withdrawn ? h('span', { class: 'tag' }, t('wb.withdrawn')) : null,
          ),
          h('p', { class: 'small' }, citationLink(r.citation, `· ${r.kind}`)),
          params,
          toggle,
        ),
      );
    }),
  );
}

/** Add a rule as JSON; checked against the RuleDef schema here, with the path of each problem. */
export function addRuleEditor(s: WorkbenchState, onChange: () => void): HTMLElement {
  const area = h('textarea', { id: 'wb-add-rule', rows: 5, placeholder: t('wb.addRuleHint') });
  const error = h('div', { class: 'error-box', hidden: true, role: 'alert' });
  const add = h('button', { type: 'button', class: 'btn' }, t('wb.add'));
  add.addEventListener('click', () => {
    let json: unknown;
    try {
      json = JSON.parse(area.value);
    } catch (e) {
      error.textContent = String(e);
      error.hidden = false;
      return;
    }
    const r = RuleDef.safeParse(json);
    if (!r.success) {
      error.textContent = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
      error.hidden = false;
      return;
    }
    s.addedRules.push(r.data);
    onChange();
  });
  const added = s.addedRules.map((r, i) => {
    const rm = h(
      'button',
      { type: 'button', class: 'btn small', 'aria-label': t('a11y.removeRule', { name: r.id }) },
      t('common.remove'),
    );
    rm.addEventListener('click', () => {
      s.addedRules.splice(i, 1);
      onChange();
    });
    return h('li', {}, h('code', {}, r.id), ` ${localized(r.title)} `, rm);
  });
  return h(
    'div',
    {},
    h('ul', {}, added),
    h('label', { for: 'wb-add-rule', class: 'small' }, t('wb.addRule')),
    area,
    error,
    h('div', { class: 'row' }, add),
  );
}
