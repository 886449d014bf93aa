import { areaMeets, compileArea } from './aoi.js';
import { type CompiledIntent, compileIntent } from './compiled.js';
import type { OperationalIntent, OperationalIntentReference } from './intent.js';
import { earliestShift, findIntentConflicts, type SubmitResult } from './overlap.js';
import type { TrafficParams } from './params.js';
import { createPlane, type Plane } from './plane.js';
import type { IntentStore } from './store.js';
import type { Volume4D } from './volume.js';

/** Every pair, every time: the reference the index is tested against. */
export class NaiveIntentStore implements IntentStore {
  private readonly plane: Plane;
  private readonly byId = new Map<string, CompiledIntent>();
  /** the same intents in an array: a plain loop is the fastest all-pairs scan */
  private readonly list: CompiledIntent[] = [];

  constructor(private readonly params: TrafficParams) {
    this.plane = createPlane(params.plane.originLon, params.plane.originLat);
  }

  get size(): number {
    return this.byId.size;
  }

  submit(intent: OperationalIntent): SubmitResult {
    const c = compileIntent(this.plane, intent);
    const conflicts = findIntentConflicts(c, this.list);
    const earliestShiftS = conflicts.some((k) => k.blocking)
      ? earliestShift(c, this.list, this.params.deconfliction.maxShiftS)
      : 0;
    return { conflicts, earliestShiftS };
  }

  put(intent: OperationalIntent): void {
    this.remove(intent.reference.id);
    if (intent.reference.state === 'Ended') return;
    const c = compileIntent(this.plane, intent);
    this.byId.set(c.id, c);
    this.list.push(c);
  }

  remove(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    const i = this.list.indexOf(old);
    this.list[i] = this.list[this.list.length - 1];
    this.list.pop();
    return true;
  }

  get(id: string): OperationalIntent | undefined {
    return this.byId.get(id)?.source;
  }

  queryArea(aoi: Volume4D): OperationalIntentReference[] {
    const area = compileArea(this.plane, aoi);
    return [...this.byId.values()]
      .filter((c) => c.volumes.some((v) => areaMeets(area, v)))
      .map((c) => c.source.reference)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
