import { describe, expect, it } from 'vitest';
import { formatIssue, getKind, loadRulebook } from '../../rules/src/engine/index.js';
import { rulebooks } from './helpers.js';

const { rb2022, rb2025 } = rulebooks();
const clone = () => structuredClone(rb2025) as Record<string, unknown> & typeof rb2025;

describe('built-in rulebooks', () => {
  it.each([rb2022, rb2025])('$id validates, every rule kind is known and every rule is cited', (rb) => {
    expect(loadRulebook(rb).ok).toBe(true);
    for (const r of rb.rules) {
      expect(getKind(r.kind), r.id).toBeDefined();
      expect(r.citation.url, r.id).toMatch(/^https:\/\//);
      // Never an invented section: a rule without a section cites a document and says it is secondary.
      if (r.citation.section === null) expect(r.citation.secondary && r.citation.document, r.id).toBeTruthy();
      expect(r.title.en && r.title.zh, r.id).toBeTruthy();
    }
  });
  it('every parameter the law leaves open is marked unknownInLaw, and every one is used', () => {
    for (const rb of [rb2022, rb2025]) {
      for (const [name, p] of Object.entries(rb.parameters)) {
        expect(p.unknownInLaw, name).toBe(true);
        const used =
          rb.rules.some((r) => JSON.stringify(r.params).includes(`"$param":"${name}"`)) ||
          // Read by classification and by the engine's choice of ground model (engine/ground-reference.ts).
          name === 'a1ExemptModels' ||
          name === 'groundReference';
        expect(used, `${rb.id} parameter ${name} is not used`).toBe(true);
      }
    }
  });
  it('rule ids are shared between 2022 and 2025 except the amendment', () => {
    const a = new Set(rb2022.rules.map((r) => r.id));
    expect(
      rb2025.rules
        .map((r) => r.id)
        .filter((id) => !a.has(id))
        .sort(),
    ).toEqual(['category-c', 'cross-boundary', 'insurance.c', 'record-keeping']);
  });
});

describe('loadRulebook reports path-precise issues', () => {
  it('a bad parameter value names rules[i].params.limit.value', () => {
    const rb = clone();
    const i = rb.rules.findIndex((r) => r.id === 'op.height.a2');
    rb.rules[i].params = { limit: { value: -5, unit: 'ft', ref: 'AGL' } };
    const r = loadRulebook(rb);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map(formatIssue)).toEqual([
        expect.stringMatching(new RegExp(`^rules\\[${i}\\]\\.params\\.limit\\.value: `)),
      ]);
  });
  it('a missing unit is reported at the unit', () => {
    const rb = clone();
    rb.rules[10].kind = 'max-speed';
    rb.rules[10].params = { limit: { value: 50 } };
    const r = loadRulebook(rb);
    if (r.ok) throw new Error('expected issues');
    expect(r.issues[0].path).toEqual(['rules', 10, 'params', 'limit', 'unit']);
  });
  it('an unknown kind, an unknown $param, and a schema error are all reported', () => {
    const rb = clone();
    rb.rules[0].kind = 'teleport';
    rb.rules[1].params = { category: { $param: 'nope' } };
    const r = loadRulebook({ ...rb, jurisdiction: 'SG' });
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => i.path.join('.'))).toEqual(['jurisdiction']);
    const r2 = loadRulebook(rb);
    if (r2.ok) throw new Error('expected issues');
    expect(r2.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('unknown rule kind "teleport"'),
      expect.stringContaining('unknown rulebook parameter "nope"'),
    ]);
  });
  it('a parameter whose value does not fit the rule names the parameter', () => {
    const rb = clone();
    rb.parameters.nightDefinition.value = 'moonrise';
    const r = loadRulebook(rb);
    if (r.ok) throw new Error('expected issues');
    expect(r.issues[0].message).toContain('nightDefinition');
    expect(r.issues[0].path.slice(-2)).toEqual(['params', 'night']);
  });
  it('a column without a category (C in the 2022 rulebook) is reported', () => {
    const rb = structuredClone(rb2022);
    rb.rules[1].appliesTo = { columns: ['C'] };
    const r = loadRulebook(rb);
    expect(r.ok).toBe(false);
  });
  it('duplicate rule ids are rejected', () => {
    const rb = clone();
    rb.rules[1].id = rb.rules[0].id;
    expect(loadRulebook(rb).ok).toBe(false);
  });
});
