import type { Aircraft, Category, Column, LocalizedText, Mass, Rulebook } from '../model/index.js';

export interface Classification {
  category: Category | 'out-of-scope';
  column: Column | null;
  massKg: number;
  scopeMaxKg: number;
  notes: LocalizedText[];
}

function grams(m: Mass): number {
  return m.unit === 'kg' ? m.value * 1000 : m.value;
}

/** Inclusive upper bounds ("not more than"): exactly 250 g is A1, 250.1 g is A2. */
const TOLERANCE_G = 1e-6;

/**
 * Category from the rulebook's mass bands, and the operating-requirements column: "A1-exempt" when an
 * A2-weight aircraft is flown as a Category A1 SUA under exemption (CAD Exemption Notice).
 * The exempted model list is a rulebook parameter (`a1ExemptModels`); an empty list accepts the declaration.
 */
export function classify(aircraft: Aircraft, rulebook: Rulebook): Classification {
  const g = grams(aircraft.mass);
  const bands = rulebook.classification.categories;
  const top = bands[bands.length - 1];
  const scopeMaxKg = top ? grams(top.maxMass) / 1000 : 0;
  const band = bands.find((b) => g <= grams(b.maxMass) + TOLERANCE_G);
  const notes: LocalizedText[] = [];
  if (!band) return { category: 'out-of-scope', column: null, massKg: g / 1000, scopeMaxKg, notes };
  let column: Column = band.id;
  if (aircraft.a1Exemption) {
    const models = exemptModels(rulebook);
    if (band.id !== 'A2') {
      notes.push({
        en: `The A1 exemption was declared but applies only to A2-weight aircraft; judged as category ${band.id}.`,
        zh: `已申報甲1類豁免，但豁免只適用於甲2類重量的無人機；按${band.id}類評估。`,
      });
    } else if (models.length > 0 && !models.includes(aircraft.model ?? '')) {
      notes.push({
        en: `Model "${aircraft.model ?? '(none)'}" is not on the exempted model list; judged as category A2.`,
        zh: `型號「${aircraft.model ?? '（無）'}」不在豁免型號名單內；按甲2類評估。`,
      });
    } else {
      column = 'A1-exempt';
      if (models.length === 0)
        notes.push({
          en: 'The exempted model list is not known (rulebook parameter a1ExemptModels); the declared A1 exemption was accepted.',
          zh: '豁免型號名單未知（規則書參數 a1ExemptModels）；已接受所申報的甲1類豁免。',
        });
    }
  }
  return { category: band.id, column, massKg: g / 1000, scopeMaxKg, notes };
}

function exemptModels(rulebook: Rulebook): string[] {
  const v = rulebook.parameters.a1ExemptModels?.value;
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string');
}
