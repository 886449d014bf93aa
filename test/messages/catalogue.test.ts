import { describe, expect, it } from 'vitest';
import { formatQuantity, render } from '../../rules/src/engine/messages.js';
import {
  catalogueProblems,
  catalogues,
  MESSAGE_PARAMS,
  MessageCode,
  placeholders,
  renderBoth,
  renderMessage,
} from '../../rules/src/messages/index.js';

describe('the message catalogues', () => {
  it('word every declared code in both locales, using only the params the code declares', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['en', 'zh-Hant']);
    expect(catalogueProblems(MESSAGE_PARAMS, catalogues)).toEqual([]);
  });

  it('every param a code declares is used by at least one of its messages', () => {
    const unused: string[] = [];
    for (const [code, params] of Object.entries(MESSAGE_PARAMS)) {
      const used = new Set(Object.values(catalogues).flatMap((c) => placeholders(c[code as MessageCode])));
      for (const p of params) if (!used.has(p)) unused.push(`${code}: ${p}`);
    }
    expect(unused).toEqual([]);
  });

  it('the schema enum lists exactly the declared codes', () => {
    expect([...MessageCode.options].sort()).toEqual(Object.keys(MESSAGE_PARAMS).sort());
  });

  it('the Chinese catalogue has no English words outside its {params}, apart from terms of art and ids', () => {
    const TERMS = /\b(?:eSUA|BVLOS|AGL|AMSL|WGS 84|a1ExemptModels)\b|\d+[A-Z]\b/g;
    const english = Object.entries(catalogues['zh-Hant']).filter(([, text]) =>
      /[A-Za-z]/.test(text.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, '').replace(TERMS, '')),
    );
    expect(english).toEqual([]);
    expect(renderMessage('flight.summary', { category: 'A2', sight: 'VLOS' }, 'zh-Hant')).toBe('A2類，VLOS');
  });
});

describe('the checker catches broken catalogues', () => {
  const declared = { 'a.one': ['x'], 'a.two': [] };
  it('a message using a param its code does not declare', () => {
    const problems = catalogueProblems(declared, {
      en: { 'a.one': 'One {x} and {y}.', 'a.two': 'Two.' },
      'zh-Hant': { 'a.one': '一 {x}。', 'a.two': '二。' },
    });
    expect(problems).toEqual(['en: a.one uses {y}, which it does not declare']);
  });
  it('a code missing (or empty) in one locale', () => {
    const problems = catalogueProblems(declared, {
      en: { 'a.one': 'One {x}.', 'a.two': 'Two.' },
      'zh-Hant': { 'a.one': '' },
    });
    expect(problems).toEqual(['zh-Hant: no message for a.one', 'zh-Hant: no message for a.two']);
  });
  it('a message for a code nobody declared', () => {
    const problems = catalogueProblems(declared, {
      en: { 'a.one': 'One {x}.', 'a.two': 'Two.', 'a.three': 'Three.' },
    });
    expect(problems).toEqual(['en: a.three is not a declared message code']);
  });
});

describe('renderMessage', () => {
  it('fills plain and localized params in each locale', () => {
    const params = { zone: { en: 'Crowd', zh: '人群' }, zoneId: 'c1', measured: '12.5 m', limit: '30 m' };
    expect(renderMessage('lateral-distance.zone', params, 'en')).toBe(
      'The aircraft comes within 12.5 m of Crowd (c1); the minimum is 30 m.',
    );
    expect(renderMessage('lateral-distance.zone', params, 'zh-Hant')).toBe(
      '無人機與人群（c1）距離 12.5 m，最少須保持 30 m。',
    );
    expect(renderBoth('lateral-distance.zone', params)).toEqual({
      en: renderMessage('lateral-distance.zone', params, 'en'),
      zh: renderMessage('lateral-distance.zone', params, 'zh-Hant'),
    });
  });
  it('numbers render as written; a missing param stays a visible placeholder', () => {
    expect(renderMessage('record-keeping.reminder', { months: 6 }, 'en')).toContain('kept for 6 months');
    expect(renderMessage('record-keeping.reminder', {}, 'zh-Hant')).toContain('{months}');
  });
  it('an unknown code renders as the code; a client catalogue can be passed in', () => {
    expect(renderMessage('no.such', {}, 'en')).toBe('no.such');
    expect(renderMessage('x.y', { n: 2 }, 'en', { 'x.y': 'n is {n}' })).toBe('n is 2');
  });
  it('agrees with the engine render(): money is formatted once, the same in every locale', () => {
    const limit = { value: 10_000_000, unit: 'HKD' };
    expect(render({ code: 'insurance.none' }, undefined, limit)).toEqual(
      renderBoth('insurance.none', { limit: formatQuantity(limit) }),
    );
    expect(formatQuantity(limit)).toBe('HK$10,000,000');
  });
});
