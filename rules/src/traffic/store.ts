import type { OperationalIntent, OperationalIntentReference } from './intent.js';
import type { SubmitResult } from './overlap.js';
import type { Volume4D } from './volume.js';

/**
 * The accepted intents of every operator, as the DSS holds them. `submit` only looks: the caller decides
 * and then calls `put` (accept, or a new version) or `remove` (ended). Two implementations with identical
 * answers: NaiveIntentStore (all pairs) and GridIntentStore (space cells × time bins).
 */
export interface IntentStore {
  readonly size: number;
  submit(intent: OperationalIntent): SubmitResult;
  /** insert or replace (same id) an intent; an Ended one is removed */
  put(intent: OperationalIntent): void;
  remove(id: string): boolean;
  get(id: string): OperationalIntent | undefined;
  /** references of the intents with a volume meeting the area of interest, in id order */
  queryArea(aoi: Volume4D): OperationalIntentReference[];
}
