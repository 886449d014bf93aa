import type { TimeWindow } from '../../model/time.js';
import { fail, type ReadContext } from './errors.js';

/*
 * `effectiveDateTime` of the CAD Drone Map: the map shows e.g. "1/6/2022 – …" (day/month/year, Hong Kong
 * Time). We read one or more ranges separated by ";", each "start – end" where either side may be empty
 * or "…", and a side is d/m/yyyy [HH:mm[:ss]] (HKT) or an ISO 8601 instant. A date without a time is the
 * start of that day as a start and the end of that day (23:59:59) as an end.
 */

const HKT_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function hkInstant(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

function parseSide(text: string, end: boolean, ctx: ReadContext, field: string): string | undefined {
  const t = text.trim();
  if (t === '' || t === '…' || t === '...') return undefined;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (dmy) {
    const [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return fail(ctx, field, `no such date "${t}"`);
    if (dmy[4] === undefined) return end ? hkInstant(y, mo, d, 23, 59, 59) : hkInstant(y, mo, d, 0, 0, 0);
    const [h, mi, s] = [Number(dmy[4]), Number(dmy[5]), Number(dmy[6] ?? '0')];
    if (h > 23 || mi > 59 || s > 59) return fail(ctx, field, `bad time of day in "${t}"`);
    return hkInstant(y, mo, d, h, mi, s);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t) && !Number.isNaN(Date.parse(t))) {
    return t;
  }
  return fail(ctx, field, `expected d/m/yyyy [HH:mm] (HKT) or an ISO 8601 instant, got "${t}"`);
}

/** Reads `effectiveDateTime` into validity windows (empty when the text is empty). */
export function parseEffectiveDateTime(text: string, ctx: ReadContext, field: string): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const [a, b, ...more] = part.split(/\s+[–—-]\s*|\s*[–—]\s+|\s+to\s+|\s*至\s*/);
    if (more.length > 0) fail(ctx, field, `cannot read the range "${part.trim()}"`);
    const from = parseSide(a ?? '', false, ctx, field);
    const to = b === undefined ? undefined : parseSide(b, true, ctx, field);
    if (from && to && Date.parse(from) > Date.parse(to))
      fail(ctx, field, `range "${part.trim()}" ends before it starts`);
    windows.push({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  return windows;
}

function formatHk(instant: string, onWarning?: (m: string) => void): string {
  const local = new Date(Date.parse(instant) + HKT_MS);
  const s = local.getUTCSeconds();
  if (s !== 0 && s !== 59) onWarning?.(`seconds of ${instant} dropped`);
  return `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${s === 59 ? ':59' : ''}`;
}

/** Validity windows as `effectiveDateTime` text in HKT: "28/3/2025 09:30 – 28/3/2025 22:00; …". */
export function formatEffectiveDateTime(windows: readonly TimeWindow[], onWarning?: (m: string) => void): string {
  return windows
    .map((w) => `${w.from ? formatHk(w.from, onWarning) : ''} – ${w.to ? formatHk(w.to, onWarning) : ''}`.trim())
    .join('; ');
}
