import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import { type AirspaceRef, type AirspaceRefs, isNeedAirspace, type NeedAirspace } from './airspace-cache.js';
import type { RunOptions, WorkPool } from './pool.js';
import type { TaskInput, TaskName, TaskOutput } from './tasks.js';

function ready<O>(out: O): out is Exclude<O, NeedAirspace> {
  return !isNeedAirspace(out);
}

/**
 * Runs a task that needs the airspace: first by key only; if the worker that took it has not built that
 * airspace yet, once more with the zones (it keeps the built index for the next tasks).
 */
export async function runWithAirspace<T extends TaskName>(
  pool: WorkPool,
  task: T,
  input: (airspace: AirspaceRef) => TaskInput[T],
  index: ZoneIndex,
  refs: AirspaceRefs,
  opts: RunOptions = {},
): Promise<Exclude<TaskOutput[T], NeedAirspace>> {
  const first = await pool.run(task, input(refs.ref(index, false)), opts);
  if (ready(first)) return first;
  const second = await pool.run(task, input(refs.ref(index, true)), opts);
  if (ready(second)) return second;
  throw new Error(`the ${task} task asked for airspace ${index.version} although it was sent`);
}
