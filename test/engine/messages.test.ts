import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { render } from '../../rules/src/engine/index.js';
import { hasTemplate, permissionRequiredText } from '../../rules/src/engine/messages.js';
import { Trigger } from '../../rules/src/model/index.js';

const KINDS = fileURLToPath(new URL('../../rules/src/kinds/', import.meta.url));
const ENGINE = fileURLToPath(new URL('../../rules/src/engine/', import.meta.url));

/** Message codes written literally in the rule kinds and the engine (`code: '…'` or template codes). */
function codesInSource(): string[] {
  const codes = new Set<string>();
  for (const dir of [KINDS, ENGINE])
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'messages.ts')) {
      const text = readFileSync(dir + f, 'utf8');
      for (const m of text.matchAll(/code: '([a-z-]+\.[a-zA-Z.-]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/code: `([a-z-]+)\.\$\{[^}]+\}`/g)) codes.add(`${m[1]}.*`);
    }
  return [...codes].sort();
}

describe('messages', () => {
  it('every literal message code has a template in both languages', () => {
    const literal = codesInSource().filter((c) => !c.endsWith('.*'));
    expect(literal.length).toBeGreaterThan(20);
    for (const code of literal) expect(hasTemplate(code), code).toBe(true);
  });
  it('the computed codes (registration subjects, equipment items, zone outcomes) all have templates', () => {
    for (const code of [
      'registration.aircraft',
      'registration.remote-pilot',
      'registration.responsible-person',
      'equipment.flightLog',
      'equipment.geoAwareness',
      'equipment.failSafe',
      'equipment.remoteId',
      'zone-entry.prohibited',
      'zone-entry.requires-permission',
      'zone-entry.advisory',
    ])
      expect(hasTemplate(code), code).toBe(true);
  });
  it('renders values and localized names in each language', () => {
    const t = render(
      { code: 'lateral-distance.zone', data: { zone: { en: 'Crowd', zh: '人群' }, zoneId: 'c1' } },
      { value: 12.5, unit: 'm' },
      { value: 30, unit: 'm' },
    );
    expect(t.en).toBe('The aircraft comes within 12.5 m of Crowd (c1); the minimum is 30 m.');
    expect(t.zh).toBe('無人機與人群（c1）距離 12.5 m，最少須保持 30 m。');
  });
  it('formats money', () => {
    expect(render({ code: 'insurance.none' }, undefined, { value: 10_000_000, unit: 'HKD' }).en).toContain(
      'HK$10,000,000',
    );
  });
  it('has a permission sentence for every trigger', () => {
    for (const t of Trigger.options) {
      const s = permissionRequiredText(t);
      expect(s.en).toMatch(/^CAD permission is needed for /);
      expect(s.zh).toMatch(/須獲民航處許可。$/);
    }
  });
  it('an unknown code renders as itself instead of throwing', () => {
    expect(render({ code: 'no.such' })).toEqual({ en: 'no.such', zh: 'no.such' });
  });
});
