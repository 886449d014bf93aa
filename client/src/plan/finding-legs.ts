import type { Finding, Quantity } from '@sua-sandbox/rules/model';

/** The UI text a finding's legs are worded with (client/src/i18n: finding.leg, finding.legs, finding.legsWorst). */
export type LegKey = 'finding.leg' | 'finding.legs' | 'finding.legsWorst';
export type Translate = (key: LegKey, params: Record<string, string | number>) => string;

/**
 * The legs a finding spans as people read them (1-based): "leg 3", or "legs 12–40" for a run over several legs.
 * '' for a finding with no place. DOM-free, so the list, the map and the HTML export share it.
 */
export function legSpan(f: Finding, tr: Translate): string {
  if (!f.where) return '';
  const legs = f.where.legs;
  if (!legs || legs.last === legs.first) return tr('finding.leg', { n: f.where.leg + 1 });
  return tr('finding.legs', { from: legs.first + 1, to: legs.last + 1 });
}

/** legSpan, and for a run over several legs its worst value and its leg: "legs 12–40, worst 131 m on leg 27". */
export function legsText(f: Finding, tr: Translate, quantity: (q: Quantity) => string): string {
  const span = legSpan(f, tr);
  const legs = f.where?.legs;
  if (!f.where || !f.measured || !legs || legs.last === legs.first) return span;
  const worstLeg = f.where.worst?.leg ?? f.where.leg;
  return tr('finding.legsWorst', { legs: span, value: quantity(f.measured), n: worstLeg + 1 });
}

/**
 * A finding's point in both references, rounded as people write heights: "60 m AGL · 703 m AMSL (ground 643 m)"
 * (issue 17); the worst point's when the finding names one, else its first. Only AMSL without a ground height.
 */
export function heightsAt(
  f: Finding,
  tr: (key: 'finding.heights' | 'finding.heightAmsl', params: Record<string, number>) => string,
): string {
  const at = f.where?.worst ?? f.where;
  if (!at) return '';
  const amsl = Math.round(at.position[2]);
  if (at.groundM === undefined) return tr('finding.heightAmsl', { amsl });
  const ground = Math.round(at.groundM);
  return tr('finding.heights', { agl: Math.round(at.position[2] - at.groundM), amsl, ground });
}
