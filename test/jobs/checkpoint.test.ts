import { describe, expect, it } from 'vitest';
import { buildZoneIndex } from '../../rules/src/airspace/index.js';
import { applyDraft } from '../../rules/src/engine/index.js';
import { ImpactTally, type PlanImpact } from '../../server/src/services/impact/compare.js';
import { type CorpusItem, runImpact } from '../../server/src/services/impact/run.js';
import { builtinData } from '../server/helpers.js';
import { generatePlans } from '../server/plans.js';

const { catalogue, rulebooks, drafts, permissions } = builtinData();
const draft = drafts?.find((d) => d.id === 'a2-height-400ft');
if (!draft) throw new Error('built-in draft missing');
const base = rulebooks.find((r) => r.id === draft.base);
if (!base) throw new Error('base missing');
const applied = applyDraft(base, draft);
if (!applied.ok) throw new Error('draft does not apply');
const opts = {
  base,
  target: applied.rulebook,
  airspace: buildZoneIndex(catalogue.zones, { version: catalogue.version }),
  permissions: permissions ?? [],
};
const items: CorpusItem[] = generatePlans(120, 5, { maxRouteM: 2000 }).map((plan, i) => ({
  key: plan.id ?? `p${i}`,
  name: plan.name ?? null,
  plan,
}));
// one unparseable plan so the invalid path is in the totals too
items[17] = { key: 'broken', name: null, plan: { route: 'nowhere' } };

describe('impact checkpoints', () => {
  it('cuts batches at fixed plan indexes, whatever the time slices', async () => {
    const cuts: number[] = [];
    await runImpact(items, {
      ...opts,
      batchSize: 25,
      sliceMs: 0,
      onBatch: async (batch, processed) => {
        expect(batch.map((p) => p.seq)).toEqual(
          Array.from({ length: batch.length }, (_, i) => processed - batch.length + i),
        );
        cuts.push(processed);
      },
    });
    expect(cuts).toEqual([25, 50, 75, 100, 120]);
  });

  it('a run resumed from a checkpoint (restored tally, remaining plans) ends with the same summary and rows', async () => {
    const whole = await runImpact(items, opts);
    const rows: PlanImpact[] = [];
    let checkpoint: { processed: number; tally: string } | undefined;
    // the first run stops after its second batch, as a crash would
    await runImpact(items, {
      ...opts,
      batchSize: 25,
      onBatch: async (batch, processed, tally) => {
        rows.push(...batch);
        checkpoint = { processed, tally: JSON.stringify(tally.snapshot()) };
        if (processed === 50) throw new Error('crash');
      },
    }).catch((err: Error) => expect(err.message).toBe('crash'));
    expect(checkpoint?.processed).toBe(50);
    const resumed = await runImpact(items.slice(50), {
      ...opts,
      batchSize: 25,
      firstSeq: 50,
      tally: ImpactTally.restore(JSON.parse(checkpoint?.tally ?? '')),
      onBatch: async (batch) => {
        rows.push(...batch);
      },
    });
    expect(JSON.stringify(resumed.summary)).toBe(JSON.stringify(whole.summary));
    expect(rows).toEqual(whole.plans);
    expect(whole.summary.invalid).toBe(1);
    expect(whole.summary.changed).toBeGreaterThan(0);
  });

  it('a restored tally summarises byte for byte as the original, ties between transitions included', () => {
    const t = new ImpactTally({ id: 'b', version: '1' }, { id: 't', version: '1' });
    const plan = (seq: number, after: 'compliant' | 'non-compliant' | 'permission-required'): PlanImpact => ({
      seq,
      key: `k${seq}`,
      name: null,
      before: 'compliant',
      after,
      verdictChanged: after !== 'compliant',
      changed: after !== 'compliant',
      rules: after === 'compliant' ? [] : [{ ruleId: `r-${after}`, added: 1, removed: 0 }],
    });
    // three transitions with one plan each: the summary orders them by count, ties in first-seen order
    for (const [seq, after] of (['non-compliant', 'compliant', 'permission-required'] as const).entries())
      t.add(plan(seq, after));
    const restored = ImpactTally.restore(JSON.parse(JSON.stringify(t.snapshot())));
    expect(JSON.stringify(restored.summary())).toBe(JSON.stringify(t.summary()));
    expect(t.summary().transitions.map((x) => x.to)).toEqual(['non-compliant', 'compliant', 'permission-required']);
  });

  it('a restored tally is independent of the state it came from', () => {
    const t = new ImpactTally({ id: 'b', version: '1' }, { id: 't', version: '1' });
    const state = t.snapshot();
    const restored = ImpactTally.restore(state);
    restored.add({
      seq: 0,
      key: 'k',
      name: null,
      before: 'compliant',
      after: 'non-compliant',
      verdictChanged: true,
      changed: true,
      rules: [{ ruleId: 'r1', added: 1, removed: 0 }],
    });
    expect(state.summary.plans).toBe(0);
    expect(t.summary().plans).toBe(0);
    expect(restored.summary()).toMatchObject({ plans: 1, verdictChanged: 1, transitions: [{ count: 1 }] });
  });
});
