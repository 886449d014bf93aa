import { createHash } from 'node:crypto';
import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import { Draft, type Permission, type Rulebook } from '@sua-sandbox/rules/model';
import type { TrafficData } from '@sua-sandbox/rules/traffic';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AirspaceService } from '../airspace.js';
import type { PermissionService } from '../permissions.js';
import type { RulebookService } from '../rulebooks.js';
import { builtinTraffic, type JobTraffic, jobTraffic } from './traffic.js';

/**
 * What an impact job was built from, stored with the job so a restart can rebuild it, or refuse to when
 * an input is gone or changed (a resumed job must give exactly the result an uninterrupted run would).
 * The corpus itself is copied into the store (impact_inputs); the rest is referenced and fingerprinted.
 */
export const JobInput = z.object({
  v: z.literal(1),
  draft: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stored'), id: z.string(), revision: z.number() }),
    // an inline draft lives only in the request: keep it whole
    z.object({ kind: z.literal('inline'), draft: z.unknown() }),
  ]),
  /** `${id}@${version}` of the base rulebook */
  base: z.string(),
  /** sha-256 of the base and target rulebooks as applied (and of the traffic data, for a traffic draft) */
  rulebooks: z.string(),
  /** the airspace index version (catalogue + zone layers version) */
  airspace: z.string(),
  /** sha-256 of the permissions the checks use */
  permissions: z.string(),
});
export type JobInput = z.infer<typeof JobInput>;

/** Everything a run evaluates with. */
export interface JobContext {
  base: Rulebook;
  target: Rulebook;
  airspace: ZoneIndex;
  permissions: Permission[];
  /** base and draft traffic data, when the draft sets traffic parameters */
  traffic?: JobTraffic;
}

export interface JobInputDeps {
  rulebooks: RulebookService;
  airspace: AirspaceService;
  permissions: PermissionService;
  /** the base traffic data (default: rules/data/traffic) */
  traffic?: () => TrafficData;
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The fingerprint part of a job's input, from the context it runs with. */
export function fingerprint(ctx: JobContext): Omit<JobInput, 'v' | 'draft'> {
  return {
    base: `${ctx.base.id}@${ctx.base.version}`,
    rulebooks: sha256(ctx.traffic ? [ctx.base, ctx.target, ctx.traffic] : [ctx.base, ctx.target]),
    airspace: ctx.airspace.version,
    permissions: sha256(ctx.permissions),
  };
}

/** Thrown when an interrupted job cannot be resumed; the message is stored as the job's error. */
export class ResumeRefused extends Error {
  constructor(readonly reason: string) {
    super(`cannot resume after the restart: ${reason}; start the job again`);
    this.name = 'ResumeRefused';
  }
}

const reasonOf = (err: unknown) => (err instanceof AppError || err instanceof Error ? err.message : String(err));

/** Rebuilds the context of a stored job, refusing (ResumeRefused) when an input is gone or differs. */
export async function rebuildContext(stored: unknown, deps: JobInputDeps): Promise<JobContext> {
  const parsed = JobInput.safeParse(stored);
  if (!parsed.success) throw new ResumeRefused('the job was created before jobs kept checkpoints');
  const input = parsed.data;
  let draft: Draft;
  let label: string;
  if (input.draft.kind === 'stored') {
    label = `the draft "${input.draft.id}"`;
    const rec = await deps.rulebooks.findDraft(input.draft.id);
    if (!rec) throw new ResumeRefused(`${label} was deleted after the job started`);
    if (rec.revision !== input.draft.revision)
      throw new ResumeRefused(
        `${label} changed after the job started (revision ${input.draft.revision} → ${rec.revision})`,
      );
    draft = rec.draft;
  } else {
    const inline = Draft.safeParse(input.draft.draft);
    if (!inline.success) throw new ResumeRefused('the inline draft stored with the job no longer validates');
    draft = inline.data;
    label = `the inline draft "${draft.id}"`;
  }
  let applied: { base: Rulebook; rulebook: Rulebook };
  try {
    applied = deps.rulebooks.apply(draft, []);
  } catch (err) {
    throw new ResumeRefused(`${label} no longer applies to its base: ${reasonOf(err)}`);
  }
  let traffic: JobTraffic | undefined;
  try {
    traffic = jobTraffic(draft, deps.traffic?.() ?? builtinTraffic());
  } catch (err) {
    throw new ResumeRefused(`${label} no longer applies to the traffic data: ${reasonOf(err)}`);
  }
  const ctx: JobContext = {
    base: applied.base,
    target: applied.rulebook,
    airspace: await deps.airspace.refresh(),
    permissions: await deps.permissions.all(),
    ...(traffic && { traffic }),
  };
  const now = fingerprint(ctx);
  if (now.base !== input.base) throw new ResumeRefused(`the base rulebook changed from ${input.base} to ${now.base}`);
  if (now.rulebooks !== input.rulebooks)
    throw new ResumeRefused(`the rulebook ${input.base} or ${label} changed after the job started`);
  if (now.airspace !== input.airspace)
    throw new ResumeRefused(
      `the zone layers changed after the job started (airspace ${input.airspace} → ${now.airspace})`,
    );
  if (now.permissions !== input.permissions) throw new ResumeRefused('the permissions changed after the job started');
  return ctx;
}
