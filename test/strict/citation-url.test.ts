import { describe, expect, it } from 'vitest';
import { citationHtml } from '../../client/src/plan/citation-html.js';
import { applyDraft } from '../../rules/src/engine/index.js';
import { type Draft, type Finding, Permission, Provision, Zone } from '../../rules/src/model/index.js';
import type { RunResult } from '../../rules/src/sim/headless.js';
import { renderRunReportHtml } from '../../rules/src/sim/report-html.js';
import { loadBuiltinPermissions } from '../../server/src/data/permissions.js';
import { loadBuiltinRulebooks } from '../../server/src/data/rulebooks.js';

const HOSTILE_URLS = ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>1</script>'];
const provision = (url: string) => ({ instrument: 'Cap. 448G', section: 's.18', url, secondary: false });

describe('citation URLs in the model', () => {
  it.each([...HOSTILE_URLS, 'http://www.cad.gov.hk/', 'ftp://example.org/x'])('refuses %s at url', (url) => {
    const r = Provision.safeParse(provision(url));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['url']);
  });

  it('accepts an https citation', () => {
    expect(Provision.safeParse(provision('https://www.elegislation.gov.hk/hk/cap448G')).success).toBe(true);
  });

  it('a draft cannot add a rule or a zone citing a javascript: URL', () => {
    const rb = loadBuiltinRulebooks().find((r) => r.id === 'cap448g-2025');
    if (!rb) throw new Error('no rulebook');
    const rule = { ...structuredClone(rb.rules[0]), id: 'evil', citation: provision(HOSTILE_URLS[0]) };
    const zone = {
      id: 'evil-zone',
      name: { en: 'x', zh: 'x' },
      class: 'crowd',
      effect: 'uninvolved-persons',
      legalBasis: provision(HOSTILE_URLS[0]),
      geometry: { type: 'Circle', center: [114.2, 22.3], radiusM: 100 },
      lower: { value: 0, unit: 'm', ref: 'AGL' },
      upper: null,
      provenance: { accuracy: 'user', source: 'test' },
    };
    const d = {
      id: 'evil',
      title: 'evil',
      base: rb.id,
      changes: [
        { op: 'add-rule', rule },
        { op: 'add-zone', zone },
      ],
    } as Draft;
    const r = applyDraft(rb, d);
    expect(r.ok ? [] : r.issues.map((i) => i.path.join('.'))).toEqual([
      'changes.0.rule.citation.url',
      'changes.1.zone.legalBasis.url',
    ]);
    expect(Zone.safeParse(zone).success).toBe(false);
  });
});

describe('permissions', () => {
  it('a permission citing a javascript: URL is refused at legalBasis.url', () => {
    const permission = structuredClone(loadBuiltinPermissions()[0]);
    expect(Permission.safeParse(permission).success).toBe(true);
    permission.legalBasis.url = HOSTILE_URLS[0];
    expect(Permission.safeParse(permission).error?.issues.map((i) => i.path.join('.'))).toEqual(['legalBasis.url']);
  });
});

/** A finding whose provision bypassed the schema (e.g. built by hand), to test the renderers alone. */
const finding = (url: string): Finding => ({
  ruleId: 'r',
  kind: 'max-height',
  provision: { ...provision(url), section: 's.18 "<b>"' },
  rulebookVersion: 'x@1',
  effect: 'prohibited',
  code: 'max-height.exceeded',
  params: {},
  message: { en: 'too high', zh: '過高' },
});

describe('HTML reports link only https citations', () => {
  const run = (url: string): RunResult => ({
    scenario: { id: 's', title: { en: 'S', zh: 'S' }, start: '2026-01-01T00:00:00+08:00', durationS: 1, seed: 1 },
    rulebook: 'x',
    steps: 1,
    flights: [
      {
        flight: 'f',
        label: 'F',
        outcome: 'completed',
        findings: [{ finding: finding(url), openedAt: null, closedAt: null }],
        zoneEntries: [],
      },
    ] as unknown as RunResult['flights'],
  });

  it.each(HOSTILE_URLS)('run report: %s is shown as text, not a link', (url) => {
    const html = renderRunReportHtml(run(url), [], new Date());
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('Cap. 448G s.18 &quot;&lt;b&gt;&quot;');
  });

  it('run report: an https citation is a link', () => {
    expect(renderRunReportHtml(run('https://www.cad.gov.hk/x'), [], new Date())).toContain(
      'href="https://www.cad.gov.hk/x"',
    );
  });

  it.each(HOSTILE_URLS)('client exported report: %s is shown as text, not a link', (url) => {
    const html = citationHtml(url, 'Cap. 448G s.18 <b>');
    expect(html).not.toContain('href');
    expect(html).not.toContain('<b>');
  });

  it('client exported report: an https citation is a link', () => {
    expect(citationHtml('https://www.cad.gov.hk/x', 'Cap. 448G')).toContain('href="https://www.cad.gov.hk/x"');
  });
});
