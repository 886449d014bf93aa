import { z } from 'zod';
import {
  type MessageCode,
  MessageCode as MessageCodeSchema,
  type MessageParam,
  MessageParams,
  pickParams,
  renderBoth,
} from '../messages/index.js';
import { LocalizedText as LocalizedTextSchema, Provision, type Rulebook } from '../model/index.js';
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
    code: MessageCodeSchema.describe('the summary as data: the catalogues word it in each locale'),
    params: MessageParams,
    summary: LocalizedTextSchema,
  })
  .meta({ id: 'RulebookChange' });
export type RulebookChange = z.infer<typeof RulebookChange>;

/** A change's summary as code + params, worded by the catalogues. */
function summarised(code: MessageCode, params: Readonly<Record<string, MessageParam | undefined>>) {
  const kept = pickParams(code, params);
  return { code, params: kept, summary: renderBoth(code, kept) };
}

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
      ...summarised('diff.commencement', { before: a.commencement, after: b.commencement }),
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
      ...summarised('diff.category-bound', { category: id, before: show(before), after: show(after) }),
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
      ...summarised('diff.out-of-scope', { message: outB.message }),
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
      ...summarised(users.length ? 'diff.parameter-used' : 'diff.parameter', {
        name,
        before: show(pa[name]?.value),
        after: show(pb[name]?.value),
        rules: users.join(', '),
      }),
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
        ...summarised('diff.rule-withdrawn', { ruleId: r.id, title: r.title }),
      });
  for (const r of b.rules) {
    const old = ra.get(r.id);
    if (!old) {
      out.push({
        kind: 'rule-added',
        ruleId: r.id,
        after: r.params,
        citation: r.citation,
        ...summarised('diff.rule-added', { ruleId: r.id, title: r.title }),
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
        ...summarised('diff.rule-changed', {
          ruleId: r.id,
          path: d.path,
          before: brief(d.path, d.before),
          after: brief(d.path, d.after),
        }),
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
        ...summarised('diff.zone-added', { zoneId: z.id, name: z.name }),
      });
  for (const z of a.zones)
    if (!zb.has(z.id))
      out.push({
        kind: 'zone-removed',
        zoneId: z.id,
        citation: z.legalBasis ?? b.instrument,
        ...summarised('diff.zone-removed', { zoneId: z.id, name: z.name }),
      });
  const wa = new Set(a.withdrawnZones);
  for (const id of b.withdrawnZones)
    if (!wa.has(id))
      out.push({
        kind: 'zone-removed',
        zoneId: id,
        citation: b.instrument,
        ...summarised('diff.zone-withdrawn', { zoneId: id }),
      });
  const wb = new Set(b.withdrawnZones);
  for (const id of a.withdrawnZones)
    if (!wb.has(id))
      out.push({
        kind: 'zone-added',
        zoneId: id,
        citation: b.instrument,
        ...summarised('diff.zone-restored', { zoneId: id }),
      });
}
