import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDraft } from '../../rules/src/engine/index.js';
import type { Draft, Rulebook } from '../../rules/src/model/index.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';

const rb2025 = (): Rulebook => {
  const rb = loadBuiltinRulebooks().find((r) => r.id === 'cap448g-2025');
  if (!rb) throw new Error('cap448g-2025 missing');
  return rb;
};
const draft = (changes: unknown[]): Draft =>
  ({ id: 'hostile', title: 'hostile', base: 'cap448g-2025', changes }) as Draft;

/** Every own property of Object.prototype with its descriptor, to see any change at all. */
const prototypeSnapshot = () =>
  Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)?.value]);

function issuePaths(r: ReturnType<typeof applyDraft>): string[] {
  return r.ok ? [] : r.issues.map((i) => i.path.join('.'));
}

describe('draft applier refuses reserved keys (issue 10 reproduction)', () => {
  it('set-parameter with path "__proto__.permissions" is refused naming changes[0].path; Object.prototype untouched', () => {
    const before = prototypeSnapshot();
    const r = applyDraft(
      rb2025(),
      draft([{ op: 'set-parameter', rule: 'op.height.a2', path: '__proto__.permissions', value: ['p'] }]),
    );
    expect(r.ok).toBe(false);
    expect(issuePaths(r)).toEqual(['changes.0.path']);
    expect(({} as Record<string, unknown>).permissions).toBeUndefined();
    expect(prototypeSnapshot()).toEqual(before);
  });

  it.each(['constructor.prototype.polluted', 'limit.constructor', 'prototype', 'limit..value'])(
    'set-parameter path %s is refused naming the path',
    (path) => {
      const r = applyDraft(rb2025(), draft([{ op: 'set-parameter', rule: 'op.height.a2', path, value: 1 }]));
      expect(issuePaths(r)).toContain('changes.0.path');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'set-global with name %s is refused naming changes[0].name',
    (name) => {
      const r = applyDraft(rb2025(), draft([{ op: 'set-global', name, value: 5 }]));
      expect(issuePaths(r)).toEqual(['changes.0.name']);
      expect(({} as Record<string, unknown>).value).toBeUndefined();
    },
  );

  it('a value carrying a "__proto__" key (as JSON.parse builds it) is refused at that key', () => {
    const value = JSON.parse('{"value": 1, "nested": [{"__proto__": {"polluted": true}}]}');
    const r = applyDraft(rb2025(), draft([{ op: 'set-parameter', rule: 'op.height.a2', path: 'limit', value }]));
    expect(issuePaths(r)).toEqual(['changes.0.value.nested.0.__proto__']);
  });

  it('add-rule params with a "constructor" key are refused at that key', () => {
    const rule = structuredClone(rb2025().rules[0]);
    const r = applyDraft(
      rb2025(),
      draft([{ op: 'add-rule', rule: { ...rule, id: 'new-rule', params: { constructor: { prototype: 1 } } } }]),
    );
    expect(issuePaths(r)).toEqual(['changes.0.rule.params.constructor']);
  });

  it('an array index past the end is refused rather than building a sparse array', () => {
    const rb = rb2025();
    const withArray = rb.rules.find((r) => Object.values(r.params).some(Array.isArray));
    if (!withArray) throw new Error('no rule with an array param');
    const key = Object.keys(withArray.params).find((k) => Array.isArray(withArray.params[k]));
    const r = applyDraft(
      rb,
      draft([{ op: 'set-parameter', rule: withArray.id, path: `${key}.1000000000`, value: 'x' }]),
    );
    expect(issuePaths(r)).toEqual(['changes.0.path']);
  });

  it('a legitimate set-parameter still applies', () => {
    const r = applyDraft(
      rb2025(),
      draft([{ op: 'set-parameter', rule: 'op.height.a2', path: 'limit.value', value: 400 }]),
    );
    expect(r.ok).toBe(true);
  });
});

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0', ''];
const segment = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.constantFrom('limit', 'value', 'unit', 'required'),
  fc.string(),
);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
/** JSON values whose objects may carry hostile own keys, built the way JSON.parse builds them. */
const hostileJson = fc
  .jsonValue({ maxDepth: 3 })
  .chain((v) =>
    fc
      .constantFrom(...HOSTILE)
      .map((k) => (typeof v === 'object' && v !== null ? JSON.parse(`{"${k}": ${JSON.stringify(v)}}`) : v)),
  );
const ruleIds = rb2025().rules.map((r) => r.id);
const ruleId = fc.oneof(fc.constantFrom(...ruleIds), fc.constantFrom(...HOSTILE));
const change = fc.oneof(
  fc.record({ op: fc.constant('set-parameter'), rule: ruleId, path, value: hostileJson }),
  fc.record({
    op: fc.constant('set-global'),
    name: fc.oneof(fc.constantFrom(...HOSTILE), fc.string()),
    value: hostileJson,
  }),
  fc.record({ op: fc.constant('withdraw-rule'), rule: ruleId }),
  fc.record({ op: fc.constant('remove-zone'), zone: fc.oneof(fc.constantFrom(...HOSTILE), fc.string()) }),
  fc.record({ op: fc.constantFrom('set-applicability', '__proto__'), rule: ruleId, appliesTo: hostileJson }),
);

describe('property: applying random drafts', () => {
  it('never changes Object.prototype and returns a rulebook or issues, never throws', () => {
    const base = rb2025();
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 5 }), (changes) => {
        const r = applyDraft(base, draft(changes));
        if (r.ok) expect(r.rulebook.id).toBe('hostile');
        else expect(r.issues.length).toBeGreaterThan(0);
        expect(prototypeSnapshot()).toEqual(before);
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
      { numRuns: 400, seed: 10 },
    );
  });
});

/** The draft-application sources: every computed-key write must go through safe-write.ts. */
const DRAFT_SOURCES = ['rules/src/engine/draft.ts', 'rules/src/engine/params.ts'];
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `x[expr] = …` / `x[expr] ??= …`, Object.assign and Reflect.set; comments and strings stripped. */
function computedWrites(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');
  const patterns = [
    /[\w$)\]]\[(?:[^[\]\n]|\[[^[\]\n]*\])+\]\s*(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])?=(?![=>])/g,
    /\bObject\.assign\s*\(/g,
    /\bReflect\.set\s*\(/g,
    /\b__proto__\b/g,
  ];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[0]));
}

describe('lint: the draft applier writes caller-named keys only through safe-write', () => {
  it('the scanner finds each unsafe pattern and ignores comparisons and destructuring', () => {
    const unsafe = 'cur[keys[i]] = {};\nout[k] ??= v;\nObject.assign(a, b);\nReflect.set(o, k, v);';
    expect(computedWrites(unsafe)).toHaveLength(4);
    const safe =
      'function f(p: (string | number)[] = []) {}\nconst [a, b] = pair;\nif (x[i] === y) f(x[i]);\nconst m = { [k]: v };\n// cur[k] = v\n';
    expect(computedWrites(safe)).toEqual([]);
  });

  it.each(DRAFT_SOURCES)('%s has no computed-key assignment', (file) => {
    expect(computedWrites(readFileSync(`${ROOT}${file}`, 'utf8'))).toEqual([]);
  });
});
