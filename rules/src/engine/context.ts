import type { PlanContext } from '../kinds/types.js';
import { joinList } from '../messages/index.js';
import type { Aircraft, Assumption, Operation, RemotePilot, ResponsiblePerson, Rulebook } from '../model/index.js';
import type { AirspaceView } from './airspace-view.js';
import { classify } from './classify.js';
import { assumption } from './messages.js';

export interface Crew {
  aircraft: Aircraft;
  pilot: RemotePilot;
  responsiblePerson?: ResponsiblePerson;
  operation: Operation;
}

/** Classify the aircraft and assemble what plan-level rules see. */
export function buildPlanContext(
  crew: Crew,
  rulebook: Rulebook,
  view: AirspaceView,
  utcOffsetMin: number,
  enclosed: boolean,
): { ctx: PlanContext; notes: Assumption[] } {
  const c = classify(crew.aircraft, rulebook);
  return {
    ctx: {
      ...crew,
      category: c.category,
      column: c.column,
      ...(c.categoryName && { categoryName: c.categoryName }),
      massKg: c.massKg,
      scopeMaxKg: c.scopeMaxKg,
      enclosed,
      utcOffsetMin,
      // Read from the view each time: a live index can gain zones after an evaluator was prepared.
      get zoneEffectsPresent() {
        return view.effectsPresent;
      },
    },
    notes: c.notes,
  };
}

/** Standing assumptions of every evaluation, stated in the report. */
export function standardAssumptions(view: AirspaceView, rulebook: Rulebook): Assumption[] {
  const out: Assumption[] = [
    assumption('assumption.elevation-model', { model: view.elevation.id, description: view.elevation.description }),
    assumption('assumption.speed-along-route'),
  ];
  const open = Object.entries(rulebook.parameters).filter(([, p]) => p.unknownInLaw);
  if (open.length) {
    const values = joinList(
      'list.semicolon',
      open.map(([k, p]) => `${k} = ${JSON.stringify(p.value)}`),
    );
    out.push(assumption('assumption.open-parameters', { values }));
  }
  return out;
}
