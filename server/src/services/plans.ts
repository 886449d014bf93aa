import { randomUUID } from 'node:crypto';
import type { FlightPlan } from '../../../rules/src/model/index.js';
import { badRequest, notFound } from '../errors.js';
import type { Store, StoredPlan } from '../store/types.js';
import { type Actor, recordAudit } from './audit.js';

export interface PlanSummary {
  id: string;
  name: string | null;
  start: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export const summarisePlan = (p: StoredPlan): PlanSummary => ({
  id: p.id,
  name: p.name,
  start: p.plan.start,
  revision: p.revision,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** Stored flight plans: CRUD with an audit entry for every change. Plans arrive already validated. */
export class PlanService {
  constructor(private readonly store: Store) {}

  async list(page: { limit: number; offset: number }) {
    const [items, total] = await Promise.all([this.store.plans.list(page), this.store.plans.count()]);
    return { total, items: items.map(summarisePlan) };
  }

  async get(id: string): Promise<StoredPlan> {
    const p = await this.store.plans.get(id);
    if (!p) throw notFound('plan', id);
    return p;
  }

  async create(plan: FlightPlan, who: Actor): Promise<StoredPlan> {
    const id = plan.id ?? randomUUID();
    const stored = { ...plan, id };
    return this.store.transaction(async (tx) => {
      const created = await tx.plans.create({ id, name: plan.name ?? null, plan: stored });
      await recordAudit(tx, who, 'create', 'plan', id, null, stored);
      return created;
    });
  }

  async update(id: string, plan: FlightPlan, who: Actor): Promise<StoredPlan> {
    if (plan.id !== undefined && plan.id !== id)
      throw badRequest(`plan id "${plan.id}" does not match the URL id "${id}"`, [
        { path: ['body', 'id'], message: `must be "${id}" or absent` },
      ]);
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
