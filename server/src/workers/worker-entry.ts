import { createTaskContext, runTask, type TaskMessage } from './tasks.js';

/** Runs in each worker thread (loaded by entry.mjs): one context per thread, so caches survive between tasks. */
const ctx = createTaskContext();

export default function handle(msg: TaskMessage) {
  return runTask(msg, ctx);
}
