import { createHash } from 'node:crypto';
import type { ZoneIndex } from '@sua-sandbox/rules/airspace';
import type { Rulebook } from '@sua-sandbox/rules/model';
import type { Scenario } from '@sua-sandbox/rules/sim';
import type { TrafficParams } from '@sua-sandbox/rules/traffic';
import { z } from 'zod';
import { AppError, badRequest, notFound } from '../../errors.js';
import type { AirspaceService } from '../airspace.js';
import type { PermissionService } from '../permissions.js';
import { DRAFT_PREFIX, type RulebookService } from '../rulebooks.js';
import type { ScenarioRunInput } from './run-scenario.js';

/**
 * What a scenario batch was built from, stored with the job so whichever process runs it (this server after a
 * restart, a queue worker) rebuilds the same runs, or refuses when an input changed: a resumed batch must end
 * with the result an uninterrupted one would have.
 */
export const BatchInput = z.object({
  v: z.literal(1),
  scenarios: z.array(z.string()).min(1),
  rulebook: z.discriminatedUnion('kind', [
    /** each scenario's own rulebook, else the one in force on its start date */
    z.object({ kind: z.literal('own') }),
    z.object({ kind: z.literal('rulebook'), id: z.string() }),
    z.object({ kind: z.literal('draft'), id: z.string(), revision: z.number() }),
  ]),
  seed: z.number().int().nullable(),
  /** sha-256 of every run's inputs (scenario, rulebook, permissions, traffic parameters) */
  runs: z.string(),
  /** the airspace index version (catalogue + zone layers) */
  airspace: z.string(),
});
export type BatchInput = z.infer<typeof BatchInput>;

export interface BatchInputDeps {
  rulebooks: RulebookService;
  airspace: AirspaceService;
  permissions: PermissionService;
  /** the shipped scenarios (scenarios/*.yaml) */
  scenarios: () => readonly Scenario[] | Promise<readonly Scenario[]>;
  /** the traffic parameters live sessions use (rules/data/traffic) */
  trafficParams: () => TrafficParams;
}

/** Everything the batch runs with: one input per requested scenario, and the airspace. */
export interface BatchContext {
  items: ScenarioRunInput[];
  airspace: ZoneIndex;
}

/** An input of a stored batch is gone or changed: the job fails with this reason. */
export class BatchRefused extends Error {
  constructor(readonly reason: string) {
    super(`cannot run the batch: ${reason}; start it again`);
    this.name = 'BatchRefused';
  }
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

type RulebookChoice = BatchInput['rulebook'];

/** The rulebook reference of a request: 404 for an unknown rulebook or draft, 400 for a draft that does not apply. */
async function chooseRulebook(
  ref: string | undefined,
  rulebooks: RulebookService,
): Promise<{ choice: RulebookChoice; rulebook?: Rulebook }> {
  if (ref === undefined) return { choice: { kind: 'own' } };
  if (!ref.startsWith(DRAFT_PREFIX)) return { choice: { kind: 'rulebook', id: ref }, rulebook: rulebooks.get(ref) };
  const id = ref.slice(DRAFT_PREFIX.length);
  const rec = await rulebooks.findDraft(id);
  if (!rec) throw notFound('draft', id);
  return {
    choice: { kind: 'draft', id, revision: rec.revision },
    rulebook: rulebooks.apply(rec.draft, ['body', 'rulebook']).rulebook,
  };
}

async function contextOf(
  ids: readonly string[],
  seed: number | null,
  rulebook: Rulebook | undefined,
  deps: BatchInputDeps,
): Promise<BatchContext> {
  const shipped = new Map((await deps.scenarios()).map((s) => [s.id, s]));
  const unknown = ids.flatMap((id, i) => (shipped.has(id) ? [] : [{ i, id }]));
  if (unknown.length > 0)
    throw badRequest(
      `unknown scenario ${unknown.map((u) => `"${u.id}"`).join(', ')}`,
      unknown.map((u) => ({
        path: ['body', 'scenarios', u.i],
        message: `unknown scenario; known: ${[...shipped.keys()].join(', ')}`,
      })),
    );
  const permissions = await deps.permissions.all();
  const traffic = deps.trafficParams();
  const items = ids.map((id): ScenarioRunInput => {
    const base = shipped.get(id) as Scenario;
    const scenario = seed === null ? base : { ...base, seed };
    const rb =
      rulebook ??
      (scenario.rulebook ? deps.rulebooks.get(scenario.rulebook) : deps.rulebooks.inForce(scenario.start.slice(0, 10)));
    return { scenario, rulebook: rb, permissions, traffic };
  });
  return { items, airspace: await deps.airspace.refresh() };
}

/** A new batch: its context and the input stored with the job. Bad ids: 400 naming `body.scenarios.<i>`. */
export async function buildBatch(
  req: { scenarios: string[]; rulebook?: string; seed?: number },
  deps: BatchInputDeps,
): Promise<{ ctx: BatchContext; input: BatchInput }> {
  const { choice, rulebook } = await chooseRulebook(req.rulebook, deps.rulebooks);
  const seed = req.seed ?? null;
  const ctx = await contextOf(req.scenarios, seed, rulebook, deps);
  const input: BatchInput = {
    v: 1,
    scenarios: req.scenarios,
    rulebook: choice,
    seed,
    runs: sha256(ctx.items),
    airspace: ctx.airspace.version,
  };
  return { ctx, input };
}

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Rebuilds a stored batch's context, refusing (BatchRefused) when an input is gone or differs. */
export async function rebuildBatch(stored: unknown, deps: BatchInputDeps): Promise<BatchContext> {
  const parsed = BatchInput.safeParse(stored);
  if (!parsed.success) throw new BatchRefused('the stored batch input is not readable');
  const input = parsed.data;
  let rulebook: Rulebook | undefined;
  let ctx: BatchContext;
  try {
    if (input.rulebook.kind === 'rulebook') rulebook = deps.rulebooks.get(input.rulebook.id);
    if (input.rulebook.kind === 'draft') {
      const rec = await deps.rulebooks.findDraft(input.rulebook.id);
      if (!rec) throw new BatchRefused(`the draft "${input.rulebook.id}" was deleted after the batch started`);
      if (rec.revision !== input.rulebook.revision)
        throw new BatchRefused(`the draft "${input.rulebook.id}" changed after the batch started`);
      rulebook = deps.rulebooks.apply(rec.draft, []).rulebook;
    }
    ctx = await contextOf(input.scenarios, input.seed, rulebook, deps);
  } catch (err) {
    if (err instanceof BatchRefused) throw err;
    if (err instanceof AppError) throw new BatchRefused(reasonOf(err));
    throw err;
  }
  if (ctx.airspace.version !== input.airspace)
    throw new BatchRefused(
      `the zone layers changed after the batch started (${input.airspace} → ${ctx.airspace.version})`,
    );
  if (sha256(ctx.items) !== input.runs)
    throw new BatchRefused(
      'a scenario, rulebook, the permissions or the traffic parameters changed after the batch started',
    );
  return ctx;
}
