import { describe, expect, it } from 'vitest';
import { buildIntentFromPlan } from '../../rules/src/traffic/build-intent.js';
import {
  INTENT_TRANSITIONS,
  type IntentState,
  OperationalIntent,
  shiftIntent,
  transitionIntent,
} from '../../rules/src/traffic/intent.js';
import { createDeliveryPlan, createIntent, createParams } from './helpers.js';

const opts = { id: 'sf-1', manager: 'uss.example', operator: 'SF Express (HK)' };

describe('operational intent from a flight plan', () => {
  it('has one Volume4D per leg, buffered in space, altitude and time by the parameters', () => {
    const params = createParams();
    const intent = createIntent(params, opts);
    expect(OperationalIntent.safeParse(intent).success).toBe(true);
    expect(intent.details.volumes).toHaveLength(4);
    const cruise = intent.details.volumes[1];
    expect(cruise.volume.outline_corridor?.half_width.value).toBe(params.buffers.lateralM);
    expect(cruise.volume.altitude_lower).toEqual({
      value: 100 - params.buffers.verticalM,
      reference: 'AGL',
      units: 'M',
    });
    expect(cruise.volume.altitude_upper.value).toBe(100 + params.buffers.verticalM);
    // Leg 0 climbs 100 m at 10 km/h: 36 s, so leg 1 is planned from 10:00:36 (HKT) = 02:00:36Z.
    expect(cruise.time_start.value).toBe(
      new Date(Date.parse('2026-03-16T02:00:36Z') - params.buffers.timeBeforeS * 1000).toISOString(),
    );
    expect(intent.reference).toMatchObject({ state: 'Accepted', version: 1 });
    expect(intent.details).toMatchObject({ priority: 0, priority_class: 'standard' });
  });

  it('a changed buffer parameter changes the volumes', () => {
    const params = createParams();
    params.buffers.lateralM = 25;
    expect(createIntent(params, opts).details.volumes[1].volume.outline_corridor?.half_width.value).toBe(25);
  });

  it('takes priorities from data: declared medical delivery, rescue by purpose, unknown class refused', () => {
    const params = createParams();
    expect(createIntent(params, { ...opts, priorityClass: 'medical-delivery' }).details.priority).toBe(50);
    const rescue = createDeliveryPlan(undefined, {});
    rescue.operation.purpose = 'rescue';
    const r = buildIntentFromPlan(rescue, params, opts);
    expect(r.ok && r.intent.details.priority_class).toBe('emergency');
    const bad = buildIntentFromPlan(createDeliveryPlan(), params, { ...opts, priorityClass: 'vip' });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: ['priorityClass'] }] });
  });

  it('the OVN changes with every new version', () => {
    const intent = createIntent(createParams(), opts);
    const shifted = shiftIntent(intent, 600);
    expect(shifted.reference.version).toBe(2);
    expect(shifted.reference.ovn).not.toBe(intent.reference.ovn);
    expect(Date.parse(shifted.reference.time_start.value) - Date.parse(intent.reference.time_start.value)).toBe(
      600_000,
    );
  });
});

describe('intent state transitions (F3548)', () => {
  const states = Object.keys(INTENT_TRANSITIONS) as IntentState[];

  it('allows Accepted → Activated → Nonconforming → Contingent → Ended', () => {
    let intent = createIntent(createParams(), opts);
    for (const to of ['Activated', 'Nonconforming', 'Contingent', 'Ended'] as const) {
      const r = transitionIntent(intent, to);
      if (!r.ok) throw new Error(`refused ${r.from} → ${r.to}`);
      intent = r.intent;
    }
    expect(intent.reference).toMatchObject({ state: 'Ended', version: 5 });
  });

  it('refuses every transition not in the table, naming the allowed ones', () => {
    const base = createIntent(createParams(), opts);
    let refused = 0;
    for (const from of states)
      for (const to of states) {
        const r = transitionIntent({ ...base, reference: { ...base.reference, state: from } }, to);
        expect(r.ok).toBe(INTENT_TRANSITIONS[from].includes(to));
        if (!r.ok) {
          refused++;
          expect(r).toMatchObject({
            code: 'traffic.intent.illegal-transition',
            from,
            to,
            allowed: INTENT_TRANSITIONS[from],
          });
        }
      }
    expect(refused).toBeGreaterThan(10);
  });

  it('Contingent never returns to Activated, Ended is final', () => {
    expect(INTENT_TRANSITIONS.Contingent).toEqual(['Ended']);
    expect(INTENT_TRANSITIONS.Ended).toEqual([]);
  });
});
