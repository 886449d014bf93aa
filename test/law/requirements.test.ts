import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRequirements, formatIssue } from '../../rules/src/engine/index.js';
import type { Requirement, Rulebook } from '../../rules/src/model/index.js';
import { SCHEMA_DIR } from '../../server/src/cli/gen-schemas.js';
import { loadRequirementsFile } from '../../server/src/data/requirements.js';
import { resolveRulebookRef } from '../../server/src/data/rulebooks.js';
import { REPO } from '../cli/run-cli.js';
import { rulebooks } from '../engine/helpers.js';

const { rb2022, rb2025, all } = rulebooks();
const register = loadRequirementsFile();
const byId = new Map(register.requirements.map((r) => [r.id, r]));
const issues = (reg = register, books: readonly Rulebook[] = all) => checkRequirements(reg, books).map(formatIssue);

describe('the requirements register (rules/requirements/cap448g.yaml)', () => {
  it('matches its published JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(join(SCHEMA_DIR, 'RequirementsRegister.schema.json'), 'utf8')),
    );
    const data: unknown = parse(readFileSync(join(REPO, 'rules/requirements/cap448g.yaml'), 'utf8'), { merge: true });
    expect(validate(data), ajv.errorsText(validate.errors)).toBe(true);
  });
  it('covers every rule and category of both rulebooks, with no dangling or unused id', () => {
    expect(issues()).toEqual([]);
    for (const rb of [rb2022, rb2025]) {
      for (const r of rb.rules) expect(byId.has(r.requirement ?? ''), `${rb.id} ${r.id}`).toBe(true);
      for (const c of rb.classification.categories)
        expect(byId.has(c.requirement ?? ''), `${rb.id} ${c.id}`).toBe(true);
    }
  });
  it('cites the same provision as the rules implementing it, and never a guessed section', () => {
    for (const rb of [rb2022, rb2025])
      for (const r of [...rb.rules, ...rb.classification.categories]) {
        const c = byId.get(r.requirement ?? '')?.citation;
        expect([c?.instrument, c?.section, c?.url], `${rb.id} ${r.id}`).toEqual([
          r.citation.instrument,
          r.citation.section,
          r.citation.url,
        ]);
      }
    for (const req of register.requirements)
      if (req.citation.section === null) expect(req.citation.secondary && req.citation.document, req.id).toBeTruthy();
  });
  it('marks quotes; a rule that quotes its provision quotes the register', () => {
    expect(register.requirements.filter((r) => r.form === 'quote').map((r) => r.id)).toEqual(['CAP448G-S18']);
    for (const r of [...rb2022.rules, ...rb2025.rules].filter((x) => x.quote !== undefined)) {
      const req = byId.get(r.requirement ?? '');
      expect(req?.form, r.id).toBe('quote');
      expect(r.quote).toBe(req?.requires);
    }
  });
  it('names the code and the tests of each provision: the files exist and are about it', () => {
    const kinds = new Map([...rb2022.rules, ...rb2025.rules].map((r) => [r.id, r.kind]));
    const read = (path: string) => {
      expect(existsSync(join(REPO, path)), path).toBe(true);
      return readFileSync(join(REPO, path), 'utf8');
    };
    for (const req of register.requirements) {
      const expectedCode = [
        ...req.rules.map((id) => `rules/src/kinds/${kinds.get(id)}.ts`),
        ...(req.categories.length ? ['rules/src/engine/classify.ts'] : []),
      ];
      for (const path of expectedCode) expect(req.code, req.id).toContain(path);
      for (const path of req.code) read(path);
      expect(req.tests.length, req.id).toBeGreaterThan(0);
      // A test is about a provision when it names its id, one of its rules, the rules' kind or a category.
      const names = [
        req.id,
        ...req.rules,
        ...req.rules.map((id) => `'${kinds.get(id)}'`),
        ...req.categories.map((c) => `'${c}'`),
      ];
      for (const path of req.tests) {
        const text = read(path);
        expect(
          names.some((n) => text.includes(n)),
          `${path} mentions none of ${names.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});

describe('the dangling/unused check is real', () => {
  it('fails on a rule naming an unknown requirement (fixture)', () => {
    const bad = resolveRulebookRef(join(REPO, 'test/law/fixtures/unknown-requirement.yaml'), all);
    const i = bad.rules.findIndex((r) => r.id === 'op.vlos');
    expect(issues(register, [bad, rb2025])).toEqual([
      `cap448g-2022-unknown-requirement.rules[${i}].requirement: rule "op.vlos" names "CAP448G-S99", which is not in the register`,
    ]);
  });
  it('fails on a requirement no rule names, on one not listing its rule, and on a rule naming none', () => {
    const extra: Requirement = { ...register.requirements[0], id: 'CAP448G-S99', rules: ['op.vlos'], categories: [] };
    const withExtra = { ...register, requirements: [...register.requirements, extra] };
    expect(issues(withExtra)).toEqual([
      `requirements[${register.requirements.length}].rules[0]: requirement "CAP448G-S99" lists rule "op.vlos", but no rulebook's rule "op.vlos" names it`,
    ]);
    const vlos = register.requirements.findIndex((r) => r.id === 'CAP448G-OPREQ-VLOS');
    const unlisted = structuredClone(register);
    unlisted.requirements[vlos].rules = [];
    unlisted.requirements[vlos].categories = ['A1'];
    expect(issues(unlisted)).toEqual([
      expect.stringMatching(
        /^cap448g-2022\.rules\[\d+\]\.requirement: requirement "CAP448G-OPREQ-VLOS" does not list rule "op.vlos"$/,
      ),
      expect.stringMatching(
        /^cap448g-2025\.rules\[\d+\]\.requirement: requirement "CAP448G-OPREQ-VLOS" does not list rule "op.vlos"$/,
      ),
      expect.stringMatching(
        /^requirements\[\d+\]\.categories\[0\]: requirement "CAP448G-OPREQ-VLOS" lists category "A1"/,
      ),
    ]);
    const bare = structuredClone(rb2022);
    delete bare.rules[0].requirement;
    expect(issues(register, [bare, rb2025])).toEqual([
      'cap448g-2022.rules[0].requirement: rule "scope" names no requirement',
      expect.stringContaining('CAP448G-S3-1'),
    ]);
  });
});
