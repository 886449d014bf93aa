import { isActiveAt } from '@sua-sandbox/rules/airspace';
import type { Application, Permission } from '@sua-sandbox/rules/model';

/** The permissions register without the page: what is in force at a time (pure, no DOM). */

/** One permission in force, as the register draws it. */
export interface RegisterEntry {
  permissionId: string;
  status: 'active';
  source: 'builtin' | 'user';
  permission: Permission;
}

export interface RegisterState {
  shown: boolean;
  /** follow the live session's clock, or a time the user chose */
  mode: 'live' | 'chosen';
  /** the chosen time, "YYYY-MM-DDTHH:mm" Hong Kong time */
  local: string;
}

/** A time as a Hong Kong datetime-local value ("YYYY-MM-DDTHH:mm"). */
export function hkLocalValue(tMs: number): string {
  return new Date(tMs + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Now, as a Hong Kong datetime-local value. */
export function nowLocal(): string {
  return hkLocalValue(Date.now());
}

/** The register's time: the live clock (now when there is none yet), or the chosen time. */
export function registerTimeMs(state: RegisterState, liveMs: number | undefined): number {
  if (state.mode === 'live') return liveMs ?? Date.now();
  return Date.parse(`${state.local}:00+08:00`);
}

/** Is the permission in force at `tMs`: inside a validity window and, when it has them, a daily period? */
export function permissionActiveAt(p: Permission, tMs: number): boolean {
  const at = p.area.type === 'Corridor' ? p.area.line[0] : undefined;
  const [lon, lat] = at ?? firstVertex(p) ?? [114.17, 22.3];
  return isActiveAt({ windows: p.validity, daily: p.daily, utcOffset: '+08:00' }, tMs, lon, lat);
}

function firstVertex(p: Permission): [number, number] | undefined {
  if (p.area.type === 'Polygon') return p.area.coordinates[0]?.[0];
  if (p.area.type === 'MultiPolygon') return p.area.coordinates[0]?.[0]?.[0];
  return undefined;
}

/**
 * The permissions in force at `tMs`: the seeded sandbox projects, permissions the regulator stored directly
 * (regulators only: an applicant cannot tell another organisation's pending one from one in force), and those of
 * applications whose permission is active.
 */
export function registerAt(
  stored: readonly { id: string; source: 'builtin' | 'user'; permission: Permission }[],
  apps: readonly Application[],
  tMs: number,
  regulator: boolean,
): RegisterEntry[] {
  const linked = new Map(apps.filter((a) => a.permissionId).map((a) => [a.permissionId, a.state]));
  return stored
    .filter((s) => {
      const state = linked.get(s.id);
      if (state !== undefined) return state === 'active';
      return s.source === 'builtin' || regulator;
    })
    .filter((s) => permissionActiveAt(s.permission, tMs))
    .map((s) => ({ permissionId: s.id, status: 'active', source: s.source, permission: s.permission }));
}

/** Register ids at a time, to redraw the map only when what is in force changed. */
export function registerKey(entries: readonly RegisterEntry[]): string {
  return entries.map((e) => e.permissionId).join('|');
}
