import { describe, expect, it } from 'vitest';
import { rulebookTitleIn } from '../../client/src/app/rulebook-title.js';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyAmendment, applyDraft, evaluate } from '../../rules/src/engine/index.js';
import { loadBuiltinDrafts, loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';
import { resolveRulebook } from '../../server/src/realtime/rulebook-select.js';
import { summariseRulebook } from '../../server/src/services/rulebooks.js';
import { createPlan } from '../engine/helpers.js';

/**
 * Rulebook titles in 繁中 are data: each shipped rulebook states its Chinese title (`titleZh`, the law's own
 * Chinese names), it travels with the rulebook (list summaries, reports, live sessions), and the client shows it
 * in 繁中, the English title without it. No table of titles by id in the client.
 */
const all = loadBuiltinRulebooks();
const byId = (id: string) => {
  const rb = all.find((r) => r.id === id);
  if (!rb) throw new Error(`rulebook ${id} missing`);
  return rb;
};

const EXPECTED: Record<string, string> = {
  'cap448g-2022': '《小型無人機令》（第448G章），制定時版本',
  'cap448g-2025': '《小型無人機令》（第448G章），經2025年第82號法律公告修訂',
};

describe('rulebook titles in Traditional Chinese', () => {
  it('every shipped rulebook states its Chinese title (no English words in it)', () => {
    expect(Object.fromEntries(all.map((rb) => [rb.id, rb.titleZh]))).toEqual(EXPECTED);
    for (const rb of all) expect(rb.titleZh?.replace(/\d+G/g, '')).not.toMatch(/[A-Za-z]/);
  });

  it('travels with the rulebook: list summaries, reports and live sessions carry it', async () => {
    const rb = byId('cap448g-2025');
    expect(summariseRulebook(rb).titleZh).toBe(EXPECTED['cap448g-2025']);
    const report = evaluate(createPlan(), { rulebook: rb, airspace: buildZoneIndex([], { version: 'test' }) });
    expect(report.rulebook).toEqual({
      id: rb.id,
      title: rb.title,
      titleZh: EXPECTED['cap448g-2025'],
      version: rb.version,
    });
    const live = await resolveRulebook({ rulebooks: () => all }, { rulebookId: 'cap448g-2022' }, { at: '2025-01-01' });
    expect(live.ref.titleZh).toBe(EXPECTED['cap448g-2022']);
  });

  it("a draft or an amendment does not take its base's Chinese title", () => {
    const base = byId('cap448g-2025');
    for (const draft of loadBuiltinDrafts()) {
      const applied = applyDraft(base, { ...draft, base: base.id });
      if (!applied.ok) throw new Error(JSON.stringify(applied.issues));
      expect(applied.rulebook.title).toBe(draft.title);
      expect(applied.rulebook.titleZh).toBeUndefined();
      expect(summariseRulebook(applied.rulebook)).not.toHaveProperty('titleZh');
    }
    const amendment = {
      id: 'cap448g-test',
      title: 'An amendment without a Chinese title',
      version: '1',
      status: 'amended',
      base: base.id,
      instrument: base.instrument,
      commencement: '2030-01-01',
      changes: [{ op: 'set-global', name: 'vlosMaxRange', value: { value: 400, unit: 'm' } }],
    };
    const amended = applyAmendment(base, amendment);
    if (!amended.ok) throw new Error(JSON.stringify(amended.issues));
    expect(amended.rulebook.titleZh).toBeUndefined();
    const withZh = applyAmendment(base, { ...amendment, titleZh: '測試修訂' });
    expect(withZh.ok && withZh.rulebook.titleZh).toBe('測試修訂');
  });

  it('the client shows the Chinese title from the data in 繁中, the English without one', () => {
    for (const rb of all) {
      expect(rulebookTitleIn(summariseRulebook(rb), 'zh')).toBe(EXPECTED[rb.id]);
      expect(rulebookTitleIn(summariseRulebook(rb), 'en')).toBe(rb.title);
    }
    // Any rulebook, not only the shipped ids: the title is the data's.
    const other = { id: 'hk-2030', title: 'A future Order', titleZh: '將來的命令' };
    expect(rulebookTitleIn(other, 'zh')).toBe('將來的命令');
    expect(rulebookTitleIn(other, 'en')).toBe('A future Order');
    expect(rulebookTitleIn({ id: 'draft-x', title: 'Draft: X' }, 'zh')).toBe('Draft: X');
    expect(rulebookTitleIn({ id: 'cap448g-2025', title: '' }, 'zh')).toBe('cap448g-2025');
  });
});
