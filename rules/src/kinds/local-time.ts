/** Parse a "+08:00"-style offset (or the offset at the end of an ISO instant) into minutes. */
export function offsetMinutes(isoOrOffset: string): number {
  if (/[zZ]$/.test(isoOrOffset)) return 0;
  const m = /([+-])(\d{2}):(\d{2})$/.exec(isoOrOffset);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Epoch ms → ISO instant in the given offset, e.g. "2026-03-01T10:00:00+08:00" (no milliseconds). */
export function formatInstant(tMs: number, offsetMin: number): string {
  const d = new Date(Math.round(tMs / 1000) * 1000 + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Local calendar date "YYYY-MM-DD" of an instant in the given offset. */
export function localDate(tMs: number, offsetMin: number): string {
  return formatInstant(tMs, offsetMin).slice(0, 10);
}

/** Local clock time "HH:MM" of an instant in the given offset. */
export function localClock(tMs: number, offsetMin: number): string {
  return formatInstant(tMs, offsetMin).slice(11, 16);
}
