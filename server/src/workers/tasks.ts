import type { TrafficImpact } from '@sua-sandbox/rules/traffic';
import { importPlanTask, type PlanImportTaskInput, type PlanImportTaskOutput } from '../services/plan-import.js';
import { AirspaceCache } from './airspace-cache.js';
import { type CheckTaskInput, type CheckTaskOutput, checkTask } from './check-task.js';
import { type ImpactBatchTaskInput, type ImpactBatchTaskOutput, impactBatchTask } from './impact-task.js';
import { type ScenarioRunTaskInput, type ScenarioRunTaskOutput, scenarioRunTask } from './scenario-run-task.js';
import { type TrafficImpactTaskInput, trafficImpactTask } from './traffic-impact-task.js';
import { type ZoneImportTaskInput, type ZoneImportTaskOutput, zoneImportTask } from './zone-import-task.js';

/**
 * The tasks a WorkPool runs, by name. Each is a pure function of structured-cloneable input (it may run in
 * a worker thread); caches that outlive one task (built zone indexes) live in the TaskContext.
 * To add a task: its types here, its function in TASKS.
 */
export interface TaskTypes {
  'plan-import': { input: PlanImportTaskInput; output: PlanImportTaskOutput };
  check: { input: CheckTaskInput; output: CheckTaskOutput };
  /** one checkpoint batch of an impact job */
  'impact-batch': { input: ImpactBatchTaskInput; output: ImpactBatchTaskOutput };
  /** an impact job's traffic figures before and after its draft (issue 16) */
  'traffic-impact': { input: TrafficImpactTaskInput; output: TrafficImpact };
  /** one scenario of a batch run, flown headless to its end (POST /api/scenario-batches) */
  'scenario-run': { input: ScenarioRunTaskInput; output: ScenarioRunTaskOutput };
  /** read and validate a zone file (POST /api/zones/import) */
  'zone-import': { input: ZoneImportTaskInput; output: ZoneImportTaskOutput };
  /** a round trip: the pool is up and the task code loaded */
  ping: { input: null; output: 'pong' };
}

export type TaskName = keyof TaskTypes;
export type TaskInput = { [K in TaskName]: TaskTypes[K]['input'] };
export type TaskOutput = { [K in TaskName]: TaskTypes[K]['output'] };

/** State a worker (or the in-process pool) keeps between tasks. */
export interface TaskContext {
  airspace: AirspaceCache;
}

export function createTaskContext(): TaskContext {
  return { airspace: new AirspaceCache() };
}

type TaskFn<K extends TaskName> = (input: TaskInput[K], ctx: TaskContext) => TaskOutput[K] | Promise<TaskOutput[K]>;

export const TASKS: { [K in TaskName]: TaskFn<K> } = {
  'plan-import': (input) => importPlanTask(input),
  check: (input, ctx) => checkTask(input, ctx),
  'impact-batch': (input, ctx) => impactBatchTask(input, ctx),
  'traffic-impact': (input) => trafficImpactTask(input),
  'scenario-run': (input, ctx) => scenarioRunTask(input, ctx),
  'zone-import': (input) => zoneImportTask(input),
  ping: () => 'pong',
};

/** What crosses to a worker: the task's name and its input. */
export interface TaskMessage<T extends TaskName = TaskName> {
  task: T;
  input: TaskInput[T];
}

export function isTaskName(name: unknown): name is TaskName {
  return typeof name === 'string' && Object.hasOwn(TASKS, name);
}

export function runTask<T extends TaskName>(msg: TaskMessage<T>, ctx: TaskContext): Promise<TaskOutput[T]> {
  if (!isTaskName(msg.task)) return Promise.reject(new Error(`unknown task "${String(msg.task)}"`));
  // TASKS[T] is TaskFn<T>; TypeScript cannot correlate the indexed access with T on its own
  const fn = TASKS[msg.task] as TaskFn<T>;
  return Promise.resolve().then(() => fn(msg.input, ctx));
}
