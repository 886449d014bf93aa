import { RuleDef } from '@sua-sandbox/rules/model';
import { localized, t } from '../i18n/index.js';
import { citationLink } from '../ui/citation.js';
import { h } from '../ui/dom.js';
import { globalParamFields, ruleParamFields } from './param-fields.js';
import type { WorkbenchState } from './state.js';

/** The rulebook's global parameters, each a labelled field (a change becomes `set-global`). */
export function parametersEditor(s: WorkbenchState, onChange: () => void): HTMLElement {
  return globalParamFields(s, onChange);
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
      const params = ruleParamFields(s, r, onChange);
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
