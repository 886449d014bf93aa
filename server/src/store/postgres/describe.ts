/** Where the URL points, for messages: never the password. (Its own module: naming it does not load `pg`.) */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
