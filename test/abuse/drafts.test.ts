/**
 * Issue 10, strict input against a real server: `__proto__` in draft changes must not pollute the server's
 * Object.prototype (a plan stored afterwards declares only what it was given; GET /api/zones stays 200), and
 * citation URLs other than https are refused wherever a caller can supply one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlightPlanInput } from '../../rules/src/model/index.js';
import { Provision } from '../../rules/src/model/index.js';
import { connectSocket, emitAck, settle, storedCounts } from './attacks.js';
import { api, errorText, type Reply, type ServerHandle } from './harness.js';
import { expectSurvived, useServer } from './lifecycle.js';
import { basePlan } from './payloads.js';
import { userZone, zoneLayer } from './zones.js';

const server = useServer();

interface RuleOut {
  id: string;
  citation: { url: string };
  [key: string]: unknown;
}
interface RulebookOut {
  id: string;
  rules: RuleOut[];
  parameters: Record<string, unknown>;
  [key: string]: unknown;
}

let rulebook: RulebookOut;
let permissionId: string;
/** The newest rulebook and a known permission id, read once from the first server. */
async function learn(s: ServerHandle): Promise<void> {
  if (rulebook) return;
  const list = await api<{ id: string }[]>(s.url, 'GET', '/api/rulebooks');
  rulebook = (await api<RulebookOut>(s.url, 'GET', `/api/rulebooks/${list.body.at(-1)?.id}`)).body;
  const perms = await api<{ id: string }[]>(s.url, 'GET', '/api/permissions');
  permissionId = perms.body[0].id;
}
beforeEach(() => learn(server()));

const draftWith = (id: string, changes: unknown[]) => ({ id, title: `Abuse ${id}`, base: rulebook.id, changes });

/** A plan stored now without permissions must come back with none, and zones must still list. */
async function expectUnpolluted(s: ServerHandle, planId: string): Promise<void> {
  const { permissions: _none, ...plan } = basePlan({ id: planId }) as FlightPlanInput & { permissions?: unknown };
  const stored = await api<{ plan: { permissions: unknown[] } }>(s.url, 'POST', '/api/plans', { json: plan });
  expect(stored.status, errorText(stored)).toBe(201);
  expect(stored.body.plan.permissions, 'a fresh plan declares no permission').toEqual([]);
  const again = await api<{ plan: { permissions: unknown[] } }>(s.url, 'GET', `/api/plans/${planId}`);
  expect(again.body.plan.permissions).toEqual([]);
  expect((await api(s.url, 'GET', '/api/zones')).status, 'GET /api/zones').toBe(200);
  expect((await api(s.url, 'GET', '/api/rulebooks')).status, 'GET /api/rulebooks').toBe(200);
  await expectSurvived(s);
}

/** Refused (4xx) or reported invalid, with an issue pointing into the change. */
function expectChangeRefused(reply: Reply | Error, field: RegExp): void {
  if (reply instanceof Error) expect.fail(`no answer: ${reply.message}`);
  expect(reply.status, errorText(reply)).toBeLessThan(500);
  if (reply.status === 200) {
    const v = reply.body as { valid: boolean; issues: { path: (string | number)[]; message: string }[] };
    expect(v.valid, 'the draft is reported invalid').toBe(false);
    expect(v.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toMatch(field);
    return;
  }
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(errorText(reply)).toMatch(field);
}

describe('__proto__ in draft changes', () => {
  const pollutions = [
    { path: '__proto__.permissions', how: 'set-parameter' },
    { path: 'constructor.prototype.permissions', how: 'set-parameter' },
    { path: '__proto__', how: 'set-global' },
    { path: 'constructor', how: 'set-global' },
  ];
  for (const [i, p] of pollutions.entries())
    it(`${p.how} ${p.path}: refused on validate and store; later plans and zones unaffected`, async () => {
      const s = server();
      const change =
        p.how === 'set-parameter'
          ? { op: 'set-parameter', rule: rulebook.rules[0].id, path: p.path, value: [permissionId] }
          : { op: 'set-global', name: p.path, value: { permissions: [permissionId], value: 1 } };
      const before = await storedCounts(s.url);
      const draft = draftWith(`abuse-proto-${i}`, [change]);
      const validated = await settle(api(s.url, 'POST', '/api/drafts/validate', { json: draft }));
      const stored = await settle(api(s.url, 'POST', '/api/drafts', { json: draft }));
      // the same applier runs in impact jobs and live sessions: whatever they answer, they must not pollute
      await settle(api(s.url, 'POST', '/api/impact', { json: { draft, corpus: 'examples' } }));
      const scenarios = await api<{ id: string }[]>(s.url, 'GET', '/api/scenarios');
      const socket = await connectSocket(s.url);
      const session = await emitAck(socket, 'session:create', {
        scenarioId: scenarios.body[0].id,
        rulebook: { draft },
        autoplay: false,
      });
      socket.disconnect();
      expect(session.ok ? 'created' : session.error.code, 'a live session refuses the draft too').not.toMatch(
        /created|internal|no-answer|disconnected/,
      );
      await expectUnpolluted(s, `after-proto-${i}`);
      const field = p.how === 'set-parameter' ? /changes\.0\.path/ : /changes\.0\.name/;
      expectChangeRefused(validated, field);
      expectChangeRefused(stored, field);
      expect(await storedCounts(s.url)).toEqual({ ...before, plans: before.plans + 1 });
    });
});

describe('citation URLs: https only', () => {
  const hostile = [
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://attacker.example/',
  ];

  it('the Provision schema refuses them (the HTML report and the client link only what it accepts)', () => {
    const ok = {
      instrument: 'Cap. 448G',
      section: 's.18',
      url: 'https://www.elegislation.gov.hk/hk/cap448G',
      secondary: false,
    };
    expect(Provision.safeParse(ok).success).toBe(true);
    for (const url of hostile) expect(Provision.safeParse({ ...ok, url }).success, url).toBe(false);
  });

  for (const url of hostile)
    it(`${url}: a draft's new rule, an inline rulebook and a zone's legal basis are refused naming the url`, async () => {
      const s = server();
      const before = await storedCounts(s.url);
      const [first] = rulebook.rules;
      const rule = { ...first, id: 'abuse.citation', citation: { ...first.citation, url } };
      const draft = draftWith('abuse-citation', [{ op: 'add-rule', rule }]);
      expectChangeRefused(await settle(api(s.url, 'POST', '/api/drafts/validate', { json: draft })), /url/);
      expectChangeRefused(await settle(api(s.url, 'POST', '/api/drafts', { json: draft })), /url/);

      const inline = {
        ...rulebook,
        rules: [{ ...first, citation: { ...first.citation, url } }, ...rulebook.rules.slice(1)],
      };
      const check = await api(s.url, 'POST', '/api/check', { json: { plan: basePlan(), rulebook: inline } });
      expect(check.status, errorText(check)).toBe(400);
      expect(errorText(check)).toMatch(/url/);

      const zone = userZone('abuse-citation-zone', {
        legalBasis: { instrument: 'Cap. 448G', section: 's.18', url, secondary: false },
      });
      const imported = await api(s.url, 'POST', '/api/zones/import?format=geojson&id=abuse-citation', {
        json: zoneLayer([zone]),
      });
      expect(imported.status, errorText(imported)).toBe(400);
      expect(errorText(imported)).toMatch(/url/i);
      expect(await storedCounts(s.url)).toEqual(before);
      await expectSurvived(s);
    });
});
