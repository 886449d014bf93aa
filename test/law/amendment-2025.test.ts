import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyAmendment, diffRulebooks, type RulebookChange } from '../../rules/src/engine/index.js';
import { Amendment, type AmendmentChange, type AmendmentInput } from '../../rules/src/model/index.js';
import { readDataFile } from '../../server/src/data/data-file.js';
import { RULEBOOK_DIR, resolveRulebookRef } from '../../server/src/data/rulebooks.js';
import { runCli } from '../cli/run-cli.js';
import { rulebooks } from '../engine/helpers.js';

const { rb2022, rb2025, all } = rulebooks();
const file = readDataFile(join(RULEBOOK_DIR, 'cap448g-2025.yaml'));
const amendment = Amendment.parse(file.data);
/**
 * The full cap448g-2025 rulebook as loaded before it was rewritten as an amendment (JSON, 2-space indent),
 * plus the `groundReference` parameter added to cap448g-2022 since (the amendment inherits it).
 */
const BEFORE = readFileSync(new URL('./fixtures/cap448g-2025.before.json', import.meta.url), 'utf8');
/**
 * Fields added after the fixture was captured (requirement ids on rules and categories; category names and
 * the exemption column, for categories as data; the Chinese titles of citations and of the rulebook); nothing
 * else may differ.
 */
const NEW_FIELDS = new Set(['requirement', 'name', 'exemptColumn', 'instrumentZh', 'documentZh', 'titleZh']);
const withoutNewFields = (x: unknown) =>
  `${JSON.stringify(x, (key, value) => (NEW_FIELDS.has(key) ? undefined : value), 2)}\n`;

describe('L.N. 82 of 2025 is written as an amendment of cap448g-2022', () => {
  it('the file holds changes over its base, not a copy of the rulebook', () => {
    expect(amendment.base).toBe('cap448g-2022');
    expect(Object.keys(file.data as object)).not.toContain('rules');
    expect(Object.keys(file.data as object)).not.toContain('classification');
    expect(amendment.changes.length).toBeLessThan(20);
  });
  it('cap448g-2022 + the amendment is the full 2025 rulebook captured before the rewrite, byte for byte', () => {
    const built = applyAmendment(rb2022, file.data);
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    expect(withoutNewFields(built.rulebook)).toBe(BEFORE);
    expect(built.rulebook).toEqual(rb2025);
    expect(all.map((r) => r.id)).toEqual(['cap448g-2022', 'cap448g-2025']);
  });
  it('applying it leaves the base untouched', () => {
    const before = structuredClone(rb2022);
    applyAmendment(rb2022, file.data);
    expect(rb2022).toEqual(before);
  });
});

/** The differences an amendment's changes must produce, as `kind subject` (one op may produce several). */
function expectedDifferences(changes: readonly AmendmentChange[]): string[] {
  return changes.flatMap((c): string[] => {
    switch (c.op) {
      case 'add-category':
        return [`category-changed ${c.category.id}`];
      case 'set-out-of-scope':
        return ['out-of-scope-changed -'];
      case 'add-parameter':
        return [`parameter-added ${c.name}`];
      case 'set-global':
        return [`parameter-changed ${c.name}`];
      case 'amend-rule':
        return (['title', 'citation', 'quote', 'commencement'] as const)
          .filter((k) => c[k] !== undefined)
          .map((k) => `rule-changed ${c.rule}:${k}`);
      case 'add-rule':
        return [`rule-added ${c.rule.id}`];
      case 'withdraw-rule':
        return [`rule-withdrawn ${c.rule}`];
      case 'set-parameter':
        return [`rule-changed ${c.rule}:params.${c.path}`];
      default:
        throw new Error(`extend expectedDifferences for "${c.op}"`);
    }
  });
}

const subject = (c: RulebookChange) =>
  `${c.kind} ${
    c.kind === 'category-changed'
      ? c.path?.split('.')[2]
      : c.kind === 'rule-changed'
        ? `${c.ruleId}:${c.path}`
        : (c.ruleId ?? c.parameter ?? c.zoneId ?? '-')
  }`;

