import { z } from 'zod';
import { type LocalizedText, LocalizedText as LocalizedTextSchema, Provision, type Rulebook } from '../model/index.js';
import { paramRefs } from './params.js';

export const RulebookChangeKind = z.enum([
  'rule-added',
  'rule-withdrawn',
  'rule-changed',
  'parameter-changed',
  'parameter-added',
  'parameter-removed',
  'category-changed',
  'out-of-scope-changed',
  'zone-added',
  'zone-removed',
  'commencement-changed',
]);

/** One difference between two rulebooks, with the citation of the provision it concerns. */
export const RulebookChange = z
  .object({
    kind: RulebookChangeKind,
    ruleId: z.string().optional(),
    parameter: z.string().optional(),
    zoneId: z.string().optional(),
    path: z.string().optional().describe('dot path of the changed value, e.g. "params.limit.value"'),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    citation: Provision,
    summary: LocalizedTextSchema,
  })
  .meta({ id: 'RulebookChange' });
export type RulebookChange = z.infer<typeof RulebookChange>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** Short form of a changed value for summaries: a citation by its provision, a title by its English text. */
function brief(path: string, v: unknown): string {
  if (path === 'citation' && isPlainObject(v))
    return `${String(v.instrument)} ${v.section === null ? `(${String(v.document ?? 'no section')}, secondary)` : String(v.section)}`;
  if (path === 'title' && isPlainObject(v)) return JSON.stringify(v.en);
  return show(v);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Leaf differences between two values (objects recursed, arrays and primitives compared whole). */
function leafDiffs(a: unknown, b: unknown, path: string, out: { path: string; before: unknown; after: unknown }[]) {
  if (isPlainObject(a) && isPlainObject(b) && !('$param' in a) && !('$param' in b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      leafDiffs(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (!same(a, b)) out.push({ path, before: a, after: b });
  return out;
}

const text = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Every difference between rulebooks `a` and `b` that changes what the law says (not ids or titles). */
export function diffRulebooks(a: Rulebook, b: Rulebook): RulebookChange[] {
  const out: RulebookChange[] = [];
  if (a.commencement !== b.commencement)
    out.push({
      kind: 'commencement-changed',
      path: 'commencement',
      before: a.commencement,
      after: b.commencement,
      citation: b.instrument,
      summary: text(
        `Commencement ${a.commencement} → ${b.commencement}`,
        `生效日期 ${a.commencement} → ${b.commencement}`,
      ),
    });
  const catsA = new Map(a.classification.categories.map((c) => [c.id, c]));
  const catsB = new Map(b.classification.categories.map((c) => [c.id, c]));
  for (const id of new Set([...catsA.keys(), ...catsB.keys()])) {
    const ca = catsA.get(id);
    const cb = catsB.get(id);
    if (ca && cb && same(ca.maxMass, cb.maxMass)) continue;
    const before = ca?.maxMass;
    const after = cb?.maxMass;
    out.push({
      kind: 'category-changed',
      path: `classification.categories.${id}.maxMass`,
      before,
      after,
      citation: (cb ?? ca)?.citation ?? b.instrument,
      summary: text(
        `Category ${id} upper bound ${show(before)} → ${show(after)}`,
        `${id} 類重量上限 ${show(before)} → ${show(after)}`,
      ),
    });
  }
  const outA = a.classification.outOfScope;
  const outB = b.classification.outOfScope;
  if (!same(outA, outB))
    out.push({
      kind: 'out-of-scope-changed',
      path: 'classification.outOfScope',
      before: outA.message,
      after: outB.message,
      citation: outB.citation,
      summary: text(`Outside the Order: now "${outB.message.en}"`, `不屬本命令範圍：現為「${outB.message.zh}」`),
    });
  const pa = a.parameters;
  const pb = b.parameters;
  for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    if (same(pa[name]?.value, pb[name]?.value) && pa[name]?.unit === pb[name]?.unit) continue;
    const users = b.rules.filter((r) => paramRefs(r.params).has(name)).map((r) => r.id);
    const kind = !pa[name] ? 'parameter-added' : !pb[name] ? 'parameter-removed' : 'parameter-changed';
    out.push({
      kind,
      parameter: name,
      before: pa[name]?.value,
      after: pb[name]?.value,
      citation: (pb[name] ?? pa[name])?.citation ?? b.instrument,
      summary: text(
        `Parameter ${name}: ${show(pa[name]?.value)} → ${show(pb[name]?.value)}${users.length ? ` (used by ${users.join(', ')})` : ''}`,
        `參數 ${name}：${show(pa[name]?.value)} → ${show(pb[name]?.value)}`,
      ),
    });
  }
  const ra = new Map(a.rules.map((r) => [r.id, r]));
  const rbMap = new Map(b.rules.map((r) => [r.id, r]));
  for (const r of a.rules)
    if (!rbMap.has(r.id))
      out.push({
        kind: 'rule-withdrawn',
        ruleId: r.id,
        citation: r.citation,
        summary: text(`Rule ${r.id} withdrawn: ${r.title.en}`, `規則 ${r.id} 已撤回：${r.title.zh}`),
      });
  for (const r of b.rules) {
    const old = ra.get(r.id);
    if (!old) {
      out.push({
        kind: 'rule-added',
        ruleId: r.id,
        after: r.params,
        citation: r.citation,
        summary: text(`Rule ${r.id} added: ${r.title.en}`, `新增規則 ${r.id}：${r.title.zh}`),
      });
      continue;
    }
    // Params and applicability are compared value by value; a title or citation is one value.
    const diffs = [
      ...(['kind', 'title', 'citation', 'quote', 'commencement'] as const).flatMap((k) =>
        same(old[k], r[k]) ? [] : [{ path: k, before: old[k], after: r[k] }],
      ),
      ...leafDiffs(old.appliesTo, r.appliesTo, 'appliesTo', []),
      ...leafDiffs(old.params, r.params, 'params', []),
    ];
    for (const d of diffs)
      out.push({
        kind: 'rule-changed',
        ruleId: r.id,
        path: d.path,
        before: d.before,
        after: d.after,
        citation: r.citation,
        summary: text(
          `Rule ${r.id}: ${d.path} ${brief(d.path, d.before)} → ${brief(d.path, d.after)}`,
          `規則 ${r.id}：${d.path} ${brief(d.path, d.before)} → ${brief(d.path, d.after)}`,
        ),
      });
  }
  diffZones(a, b, out);
  return out;
}

function diffZones(a: Rulebook, b: Rulebook, out: RulebookChange[]) {
  const za = new Set(a.zones.map((z) => z.id));
  const zb = new Set(b.zones.map((z) => z.id));
  for (const z of b.zones)
    if (!za.has(z.id))
      out.push({
        kind: 'zone-added',
        zoneId: z.id,
        citation: z.legalBasis ?? b.instrument,
        summary: text(`Zone ${z.id} added: ${z.name.en}`, `新增區域 ${z.id}：${z.name.zh}`),
      });
  for (const z of a.zones)
    if (!zb.has(z.id))
      out.push({
        kind: 'zone-removed',
        zoneId: z.id,
        citation: z.legalBasis ?? b.instrument,
        summary: text(`Zone ${z.id} removed: ${z.name.en}`, `移除區域 ${z.id}：${z.name.zh}`),
      });
  const wa = new Set(a.withdrawnZones);
  for (const id of b.withdrawnZones)
    if (!wa.has(id))
      out.push({
        kind: 'zone-removed',
        zoneId: id,
        citation: b.instrument,
        summary: text(`Catalogue zone ${id} withdrawn`, `撤回目錄區域 ${id}`),
      });
  const wb = new Set(b.withdrawnZones);
  for (const id of a.withdrawnZones)
    if (!wb.has(id))
      out.push({
        kind: 'zone-added',
        zoneId: id,
        citation: b.instrument,
        summary: text(`Catalogue zone ${id} restored`, `恢復目錄區域 ${id}`),
      });
}
