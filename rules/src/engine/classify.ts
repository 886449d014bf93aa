import { joinList, renderBoth } from '../messages/index.js';
import type { Aircraft, Assumption, Category, Column, LocalizedText, Mass, Rulebook } from '../model/index.js';
import { assumption } from './messages.js';

type Band = Rulebook['classification']['categories'][number];

export interface Classification {
  category: Category | 'out-of-scope';
  column: Column | null;
  /** How messages name the category (the rulebook's `name`, else "category X" / "X類"); null when out of scope. */
  categoryName: LocalizedText | null;
  massKg: number;
  scopeMaxKg: number;
  notes: Assumption[];
}

function grams(m: Mass): number {
  return m.unit === 'kg' ? m.value * 1000 : m.value;
}

/** Inclusive upper bounds ("not more than"): exactly 250 g is A1, 250.1 g is A2. */
const TOLERANCE_G = 1e-6;

/** The rulebook's name for a category, or one made from its id. */
export function categoryName(band: Pick<Band, 'id' | 'name'>): LocalizedText {
  return band.name ?? renderBoth('category.name', { id: band.id });
}

/**
 * Category from the rulebook's mass bands, and the operating-requirements column. An aircraft declared as
 * flown under exemption is judged in the column its band names as `exemptColumn` (A2 → "A1-exempt", CAD
 * Exemption Notice for Category A1 SUA); a band without one does not take the exemption.
 * The exempted model list is a rulebook parameter (`a1ExemptModels`); an empty list accepts the declaration.
 */
export function classify(aircraft: Aircraft, rulebook: Rulebook): Classification {
  const g = grams(aircraft.mass);
  const bands = rulebook.classification.categories;
  const top = bands[bands.length - 1];
  const scopeMaxKg = top ? grams(top.maxMass) / 1000 : 0;
  const band = bands.find((b) => g <= grams(b.maxMass) + TOLERANCE_G);
  const notes: Assumption[] = [];
  if (!band) return { category: 'out-of-scope', column: null, categoryName: null, massKg: g / 1000, scopeMaxKg, notes };
  let column: Column = band.id;
  const name = categoryName(band);
  if (aircraft.a1Exemption) {
    const models = exemptModels(rulebook);
    const exemptable = bands.filter((b) => b.exemptColumn !== undefined);
    if (band.exemptColumn === undefined) {
      const bands =
        joinList(
          'list.slash',
          exemptable.map((b) => ({ en: b.id, zh: categoryName(b).zh })),
        ) ?? renderBoth('none.categories');
      notes.push(assumption('assumption.a1-exemption-band', { bands, category: band.id }));
    } else if (models.length > 0 && !models.includes(aircraft.model ?? '')) {
      const model = aircraft.model ?? renderBoth('none.model');
      notes.push(assumption('assumption.a1-model-not-exempt', { model, category: band.id, categoryName: name }));
    } else {
      column = band.exemptColumn;
      if (models.length === 0) notes.push(assumption('assumption.a1-models-unknown'));
    }
  }
  return { category: band.id, column, categoryName: name, massKg: g / 1000, scopeMaxKg, notes };
}

function exemptModels(rulebook: Rulebook): string[] {
  const v = rulebook.parameters.a1ExemptModels?.value;
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string');
}