describe('diff cap448g-2022 cap448g-2025 prints the amendment and nothing else', () => {
  const expected = ['commencement-changed -', ...expectedDifferences(amendment.changes)];
  it('every difference comes from one change of the amendment, and every change shows', () => {
    const changes = diffRulebooks(rb2022, rb2025);
    expect(changes.map(subject).sort()).toEqual([...expected].sort());
    expect(expected).toHaveLength(10);
  });
  it('the CLI prints those differences with their citations', async () => {
    const r = await runCli(['diff', 'cap448g-2022', 'cap448g-2025']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${expected.length} differences from cap448g-2022 to cap448g-2025:`);
    expect(lines.filter((l) => l.startsWith('  - ['))).toHaveLength(expected.length);
    expect(lines.filter((l) => /^ {6}\S.* <https:\/\/\S+>$/.test(l))).toHaveLength(expected.length);
    for (const c of amendment.changes) if (c.op === 'add-rule') expect(r.stdout).toContain(`Rule ${c.rule.id} added`);
  });
});

describe('applyAmendment names the change that does not apply', () => {
  const base = (changes: AmendmentInput['changes'], over: Partial<AmendmentInput> = {}): AmendmentInput => ({
    id: 'test-amendment',
    title: 'Test',
    version: '1',
    status: 'amended',
    base: 'cap448g-2025',
    instrument: rb2025.instrument,
    commencement: '2030-01-01',
    changes,
    ...over,
  });
  const issuesOf = (input: AmendmentInput) => {
    const r = applyAmendment(rb2025, input);
    if (r.ok) throw new Error('expected issues');
    return r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it.each([
    [[{ op: 'amend-rule', rule: 'nope', title: { en: 'x', zh: 'x' } }], /^changes\.0\.rule: no rule "nope"/],
    [[{ op: 'amend-rule', rule: 'scope' }], /^changes\.0: amend-rule changes at least one of/],
    [
      [{ op: 'add-rule', after: 'nope', rule: { ...rb2025.rules[0], id: 'scope-2' } }],
      /^changes\.0\.after: no rule "nope"/,
    ],
    [[{ op: 'add-parameter', name: 'nightDefinition', parameter: { value: 1, description: 'x' } }], /already exists/],
    [[{ op: 'add-parameter', name: '__proto__', parameter: { value: 1, description: 'x' } }], /reserved/],
    [
      [{ op: 'add-category', category: { ...rb2025.classification.categories[0], id: 'C' } }],
      /^changes\.0\.category\.id: category "C" already exists/,
    ],
  ] as [AmendmentInput['changes'], RegExp][])('%j', (changes, message) => {
    expect(issuesOf(base(changes))).toEqual([expect.stringMatching(message)]);
  });
  it('a category out of mass order is refused by the loader', () => {
    const light = { id: 'C' as const, maxMass: { value: 1, unit: 'kg' as const }, citation: rb2022.instrument };
    const r = applyAmendment(rb2022, base([{ op: 'add-category', category: light }], { base: 'cap448g-2022' }));
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual(['categories must ascend by maxMass']);
  });
  it('an amendment of another rulebook is refused', () => {
    expect(issuesOf(base([{ op: 'withdraw-rule', rule: 'scope' }], { base: 'cap448g-2022' }))).toEqual([
      'base: the amendment is of "cap448g-2022", not "cap448g-2025"',
    ]);
  });
  it('a rule amended in place keeps its position; a rule added after another follows it', () => {
    const r = applyAmendment(
      rb2025,
      base([
        { op: 'amend-rule', rule: 'rfz', quote: 'Permission required for flights within restricted flying zone.' },
        { op: 'add-rule', after: 'scope', rule: { ...rb2025.rules[0], id: 'scope-2' } },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.rulebook.rules.map((x) => x.id).slice(0, 2)).toEqual(['scope', 'scope-2']);
    const i = rb2025.rules.findIndex((x) => x.id === 'rfz');
    expect(r.rulebook.rules[i + 1]).toMatchObject({ id: 'rfz', quote: expect.stringMatching(/zone\.$/) });
    expect(r.rulebook).toMatchObject({ status: 'amended', supersedes: 'cap448g-2025', commencement: '2030-01-01' });
    expect(r.rulebook.fullEffect).toBeUndefined();
  });
});

describe('amendment files on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amendment-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, stringify(data));
    return path;
  };
  const amendsRfz = {
    id: 'cap448g-2030',
    title: 'Test amendment',
    version: '2030.1',
    status: 'amended',
    base: 'cap448g-2025',
    instrument: rb2025.instrument,
    commencement: '2030-01-01',
    changes: [{ op: 'withdraw-rule', rule: 'record-keeping' }],
  };
  it('an amendment of an amendment applies to its base', () => {
    const rb = resolveRulebookRef(write('ok.yaml', amendsRfz), all);
    expect(rb.rules.map((r) => r.id)).not.toContain('record-keeping');
    expect(rb.rules).toHaveLength(rb2025.rules.length - 1);
  });
  it('an unknown base and a bad change are named with their line', () => {
    expect(() => resolveRulebookRef(write('base.yaml', { ...amendsRfz, base: 'cap448g-1999' }), all)).toThrow(
      /line \d+.*base: base rulebook "cap448g-1999" is not known/s,
    );
    const bad = { ...amendsRfz, changes: [{ op: 'withdraw-rule', rule: 'nope' }] };
    expect(() => resolveRulebookRef(write('bad.yaml', bad), all)).toThrow(/changes\[0\]\.rule: no rule "nope"/);
  });
});
