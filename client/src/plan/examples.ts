import { operations } from '@sua-sandbox/rules/api';
import { FlightPlan } from '@sua-sandbox/rules/model';
import { lang, t } from '../i18n/index.js';
import { call } from '../net/api.js';
import { h } from '../ui/dom.js';
import { EXAMPLE_NAMES_ZH } from './example-names.js';

type Summary = { key: string; name: string | null; description: string | null };

/**
 * The example plans shipped with the product (GET /api/examples), to open in the plan checker with one choice:
 * a quick way to see what the checker says about a typical flight.
 */
export class ExamplePicker {
  private examples: Summary[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly onPick: (plan: FlightPlan, name: string) => void,
    private readonly onError: (message: string) => void,
  ) {}

  private load(rerender: () => void): void {
    this.loading ??= call(operations.listExamples, {}).then(
      (list) => {
        this.examples = list;
        rerender();
      },
      () => {
        this.loading = undefined;
      },
    );
  }

  /** The picker, drawn afresh with the panel (its list is fetched once). */
  element(rerender: () => void): HTMLElement {
    this.load(rerender);
    const select = h(
      'select',
      { id: 'plan-example', 'data-testid': 'plan-example', disabled: this.examples.length === 0 },
      h('option', { value: '' }, t('plan.example.choose')),
      this.examples.map((e) =>
        h('option', { value: e.key, title: lang() === 'zh' ? '' : (e.description ?? '') }, this.title(e)),
      ),
    );
    select.addEventListener('change', () => {
      const key = select.value;
      if (key) void this.open(key);
    });
    return h('div', { class: 'field' }, h('label', { for: 'plan-example' }, t('plan.example.label')), select);
  }

  /** The example's title in the current language (the files have English names; the Chinese ones are ours). */
  private title(e: Summary): string {
    const zh = lang() === 'zh' ? EXAMPLE_NAMES_ZH[e.key] : undefined;
    return zh ?? e.name ?? e.key;
  }

  private async open(key: string): Promise<void> {
    try {
      const file = await call(operations.getExample, { params: { key } });
      const plan = FlightPlan.parse(file);
      const summary = this.examples.find((e) => e.key === key);
      this.onPick(plan, summary?.name ?? key);
    } catch (e) {
      this.onError(t('plan.example.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  }
}
