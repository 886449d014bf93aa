import { describe, expect, it } from 'vitest';
import { ApplicationAction, ApplicationState } from '../../rules/src/model/application.js';
import { applyTransition, FINAL_STATES, TRANSITIONS } from '../../rules/src/workflow/index.js';

const AT = '2027-03-16T02:00:00.000Z';
const both = { id: 'user:admin', sides: ['applicant', 'regulator'] as const };

/** The diagram, written out independently of the table under test. */
const EXPECTED: Record<string, string> = {
  'draft/submit': 'submitted',
  'changes-requested/submit': 'submitted',
  'submitted/start-review': 'under-review',
  'submitted/request-changes': 'changes-requested',
  'under-review/request-changes': 'changes-requested',
  'under-review/approve': 'approved',
  'under-review/reject': 'rejected',
  'approved/activate': 'active',
  'active/suspend': 'suspended',
  'suspended/resume': 'active',
  'active/revoke': 'revoked',
  'suspended/revoke': 'revoked',
  'active/expire': 'expired',
  'suspended/expire': 'expired',
};

describe('application workflow: every state × action', () => {
  for (const state of ApplicationState.options)
    for (const action of ApplicationAction.options) {
      const key = `${state}/${action}`;
      const to = EXPECTED[key];
      it(`${key} → ${to ?? 'illegal'}`, () => {
        const r = applyTransition({ state }, action, both, AT);
        if (to) {
          expect(r).toEqual({ ok: true, from: state, to, action, actor: 'user:admin', at: AT });
        } else {
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.error.kind).toBe('illegal-transition');
          expect(r.error.message).toContain(state);
          expect(r.error.message).toContain(action);
        }
      });
    }

  it('the table holds exactly the expected moves', () => {
    expect(TRANSITIONS.length).toBe(Object.keys(EXPECTED).length);
  });

  it('final states have no way out', () => {
    for (const s of FINAL_STATES) expect(TRANSITIONS.some((t) => t.from === s)).toBe(false);
  });
});

describe('application workflow: sides', () => {
  const applicant = { id: 'user:op', sides: ['applicant'] as const };
  const regulator = { id: 'user:cad', sides: ['regulator'] as const };

  it('the applicant submits; the regulator may not', () => {
    expect(applyTransition({ state: 'draft' }, 'submit', applicant, AT).ok).toBe(true);
    const r = applyTransition({ state: 'draft' }, 'submit', regulator, AT);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'wrong-side', side: 'applicant' });
  });

  it('every regulator action is refused to the applicant side', () => {
    for (const t of TRANSITIONS.filter((x) => x.side === 'regulator')) {
      const r = applyTransition({ state: t.from }, t.action, applicant, AT);
      expect(r.ok ? null : r.error.kind).toBe('wrong-side');
      expect(applyTransition({ state: t.from }, t.action, regulator, AT)).toMatchObject({ ok: true, to: t.to });
    }
  });

  it('an illegal move is reported as illegal before the side is considered', () => {
    const r = applyTransition({ state: 'revoked' }, 'resume', applicant, AT);
    expect(r.ok ? null : r.error).toMatchObject({ kind: 'illegal-transition', from: 'revoked', action: 'resume' });
    if (!r.ok) expect(r.error.message).toMatch(/final/);
  });
});
