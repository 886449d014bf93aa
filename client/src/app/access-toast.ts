import { type MessageKey, t } from '../i18n/index.js';
import { toast } from '../ui/toast.js';
import type { Account } from './account.js';
import { onRefusedCall, type RefusedCall } from './api-watch.js';

/** What a refused path was for, and who may do it (the server's access policy, server/src/auth/access-policy.ts). */
interface Area {
  prefix: RegExp;
  action: MessageKey;
  who: 'regulator' | 'operator' | 'admin';
}

const AREAS: Area[] = [
  { prefix: /^\/api\/(drafts|impact|jobs)(\/|$)/, action: 'auth.action.workbench', who: 'regulator' },
  { prefix: /^\/api\/(zones|zone-layers)(\/|$)/, action: 'auth.action.zones', who: 'regulator' },
  { prefix: /^\/api\/permissions(\/|$)/, action: 'auth.action.permissions', who: 'regulator' },
  { prefix: /^\/api\/audit(\/|$)/, action: 'auth.action.audit', who: 'regulator' },
  { prefix: /^\/api\/plans(\/|$)/, action: 'auth.action.plans', who: 'operator' },
  { prefix: /^\/api\/applications(\/|$)/, action: 'auth.action.applications', who: 'operator' },
  { prefix: /^\/api\/(users|organisations)(\/|$)/, action: 'auth.action.accounts', who: 'admin' },
];

/** Sign-in answers its own refusals in the dialog; `me` never refuses. */
const OWN_MESSAGES = /^\/api\/auth\/(sign-in|me|sign-out)$/;
/** the same refusal again within this time is not toasted twice (a view can make several calls at once) */
const REPEAT_MS = 4000;

/** The toast text for a refused call: who to sign in as, to do what (the caller shows the server's words). */
export function refusalText(refused: Pick<RefusedCall, 'path'>): string {
  const area = AREAS.find((a) => a.prefix.test(refused.path));
  const action = t(area?.action ?? 'auth.action.other');
  const key: MessageKey =
    area?.who === 'regulator'
      ? 'auth.needRegulator'
      : area?.who === 'operator'
        ? 'auth.needOperator'
        : 'auth.needSignIn';
  return t(key, { action });
}

/**
 * A 401 or 403 from any API call becomes a toast saying which account it needs, instead of the view's generic
 * failure; a 401 also re-asks who we are (the session may have expired or been revoked).
 */
export function explainRefusals(account: Account): () => void {
  const recent = new Map<string, number>();
  return onRefusedCall((refused) => {
    if (refused.status === 429 || OWN_MESSAGES.test(refused.path)) return;
    if (refused.status === 401 && account.user) void account.refresh();
    const text = refusalText(refused);
    const now = Date.now();
    if ((recent.get(text) ?? 0) > now - REPEAT_MS) return;
    recent.set(text, now);
    toast(text, 'error');
  });
}
