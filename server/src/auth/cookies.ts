/** The browser session cookie: httpOnly, SameSite=Lax, Path=/, Secure on https or when configured. */
export const SESSION_COOKIE = 'sua_session';

/** The value of cookie `name` in a Cookie header (no cookie-parser dependency for one cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  maxAge?: number;
}

export function sessionCookieOptions(secure: boolean, maxAgeMs?: number): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(maxAgeMs !== undefined && { maxAge: maxAgeMs }) };
}
