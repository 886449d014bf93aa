/** The live view's scenario and rulebook pickers: options from the server's lists, values from the session shown. */
import type { SessionInfo } from '@sua-sandbox/rules/protocol';
import { fetchRulebooks, fetchScenarios, type RulebookSummary, type ScenarioSummary, titleText } from '../app/lists.js';
import { t } from '../i18n/index.js';
import { h } from '../ui/dom.js';
import { rulebookOptions } from '../ui/rulebook-options.js';

export interface PickerHandlers {
  /** a scenario was chosen: start it */
  onScenario(scenarioId: string): void;
  /** a rulebook was chosen: judge the session shown by it */
  onRulebook(rulebookId: string): void;
}

export class LivePickers {
  private readonly scenarioSelect = h('select', { 'data-testid': 'scenario' });
  private readonly rulebookSelect = h('select', { 'data-testid': 'rulebook' });
  private lists: { scenarios: ScenarioSummary[]; rulebooks: RulebookSummary[] } | undefined;

  /** `shown`: the session on screen, whose scenario and rulebook the pickers show */
  constructor(
    handlers: PickerHandlers,
    private readonly shown: () => SessionInfo | undefined,
  ) {
    this.scenarioSelect.addEventListener('change', () => handlers.onScenario(this.scenarioSelect.value));
    this.rulebookSelect.addEventListener('change', () => handlers.onRulebook(this.rulebookSelect.value));
  }

  /** Fetch the scenarios and rulebooks (again every 5 s until the server answers). */
  async load(): Promise<void> {
    try {
      const [scenarios, rulebooks] = await Promise.all([fetchScenarios(), fetchRulebooks()]);
      this.lists = { scenarios, rulebooks };
      this.fill();
    } catch {
      setTimeout(() => void this.load(), 5000);
    }
  }

  /** The pickers' options in the current language (again after a language switch, which mounts the view). */
  fill(): void {
    if (!this.lists) return;
    const { scenarios, rulebooks } = this.lists;
    this.scenarioSelect.replaceChildren(
      ...scenarios.map((s) => h('option', { value: s.id }, titleText(s.title, s.id))),
    );
    this.rulebookSelect.replaceChildren(
      ...rulebookOptions(rulebooks).map((o) => h('option', { value: o.value, title: o.title }, o.label)),
    );
    this.sync();
  }

  sync(): void {
    const info = this.shown();
    if (info?.scenarioId) this.scenarioSelect.value = info.scenarioId;
    if (info) this.rulebookSelect.value = info.rulebook.draftId ? '' : info.rulebook.id;
  }

  /** The two pickers with their labels, for the panel. */
  fields(): HTMLElement[] {
    return [
      h('label', { class: 'field' }, h('span', {}, t('live.scenario')), this.scenarioSelect),
      h('label', { class: 'field' }, h('span', {}, t('live.rulebook')), this.rulebookSelect),
    ];
  }
}
