import { fromZod, type Issue } from '../engine/issues.js';
import { bareObject, isContainer, ownValue, setOwn } from '../engine/safe-write.js';
import type { DraftChange, TrafficChange } from '../model/draft.js';
import { type SeparationMinima, TrafficParams } from './params.js';
import { RouteNetwork } from './routes.js';

export interface TrafficData {
  params: TrafficParams;
  network: RouteNetwork;
}

export type TrafficDraftResult = { ok: true; data: TrafficData; changed: string[] } | { ok: false; issues: Issue[] };

/** The draft's traffic changes with their index in `changes` (rulebook changes are not traffic's business). */
export function trafficChangesOf(changes: readonly DraftChange[]): { change: TrafficChange; index: number }[] {
  return changes.flatMap((change, index) => (change.op === 'set-traffic-parameter' ? [{ change, index }] : []));
}

/** Set `value` at `keys` inside `target` (own properties only, creating objects on the way); why not, or null. */
function setAt(target: object, keys: string[], value: unknown): string | null {
  let cur: object = target;
  for (let i = 0; i < keys.length - 1; i++) {
    let next = ownValue(cur, keys[i]);
    if (next === undefined) {
      next = bareObject();
      const err = setOwn(cur, keys[i], next);
      if (err) return err;
    }
    if (!isContainer(next)) return `"${keys.slice(0, i + 1).join('.')}" is not an object`;
    cur = next;
  }
  return setOwn(cur, keys[keys.length - 1], structuredClone(value));
}

/** Apply one change to the working copy; "routes.<id|*>.…" and "vertiports.<id|*>.…" address the network. */
function applyOne(data: { params: object; network: RouteNetwork }, c: TrafficChange): string | null {
  const keys = c.path.split('.');
  const list = keys[0] === 'routes' ? data.network.routes : keys[0] === 'vertiports' ? data.network.vertiports : null;
  if (list === null) return setAt(data.params, keys, c.value);
  if (keys.length < 3) return `"${c.path}": give ${keys[0]}.<id or *>.<field>`;
  const targets = keys[1] === '*' ? list : list.filter((x) => x.id === keys[1]);
  if (targets.length === 0)
    return `no ${keys[0] === 'routes' ? 'route' : 'vertiport'} "${keys[1]}"; known: ${list.map((x) => x.id).join(', ')}`;
  for (const t of targets) {
    const err = setAt(t, keys.slice(2), c.value);
    if (err) return err;
  }
  return null;
}

/**
 * The traffic params and route network a draft trials: each `set-traffic-parameter` change applied to a
 * copy (the inputs are not modified), then both validated with their schemas. Issues point at the change
 * (`changes[3].value`) and name the traffic field ("buffers.lateralM: …").
 */
export function applyTrafficChanges(base: TrafficData, changes: readonly DraftChange[]): TrafficDraftResult {
  const params = structuredClone(base.params) as object;
  const network = structuredClone(base.network);
  const issues: Issue[] = [];
  const traffic = trafficChangesOf(changes);
  for (const { change, index } of traffic) {
    const err = applyOne({ params, network }, change);
    if (err) issues.push({ path: ['changes', index, 'path'], message: `traffic parameter ${err}` });
  }
  if (issues.length) return { ok: false, issues };
  // the change whose path covers the failing field ("*" matches any id), else the last traffic change
  const covers = (path: string, field: string) => {
    const a = path.split('.');
    const b = field.split('.');
    return a.length <= b.length && a.every((k, i) => k === b[i] || (k === '*' && i === 1));
  };
  const at = (field: string) => {
    const hit = [...traffic].reverse().find(({ change }) => covers(change.path, field));
    return ['changes', (hit ?? traffic[traffic.length - 1])?.index ?? 0, 'value'];
  };
  const p = TrafficParams.safeParse(params);
  if (!p.success)
    for (const i of fromZod(p.error)) {
      const field = i.path.join('.');
      issues.push({ path: at(field), message: `traffic parameter "${field}": ${i.message}` });
    }
  const n = RouteNetwork.safeParse(network);
  if (!n.success)
    for (const i of fromZod(n.error)) {
      const field = i.path.map((k, j) => (j === 1 ? idAt(network, i.path, k) : String(k))).join('.');
      issues.push({ path: at(field), message: `traffic parameter "${field}": ${i.message}` });
    }
  if (!p.success || !n.success) return { ok: false, issues };
  return { ok: true, data: { params: p.data, network: n.data }, changed: traffic.map(({ change }) => change.path) };
}

const SEPARATION = 'separation';

/** Does the change set the separation minima (the whole object or one of its fields)? */
function setsSeparation(c: TrafficChange): boolean {
  return c.path === SEPARATION || c.path.startsWith(`${SEPARATION}.`);
}

export type DraftSeparationResult = { ok: true; minima?: SeparationMinima } | { ok: false; issues: Issue[] };

/**
 * The separation minima a draft trials for live sessions: its traffic params' `separation` when one of its
 * `set-traffic-parameter` changes sets them, else none (sessions keep their scenario's). The draft's traffic
 * changes are validated as a whole, as for an impact run, so a bad value is refused naming the field.
 */
export function draftSeparation(base: TrafficData, changes: readonly DraftChange[]): DraftSeparationResult {
  const traffic = trafficChangesOf(changes);
  if (!traffic.some(({ change }) => setsSeparation(change))) return { ok: true };
  const r = applyTrafficChanges(base, changes);
  return r.ok ? { ok: true, minima: r.data.params.separation } : r;
}

/** routes.0 → routes.R-CYB-CCH: name a route or vertiport by its id, as the change path does. */
function idAt(network: RouteNetwork, path: readonly (string | number)[], k: string | number): string {
  const list = path[0] === 'routes' ? network.routes : path[0] === 'vertiports' ? network.vertiports : null;
  return list && typeof k === 'number' ? (list[k]?.id ?? String(k)) : String(k);
}
