import { randomUUID } from 'node:crypto';
import { validatePlan } from '@sua-sandbox/rules/engine';
import type { FlightPlan } from '@sua-sandbox/rules/model';
import { badRequest, notFound, validationFailed } from '../errors.js';
import type { Repositories, Store, StoredPlan } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';

export interface PlanSummary {
  id: string;
  name: string | null;
  ownerOrg: string | null;
  start: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export const summarisePlan = (p: StoredPlan): PlanSummary => ({
  id: p.id,
  name: p.name,
  // the contract (PlanList in rules/src/api/plans.ts) declares it; the list is already scoped to what the caller sees
  ownerOrg: p.ownerOrg,
  start: p.plan.start,
  revision: p.revision,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** Where a plan issue points in the request: `route.coordinates.3` → `body.route.coordinates.3` by default. */
export type PlanIssuePath = (path: (string | number)[]) => (string | number)[];
const inBody: PlanIssuePath = (path) => ['body', ...path];

/**
 * A plan is stored only if a check would accept it: the same validation as a check (schema, then timing:
 * no leg in no time, no flight longer than the engine's maximum), with the same issue paths, so nothing is
 * stored that `POST /api/plans/:id/check` would then refuse.
 */
function checkable(plan: FlightPlan, issuePath: PlanIssuePath): void {
  const v = validatePlan(plan);
  if (!v.ok)
    throw validationFailed(
      v.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
      'the flight plan could not be checked as stored',
    );
}

/** Stored flight plans: CRUD with an audit entry for every change. Plans are validated as a check would. */
export class PlanService {
  constructor(private readonly store: Store) {}

  /** Throws the same 400 a store or a check would give, without storing anything. */
  validate(plan: FlightPlan, issuePath: PlanIssuePath = inBody): FlightPlan {
    checkable(plan, issuePath);
    return plan;
  }

  /** `ownerOrg` set: one organisation's plans only (an applicant's view); unset: all (the regulator's) */
  async list(page: { limit: number; offset: number }, ownerOrg?: string) {
    const [items, total] = await Promise.all([
      this.store.plans.list({ ...page, ownerOrg }),
      this.store.plans.count({ ownerOrg }),
    ]);
    return { total, items: items.map(summarisePlan) };
  }

  async get(id: string): Promise<StoredPlan> {
    const p = await this.store.plans.get(id);
    if (!p) throw notFound('plan', id);
    return p;
  }

  /**
   * `who.ownerOrg`: the organisation the plan will belong to (the creating applicant's). `then` runs in the same
   * transaction once the plan is stored (a background upload writes its job's result there: both or neither).
   */
  async create(
    plan: FlightPlan,
    who: Actor & { ownerOrg?: string | null },
    issuePath: PlanIssuePath = inBody,
    then?: (tx: Repositories, created: StoredPlan) => Promise<void>,
  ): Promise<StoredPlan> {
    checkable(plan, issuePath);
    const id = plan.id ?? randomUUID();
    const stored = { ...plan, id };
    return this.store.transaction(async (tx) => {
      const created = await tx.plans.create({
        id,
        name: plan.name ?? null,
        plan: stored,
        ownerOrg: who.ownerOrg ?? null,
      });
      await recordAudit(tx, who, 'create', 'plan', id, null, stored);
      await then?.(tx, created);
      return created;
    });
  }

  async update(id: string, plan: FlightPlan, who: Actor): Promise<StoredPlan> {
    if (plan.id !== undefined && plan.id !== id)
      throw badRequest(`plan id "${plan.id}" does not match the URL id "${id}"`, [
        { path: ['body', 'id'], message: `must be "${id}" or absent` },
      ]);
    checkable(plan, inBody);
    const stored = { ...plan, id };
    return this.store.transaction(async (tx) => {
      const before = await tx.plans.get(id);
      if (!before) throw notFound('plan', id);
      const updated = await tx.plans.update(id, { name: plan.name ?? null, plan: stored });
      if (!updated) throw notFound('plan', id);
      await recordAudit(tx, who, 'update', 'plan', id, before.plan, stored);
      return updated;
    });
  }

  async delete(id: string, who: Actor): Promise<void> {
    await this.store.transaction(async (tx) => {
      const before = await tx.plans.get(id);
      if (!before) throw notFound('plan', id);
      await tx.plans.delete(id);
      await recordAudit(tx, who, 'delete', 'plan', id, before.plan, null);
    });
  }

  async reports(id: string) {
    await this.get(id);
    return this.store.reports.listForPlan(id);
  }
}
