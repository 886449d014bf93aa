import type { Draft, DraftChange, DraftInput, Rulebook, RuleDef, Zone } from '@sua-sandbox/rules/model';

/** One editable leaf of a rule's params (a `$param` reference is shown, not edited: edit the global). */
export interface ParamLeaf {
  path: string;
  value: string | number | boolean | null;
  /** name of the rulebook parameter this leaf refers to */
  ref?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function leaves(params: Record<string, unknown>, prefix = ''): ParamLeaf[] {
  const out: ParamLeaf[] = [];
  for (const [k, v] of Object.entries(params)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isRecord(v) && typeof v.$param === 'string') out.push({ path, value: null, ref: v.$param });
    else if (isRecord(v)) out.push(...leaves(v, path));
    else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out.push({ path, value: v });
  }
  return out;
}

/** The regulator's edits over the base rulebook; the Draft is derived from them. */
export interface WorkbenchState {
  base: Rulebook | undefined;
  id: string;
  title: string;
  /** `${ruleId}|${path}` → new value */
  ruleParams: Map<string, unknown>;
  /** global parameter name → new value */
  globals: Map<string, unknown>;
  withdrawn: Set<string>;
  addedRules: RuleDef[];
  zones: Zone[];
  /** changes the editor does not show (remove-zone, applicability, traffic): kept as they were */
  other: DraftChange[];
  description: string | undefined;
  /** id of the stored draft these edits were last saved as */
  savedId: string | undefined;
  /** the title of the shipped draft these edits started from (a stored copy must not pass for it) */
  shippedTitle: string | undefined;
  dirty: boolean;
}

export function newWorkbench(): WorkbenchState {
  return {
    base: undefined,
    id: `draft-${Math.random().toString(36).slice(2, 8)}`,
    title: '',
    ruleParams: new Map(),
    globals: new Map(),
    withdrawn: new Set(),
    addedRules: [],
    zones: [],
    other: [],
    description: undefined,
    savedId: undefined,
    shippedTitle: undefined,
    dirty: false,
  };
}

export function changeCount(s: WorkbenchState): number {
  return s.ruleParams.size + s.globals.size + s.withdrawn.size + s.addedRules.length + s.zones.length + s.other.length;
}

export function buildDraft(s: WorkbenchState): DraftInput {
  const changes: DraftChange[] = [];
  for (const [name, value] of s.globals) changes.push({ op: 'set-global', name, value });
  for (const [key, value] of s.ruleParams) {
    const [rule, path] = key.split('|');
    changes.push({ op: 'set-parameter', rule, path, value });
  }
  for (const rule of s.withdrawn) changes.push({ op: 'withdraw-rule', rule });
  for (const rule of s.addedRules) changes.push({ op: 'add-rule', rule });
  for (const zone of s.zones) changes.push({ op: 'add-zone', zone });
  changes.push(...s.other);
  return {
    id: s.id,
    title: s.title || s.id,
    base: s.base?.id ?? '',
    description: s.description,
    changes,
  };
}

/**
 * The editor's state for a stored or shipped draft over its base. A shipped draft cannot be replaced: its edits
 * are saved as a new stored draft (savedId stays unset until then).
 */
export function fromDraft(draft: Draft, base: Rulebook, source: 'builtin' | 'stored'): WorkbenchState {
  const s = newWorkbench();
  s.base = base;
  s.title = draft.title;
  s.description = draft.description;
  if (source === 'stored') {
    s.id = draft.id;
    s.savedId = draft.id;
  } else s.shippedTitle = draft.title;
  for (const c of draft.changes) {
    if (c.op === 'set-global') s.globals.set(c.name, c.value);
    else if (c.op === 'set-parameter') s.ruleParams.set(`${c.rule}|${c.path}`, c.value);
    else if (c.op === 'withdraw-rule') s.withdrawn.add(c.rule);
    else if (c.op === 'add-rule') s.addedRules.push(c.rule);
    else if (c.op === 'add-zone') s.zones.push(c.zone);
    else s.other.push(c);
  }
  return s;
}

/** Parse what the user typed into a value of the same kind as the original. */
export function coerce(text: string, like: unknown): unknown {
  if (typeof like === 'number') return Number(text);
  if (typeof like === 'boolean') return text === 'true';
  if (like === null || typeof like === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
