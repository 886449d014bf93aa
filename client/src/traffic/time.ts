/** Hong Kong time (UTC+8 all year, no daylight saving) for the Traffic view: dd/mm/yyyy HH:mm, whatever the browser's zone. */
const HK_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

const parts = (ms: number) => {
  const iso = new Date(ms + HK_OFFSET_MS).toISOString();
  return { date: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, time: iso.slice(11, 16) };
};

/** "16/03/2027 10:05 HKT" */
export function hktMinute(ms: number): string {
  const p = parts(ms);
  return `${p.date} ${p.time} HKT`;
}

/** "16/03/2027 10:00 – 10:25 HKT", or both dates when the window crosses midnight. */
export function hktWindow(fromMs: number, toMs: number): string {
  const a = parts(fromMs);
  const b = parts(toMs);
  return a.date === b.date ? `${a.date} ${a.time} – ${b.time} HKT` : `${a.date} ${a.time} – ${b.date} ${b.time} HKT`;
}

/** Midnight HKT of the day containing `ms`. */
export function hktDayStart(ms: number): number {
  return Math.floor((ms + HK_OFFSET_MS) / DAY_MS) * DAY_MS - HK_OFFSET_MS;
}

/** "2027-03-16" (a date input's value) of the HKT day starting at `dayStartMs`, and back. */
export function dateInputValue(dayStartMs: number): string {
  return new Date(dayStartMs + HK_OFFSET_MS).toISOString().slice(0, 10);
}
export function dayStartOf(value: string): number | undefined {
  const ms = Date.parse(`${value}T00:00:00+08:00`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** "6 min 25 s", "7 min" or "45 s": a start shift as the applicant reads it. */
export function shiftText(s: number, unit: { min: string; s: string }): string {
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m === 0) return `${r} ${unit.s}`;
  return r === 0 ? `${m} ${unit.min}` : `${m} ${unit.min} ${r} ${unit.s}`;
}
