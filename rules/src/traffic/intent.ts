import { z } from 'zod';
import { Volume4D } from './volume.js';

/** F3548-21 operational intent states (InterUSS `OperationalIntentState`), plus Ended. */
export const IntentState = z
  .enum(['Accepted', 'Activated', 'Nonconforming', 'Contingent', 'Ended'])
  .meta({ id: 'OperationalIntentState' });
export type IntentState = z.infer<typeof IntentState>;

/**
 * The allowed state transitions, as data (ASTM F3548-21 §4.4 state diagram, simplified: no Proposed
 * state, and Ended is explicit). Nonconforming may return to Activated once the aircraft is back inside
 * its volumes; Contingent never returns.
 */
export const INTENT_TRANSITIONS: Readonly<Record<IntentState, readonly IntentState[]>> = {
  Accepted: ['Activated', 'Ended'],
  Activated: ['Nonconforming', 'Contingent', 'Ended'],
  Nonconforming: ['Activated', 'Contingent', 'Ended'],
  Contingent: ['Ended'],
  Ended: [],
};

export const OperationalIntentReference = z
  .object({
    id: z.string().min(1),
    manager: z.string().min(1).describe('the USS that manages the intent'),
    operator: z.string().min(1).describe('the operator flying it (shown to other operators in conflicts)'),
    state: IntentState,
    version: z.number().int().positive(),
    ovn: z.string().min(1).describe('opaque version number: changes whenever the intent changes'),
    time_start: Volume4D.shape.time_start,
    time_end: Volume4D.shape.time_end,
  })
  .strict()
  .meta({ id: 'OperationalIntentReference' });
export type OperationalIntentReference = z.infer<typeof OperationalIntentReference>;

export const OperationalIntent = z
  .object({
    reference: OperationalIntentReference,
    details: z
      .object({
        volumes: z.array(Volume4D).min(1),
        off_nominal_volumes: z.array(Volume4D).default([]),
        priority: z.number().int(),
        priority_class: z.string().min(1).describe('the class the priority comes from (params.priorities)'),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'OperationalIntent' });
export type OperationalIntent = z.infer<typeof OperationalIntent>;

/** FNV-1a over the intent's identity and volumes: same content, same OVN; pure and deterministic. */
export function computeOvn(id: string, version: number, state: IntentState, volumes: readonly Volume4D[]): string {
  const text = `${id}|${version}|${state}|${JSON.stringify(volumes)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${id}.v${version}.${h.toString(16).padStart(8, '0')}`;
}

export type TransitionResult =
  | { ok: true; intent: OperationalIntent }
  | {
      ok: false;
      code: 'traffic.intent.illegal-transition';
      from: IntentState;
      to: IntentState;
      allowed: IntentState[];
    };

/** Move an intent to a new state: a new version and OVN, or a refusal naming the allowed next states. */
export function transitionIntent(intent: OperationalIntent, to: IntentState): TransitionResult {
  const from = intent.reference.state;
  const allowed = INTENT_TRANSITIONS[from];
  if (!allowed.includes(to))
    return { ok: false, code: 'traffic.intent.illegal-transition', from, to, allowed: [...allowed] };
  const version = intent.reference.version + 1;
  const ovn = computeOvn(intent.reference.id, version, to, intent.details.volumes);
  return { ok: true, intent: { ...intent, reference: { ...intent.reference, state: to, version, ovn } } };
}

/** The same intent with every volume delayed by `shiftS` seconds (a new version). */
export function shiftIntent(intent: OperationalIntent, shiftS: number): OperationalIntent {
  const move = (t: { value: string; format: 'RFC3339' }) => ({
    value: new Date(Date.parse(t.value) + shiftS * 1000).toISOString(),
    format: t.format,
  });
  const shiftVolumes = (vs: readonly Volume4D[]) =>
    vs.map((v) => ({ ...v, time_start: move(v.time_start), time_end: move(v.time_end) }));
  const volumes = shiftVolumes(intent.details.volumes);
  const version = intent.reference.version + 1;
  return {
    reference: {
      ...intent.reference,
      version,
      ovn: computeOvn(intent.reference.id, version, intent.reference.state, volumes),
      time_start: move(intent.reference.time_start),
      time_end: move(intent.reference.time_end),
    },
    details: { ...intent.details, volumes, off_nominal_volumes: shiftVolumes(intent.details.off_nominal_volumes) },
  };
}
