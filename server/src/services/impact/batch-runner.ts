import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { ApiError } from '@sua-sandbox/rules/protocol';
import type { Logger } from 'pino';
import { AirspaceRefs } from '../../workers/airspace-cache.js';
import { type WorkPool, WorkTaskError } from '../../workers/pool.js';
import { runWithAirspace } from '../../workers/with-airspace.js';
import { evaluateImpactBatch, type ImpactBatchInput, type ImpactBatchResult } from './batch.js';

/** A batch that produced no result; `reply` is what the job stores and reports as its error. */
export class ImpactBatchFailed extends Error {
  readonly reply: ApiError;

  constructor(input: ImpactBatchInput, cause: unknown) {
    const range = `plans ${input.firstSeq}–${input.firstSeq + input.items.length - 1}`;
    const exposed = cause instanceof WorkTaskError && cause.expose;
    const reason = exposed ? cause.message : 'the impact run failed';
    super(`the batch of ${range} failed: ${reason}`, { cause });
    this.name = 'ImpactBatchFailed';
    this.reply = { code: exposed ? cause.code : 'internal', message: this.message };
  }
}

/** Tries when the pool is busy with other heavy requests, waiting a little longer each time. */
const BUSY_TRIES = 5;
const BUSY_PAUSE_MS = 1_000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Runs impact batches as 'impact-batch' pool tasks, with the airspace sent by reference. */
export class BatchRunner {
  private readonly refs = new AirspaceRefs();

  constructor(
    private readonly pool: WorkPool,
    private readonly logger: Logger,
  ) {}

  async run(input: ImpactBatchInput, airspace: ZoneIndex, signal: AbortSignal): Promise<ImpactBatchResult> {
    // a custom ground model cannot be rebuilt in a worker: evaluate here (in slices)
    if (!this.refs.portable(airspace)) return evaluateImpactBatch(input, airspace);
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await runWithAirspace(
          this.pool,
          'impact-batch',
          (ref) => ({ ...input, airspace: ref }),
          airspace,
          this.refs,
          { signal },
        );
        return { impacts: out.impacts, tally: out.tally };
      } catch (err) {
        // a background job waits for checks and imports rather than failing because they came first
        const busy = err instanceof WorkTaskError && err.reason === 'busy';
        if (busy && attempt < BUSY_TRIES && !signal.aborted) {
          this.logger.info({ attempt, firstSeq: input.firstSeq }, 'impact batch waits: the worker pool is busy');
          await pause(BUSY_PAUSE_MS * attempt, signal);
          continue;
        }
        throw new ImpactBatchFailed(input, err);
      }
    }
  }
}
