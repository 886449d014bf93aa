import type { Server } from 'socket.io';
import { ackError, ackOk, JobSubscribe } from '../../../rules/src/protocol/index.js';
import { AppError } from '../errors.js';
import type { ImpactJobService, JobEvents } from '../services/impact/jobs.js';
import { progressMessage } from '../services/impact/jobs.js';

export const jobRoom = (jobId: string) => `job:${jobId}`;

/** Job events go to the room `job:<id>`; a client joins it with `job:subscribe`. */
export function socketJobEvents(io: Server): JobEvents {
  return {
    progress: (p) => io.to(jobRoom(p.jobId)).emit('job:progress', p),
    done: (d) => io.to(jobRoom(d.jobId)).emit('job:done', d),
  };
}

type Ack = (res: unknown) => void;

/**
 * `job:subscribe {jobId}` → ack, then at once the job's current progress (and `job:done` when it has
 * already finished), so a subscriber never waits for an event that was sent before it joined.
 */
export function registerJobSockets(io: Server, jobs: ImpactJobService): void {
  io.on('connection', (socket) => {
    socket.on('job:subscribe', async (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      const parsed = JobSubscribe.safeParse(payload);
      if (!parsed.success) return reply(ackError('invalid-payload', 'expected {jobId}'));
      const { jobId } = parsed.data;
      try {
        const job = await jobs.get(jobId);
        await socket.join(jobRoom(jobId));
        reply(ackOk({ jobId }));
        const p = { done: job.processed, total: job.total, percent: job.percent, etaMs: job.etaMs, elapsedMs: 0 };
        socket.emit('job:progress', {
          jobId,
          done: p.done,
          total: p.total,
          message: progressMessage(p),
          percent: p.percent,
          etaMs: p.etaMs,
        });
        if (job.status === 'done') socket.emit('job:done', { jobId, ok: true, result: job.summary });
        if (job.status === 'failed')
          socket.emit('job:done', { jobId, ok: false, error: { code: 'failed', message: job.error ?? 'failed' } });
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          return reply(ackError('not-found', `job "${jobId}" not found`));
        reply(ackError('internal', 'internal error'));
      }
    });
  });
}
