import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/i18n/en.js';
import { zh } from '../../client/src/i18n/zh.js';
import { trafficFindingText } from '../../client/src/traffic/finding-words.js';
import { FlightPlan } from '../../rules/src/model/plan.js';
import { checkPlanOnRoute } from '../../rules/src/traffic/route-check.js';
import { loadRouteNetwork } from '../../server/src/data/traffic.js';
import { createParams } from './helpers.js';

/** The UI's `t` over one dictionary: `{name}` replaced by its param. */
const translator =
  (dict: Record<MessageKey, string>) =>
  (key: MessageKey, params: Record<string, string | number> = {}) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

const shipped = (file: string) =>
  FlightPlan.parse(JSON.parse(readFileSync(new URL(`../../scenarios/plans/${file}`, import.meta.url), 'utf8')));

function routeFindings(plan: FlightPlan) {
  const r = checkPlanOnRoute(plan, loadRouteNetwork(), 'R-CYB-CCH', createParams());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.findings;
}

describe('traffic findings in words (the Traffic panel shows these, not the code)', () => {
  it('the shipped off-corridor plan: how far off, the half-width, and where it starts (leg from 1)', () => {
    const findings = routeFindings(shipped('cyberport-cheung-chau-off-corridor.json'));
    const outside = findings.find((f) => f.code === 'traffic.route.outside');
    if (!outside) throw new Error(`no outside finding in ${findings.map((f) => f.code)}`);
    const text = trafficFindingText(outside, translator(en));
    expect(text).toMatch(
      new RegExp(
        `^Off the route’s corridor: ${outside.params.samples} sampled points more than its half-width of ${outside.params.limit} m`,
      ),
    );
    expect(text).toContain(`up to ${outside.params.worst} m`);
    expect(text).toContain(`First on leg ${Number(outside.params.firstLeg) + 1}, at `);
    const inZh = trafficFindingText(outside, translator(zh));
    expect(inZh).toMatch(/^偏離航線走廊：/);
    expect(inZh).not.toMatch(/\{|traffic\./);
  });

  it('every finding the route check gives for the shipped plans and an AMSL plan is worded, in both languages', () => {
    const amsl = shipped('cyberport-cheung-chau-bvlos.json');
    amsl.route = { ...amsl.route, altitudeRef: amsl.route.altitudeRef === 'AGL' ? 'AMSL' : 'AGL' };
    const all = [
      ...routeFindings(shipped('cyberport-cheung-chau-off-corridor.json')),
      ...routeFindings(shipped('cyberport-cheung-chau-bvlos.json')),
      ...routeFindings(amsl),
    ];
    expect(all.map((f) => f.code)).toContain('traffic.route.altitude-reference');
    for (const f of all)
      for (const dict of [en, zh]) {
        const text = trafficFindingText(f, translator(dict));
        expect(text, f.code).not.toBe(f.code);
        expect(text, f.code).not.toMatch(/\{\w+\}|undefined|NaN/);
      }
  });

  it('a code with no words is shown as the code, never dropped', () => {
    expect(trafficFindingText({ code: 'traffic.new-kind', severity: 'warning', params: {} }, translator(en))).toBe(
      'traffic.new-kind',
    );
  });
});
