import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import type { DraftSummary } from './api.js';

export interface DraftListActions {
  open(d: DraftSummary): void;
  rename(d: DraftSummary, title: string): void;
  duplicate(d: DraftSummary): void;
  remove(d: DraftSummary): void;
}

/** Text in Latin script only is marked English (draft titles are what their author typed, not translated). */
const titleLang = (s: string) => (/[\u3400-\u9fff]/.test(s) ? undefined : 'en');

/**
 * The drafts a regulator can open: shipped with the repository (read-only: open or duplicate) and stored ones
 * (also rename and delete). Rename and delete ask in place, not in a browser dialog.
 */
export class DraftList {
  private renaming: string | undefined;
  private confirmingDelete: string | undefined;

  constructor(private readonly rerender: () => void) {}

  render(drafts: readonly DraftSummary[], openId: string | undefined, acts: DraftListActions): HTMLElement {
    if (drafts.length === 0) return h('p', { class: 'muted empty' }, t('wb.noDrafts'));
    return h(
      'ul',
      { class: 'draft-list', 'data-testid': 'wb-drafts' },
      drafts.map((d) => this.item(d, d.id === openId, acts)),
    );
  }

  private button(label: string, name: string, onClick: () => void, cls = 'btn small'): HTMLButtonElement {
    const b = h('button', { type: 'button', class: cls, 'aria-label': `${label}: ${name}` }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  private item(d: DraftSummary, open: boolean, acts: DraftListActions): HTMLElement {
    const stored = d.source === 'stored';
    const kind = h(
      'span',
      { class: `tag ${stored ? 'tag-saved' : 'tag-shipped'}` },
      t(stored ? 'wb.storedTag' : 'wb.shipped'),
    );
    const facts = h(
      'span',
      { class: 'small muted' },
      ` ${t(d.changeCount === 1 ? 'wb.changeOne' : 'wb.changeMany', { n: d.changeCount })} · ${t('wb.over', { base: d.base })}`,
    );
    if (this.renaming === d.id) {
      const input = h('input', {
        type: 'text',
        value: d.title,
        'aria-label': t('wb.newTitle'),
        'data-testid': 'wb-rename-input',
      });
      const save = this.button(t('common.save'), d.title, () => {
        this.renaming = undefined;
        if (input.value.trim() && input.value.trim() !== d.title) acts.rename(d, input.value.trim());
        else this.rerender();
      });
      const cancel = this.button(t('common.cancel'), d.title, () => {
        this.renaming = undefined;
        this.rerender();
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') save.click();
        if (e.key === 'Escape') cancel.click();
      });
      queueMicrotask(() => input.focus());
      return h('li', { 'data-draft': d.id }, input, ' ', save, cancel);
    }
    const actions: HTMLElement[] = [
      this.button(t('wb.open'), d.title, () => acts.open(d), open ? 'btn small' : 'btn small primary'),
      this.button(t('wb.duplicate'), d.title, () => acts.duplicate(d)),
    ];
    if (stored) {
      actions.push(
        this.button(t('wb.rename'), d.title, () => {
          this.renaming = d.id;
          this.rerender();
        }),
      );
      if (this.confirmingDelete === d.id) {
        actions.push(
          h('span', { class: 'small', role: 'alert' }, t('wb.deleteConfirm')),
          this.button(
            t('wb.deleteYes'),
            d.title,
            () => {
              this.confirmingDelete = undefined;
              acts.remove(d);
            },
            'btn small danger',
          ),
          this.button(t('common.cancel'), d.title, () => {
            this.confirmingDelete = undefined;
            this.rerender();
          }),
        );
      } else
        actions.push(
          this.button(t('wb.delete'), d.title, () => {
            this.confirmingDelete = d.id;
            this.rerender();
          }),
        );
    }
    return h(
      'li',
      { 'data-draft': d.id, class: open ? 'draft open' : 'draft', 'aria-current': open ? 'true' : undefined },
      h('div', {}, h('strong', { lang: titleLang(d.title) }, d.title), ' ', kind, facts),
      h('div', { class: 'row' }, actions),
    );
  }
}
