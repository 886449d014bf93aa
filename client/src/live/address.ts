import type { SessionMirror } from '../net/session.js';

/** The session named in the live view's address (`#live?session=<id>`), if any. */
export function sessionFromHash(hash: string): string | undefined {
  const [view, query] = hash.replace(/^#/, '').split('?');
  if (view !== 'live' || !query) return undefined;
  return new URLSearchParams(query).get('session') || undefined;
}

/**
 * A private copy is named in the address, so a reload (or the link, to the same account) comes back to it; the
 * public demo is plain `#live`.
 */
export function showSessionInAddress(m: SessionMirror): void {
  const hash = m.owned ? `#live?session=${encodeURIComponent(m.sessionId)}` : '#live';
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
