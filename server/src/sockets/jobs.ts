import { ackError, ackOk, issuesFromZod, JobSubscribe } from '@sua-sandbox/rules/protocol';
import { type OwnerLookup, socketOwnerRefusal, socketRefusal } from '../auth/access-policy.js';
import { AppError } from '../errors.js';
import { socketPrincipal } from '../realtime/principal.js';
import type { ImpactJobService, JobEvents } from '../services/impact/jobs.js';
import { progressEvent } from '../services/impact/jobs.js';
import { type LiveServer, replyTo } from './types.js';

export const jobRoom = (jobId: string) => `job:${jobId}`;

/** Job events go to the room `job:<id>`; a client joins it with `job:subscribe`. */
export function socketJobEvents(io: LiveServer): JobEvents {
  return {
    progress: (p) => io.to(jobRoom(p.jobId)).emit('job:progress', p),
    done: (d) => io.to(jobRoom(d.jobId)).emit('job:done', d),
  };
}

/**
 * `job:subscribe {jobId}` → ack, then at once the job's current progress (and `job:done` when it has
 * already finished), so a subscriber never waits for an event that was sent before it joined.
 */
export function registerJobSockets(io: LiveServer, jobs: ImpactJobService, ownerOf: OwnerLookup): void {
  io.on('connection', (socket) => {
    // The payload is validated here; the ack may be missing (or not a function) from a hand-written client.
    socket.on('job:subscribe', async (payload: unknown, ack: unknown) => {
      const reply = replyTo<JobSubscribe>(ack);
      // a job's progress is whoever may read the job's: the regulator's, or the uploader's own (getJob)
      const who = socketPrincipal(socket);
      const refused = socketRefusal('job:subscribe', who);
      if (refused) return reply(ackError(refused.code, refused.message));
      const parsed = JobSubscribe.safeParse(payload);
      if (!parsed.success) return reply(ackError('invalid_payload', 'expected {jobId}', issuesFromZod(parsed.error)));
      const { jobId } = parsed.data;
      try {
        const notYours = await socketOwnerRefusal('job:subscribe', who, jobId, ownerOf);
        if (notYours) return reply(ackError(notYours.code, notYours.message));
        const job = await jobs.get(jobId);
        await socket.join(jobRoom(jobId));
        reply(ackOk({ jobId }));
        const p = { done: job.processed, total: job.total, percent: job.percent, etaMs: job.etaMs, elapsedMs: 0 };
        socket.emit('job:progress', progressEvent(jobId, p));
        if (job.status === 'done') socket.emit('job:done', { jobId, ok: true, result: job.summary });
        if (job.status === 'failed')
          socket.emit('job:done', { jobId, ok: false, error: { code: 'failed', message: job.error ?? 'failed' } });
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          return reply(ackError('not_found', `job "${jobId}" not found`));
        reply(ackError('internal', 'internal error'));
      }
    });
  });
}
