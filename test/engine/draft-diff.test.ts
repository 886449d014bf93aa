import { describe, expect, it } from 'vitest';
import { applyDraft, diffRulebooks } from '../../rules/src/engine/index.js';
import type { Draft } from '../../rules/src/model/index.js';
import { BASE, boundaryZone, check, createPlan, east, rulebooks, squareZone } from './helpers.js';

const { rb2022, rb2025 } = rulebooks();
const draft = (changes: Draft['changes'], base = 'cap448g-2025'): Draft => ({
  id: 'test-draft',
  title: 'Test draft',
  base,
  changes,
});

describe('applyDraft', () => {
  it('is pure: the base rulebook is not modified', () => {
    const before = JSON.stringify(rb2025);
    const r = applyDraft(rb2025, draft([{ op: 'set-parameter', rule: 'op.speed.a2', path: 'limit.value', value: 60 }]));
    expect(r.ok).toBe(true);
    expect(JSON.stringify(rb2025)).toBe(before);
  });
  it('marks the result as a draft over its base', () => {
    const r = applyDraft(rb2025, draft([{ op: 'withdraw-rule', rule: 'record-keeping' }]));
    if (!r.ok) throw new Error('draft failed');
    expect(r.rulebook).toMatchObject({
      id: 'test-draft',
      status: 'draft',
      supersedes: 'cap448g-2025',
      commencement: rb2025.commencement,
    });
  });
  const badChanges: [Draft['changes'], (string | number)[]][] = [
    [[{ op: 'set-parameter', rule: 'op.speed.a2', path: 'limit.value', value: -1 }], ['changes', 0, 'value']],
    [[{ op: 'set-parameter', rule: 'nope', path: 'limit.value', value: 1 }], ['changes', 0, 'rule']],
    [[{ op: 'withdraw-rule', rule: 'nope' }], ['changes', 0, 'rule']],
    [[{ op: 'set-global', name: 'nightDefinition', value: 'moonrise' }], ['changes', 0, 'value']],
    [[{ op: 'set-global', name: 'nope', value: 1 }], ['changes', 0, 'name']],
    [
      [
        {
          op: 'add-rule',
          rule: {
            id: 'op.speed.a2',
            kind: 'max-speed',
            title: { en: 'x', zh: 'x' },
            citation: rb2025.rules[0].citation,
            commencement: '2026-01-01',
            appliesTo: {},
            params: {},
          },
        },
      ],
      ['changes', 0, 'rule', 'id'],
    ],
  ];
  it.each(badChanges)('rejects a bad change with the path of the change (%#)', (changes, path) => {
    const r = applyDraft(rb2025, draft(changes));
    if (r.ok) throw new Error('expected issues');
    expect(r.issues[0].path).toEqual(path);
  });
  it('rejects a draft for another base', () => {
    const r = applyDraft(rb2022, draft([{ op: 'withdraw-rule', rule: 'scope' }]));
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([['base']]);
  });
  it('supports every change kind, and diff lists each with a citation', () => {
    const zone = squareZone('new-tfr', 'restricted-flying-zone', [114.2, 22.3], 500);
    const r = applyDraft(
      rb2025,
      draft([
        { op: 'set-global', name: 'nightDefinition', value: 'civil-twilight' },
        {
          op: 'add-rule',
          rule: {
            id: 'op.height.b',
            kind: 'max-height',
            title: { en: 'B height 400 ft', zh: '乙類 400 呎' },
            citation: rb2025.rules[0].citation,
            commencement: '2026-01-01',
            appliesTo: { columns: ['B'] },
            params: { limit: { value: 400, unit: 'ft', ref: 'AGL' } },
          },
        },
        { op: 'withdraw-rule', rule: 'op.dropping' },
        { op: 'add-zone', zone },
        { op: 'remove-zone', zone: 'victoria-harbour' },
        { op: 'set-applicability', rule: 'op.size', appliesTo: { columns: ['A2'] } },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const kinds = diffRulebooks(rb2025, r.rulebook).map((c) => `${c.kind}:${c.ruleId ?? c.parameter ?? c.zoneId}`);
    expect(kinds.sort()).toEqual(
      [
        'parameter-changed:nightDefinition',
        'rule-added:op.height.b',
        'rule-withdrawn:op.dropping',
        'zone-added:new-tfr',
        'zone-removed:victoria-harbour',
        'rule-changed:op.size',
      ].sort(),
    );
    expect(r.rulebook.withdrawnZones).toEqual(['victoria-harbour']);
  });
});

describe('a draft changes evaluation', () => {
  const [lon, lat] = BASE;
  const rfz = squareZone('rfz', 'restricted-flying-zone', [east(lon, lat, 100), lat], 30);
  it('removing a catalogue zone lifts its restriction; adding one imposes it', () => {
    const removed = applyDraft(rb2025, draft([{ op: 'remove-zone', zone: 'rfz' }]));
    const added = applyDraft(rb2025, draft([{ op: 'add-zone', zone: rfz }]));
    if (!removed.ok || !added.ok) throw new Error('draft failed');
    expect(check(createPlan(), { zones: [boundaryZone(), rfz] }).verdict).toBe('permission-required');
    expect(check(createPlan(), { rulebook: removed.rulebook, zones: [boundaryZone(), rfz] }).verdict).toBe('compliant');
    expect(check(createPlan(), { rulebook: added.rulebook }).verdict).toBe('permission-required');
  });
  it('changing the night definition moves the daylight boundary', () => {
    const p = createPlan({ start: '2026-03-14T18:45:00+08:00' });
    const twilight = applyDraft(
      rb2025,
      draft([{ op: 'set-global', name: 'nightDefinition', value: 'civil-twilight' }]),
    );
    if (!twilight.ok) throw new Error('draft failed');
    expect(check(p).verdict).toBe('permission-required');
    expect(check(p, { rulebook: twilight.rulebook }).verdict).toBe('compliant');
  });
});

describe('diffRulebooks', () => {
  it('a rulebook has no differences from itself', () => {
    expect(diffRulebooks(rb2025, rb2025)).toEqual([]);
  });
  it('is symmetric in what it finds', () => {
    expect(diffRulebooks(rb2025, rb2022).length).toBe(diffRulebooks(rb2022, rb2025).length);
  });
});
