import type { PlanContext } from '../kinds/types.js';
import type { Aircraft, LocalizedText, Operation, RemotePilot, ResponsiblePerson, Rulebook } from '../model/index.js';
import type { AirspaceView } from './airspace-view.js';
import { classify } from './classify.js';

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
): { ctx: PlanContext; notes: LocalizedText[] } {
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
export function standardAssumptions(view: AirspaceView, rulebook: Rulebook): LocalizedText[] {
  const out: LocalizedText[] = [
    {
      en: `Heights above ground (AGL) use the elevation model "${view.elevation.id}": ${view.elevation.description}`,
      zh: `離地高度按地面高程模型「${view.elevation.id}」計算。`,
    },
    {
      en: 'Speeds are judged as the speed along the route (for level legs, the ground speed); between waypoints the aircraft flies straight at constant speed.',
      zh: '速度按沿航線的速度評估（水平航段即地速）；航點之間假設以恆速直線飛行。',
    },
  ];
  const open = Object.entries(rulebook.parameters).filter(([, p]) => p.unknownInLaw);
  if (open.length)
    out.push({
      en: `Values the law does not state, used as rulebook parameters: ${open.map(([k, p]) => `${k} = ${JSON.stringify(p.value)}`).join('; ')}.`,
      zh: `法例未有訂明、作為規則書參數使用的數值：${open.map(([k, p]) => `${k} = ${JSON.stringify(p.value)}`).join('；')}。`,
    });
  return out;
}
